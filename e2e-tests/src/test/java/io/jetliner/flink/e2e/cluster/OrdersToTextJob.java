package io.jetliner.flink.e2e.cluster;

import io.jetliner.flink.source.JetlinerSource;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.apache.avro.generic.GenericRecord;

/**
 * A user's DataStream job, packaged in a job jar with the plain connector and submitted with {@code
 * flink run}: reads the orders under {@code args[0]} as Avro records and writes each one's
 * canonical text as a line of a text file under {@code args[1]}.
 */
public final class OrdersToTextJob {

    private OrdersToTextJob() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        JetlinerSource<GenericRecord> orders =
                JetlinerSource.forGenericRecord(OrderFiles.SCHEMA, new Path(args[0])).build();
        env.fromSource(orders, WatermarkStrategy.noWatermarks(), "orders")
                .map(OrdersToTextJob::line)
                .returns(Types.STRING)
                .sinkTo(
                        FileSink.forRowFormat(new Path(args[1]), new SimpleStringEncoder<String>())
                                .build());
        env.execute("orders to text");
    }

    private static String line(GenericRecord order) {
        Object note = order.get("note");
        return OrderFiles.line(
                (Long) order.get("id"),
                order.get("customer").toString(),
                (Integer) order.get("quantity"),
                (Double) order.get("price"),
                note == null ? null : note.toString(),
                (Integer) order.get("day"));
    }
}
