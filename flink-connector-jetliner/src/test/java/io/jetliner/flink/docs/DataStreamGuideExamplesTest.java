package io.jetliner.flink.docs;

import io.jetliner.flink.source.JetlinerSource;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the code examples of docs/datastream.md as they are written there. */
class DataStreamGuideExamplesTest {

    private static final Schema EVENTS =
            SchemaBuilder.record("Event")
                    .fields()
                    .requiredLong("event_id")
                    .requiredString("user")
                    .requiredDouble("amount")
                    .name("ts")
                    .type(
                            LogicalTypes.timestampMillis()
                                    .addToSchema(Schema.create(Schema.Type.LONG)))
                    .noDefault()
                    .endRecord();

    @TempDir java.nio.file.Path tmp;

    @Test
    void theQuickExampleReadsTheProjectedColumnsOfADirectory() throws Exception {
        String directory = writeEvents(1_000);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JetlinerSource<RowData> source =
                JetlinerSource.forRowData(new Path(directory))
                        .projectedFields("event_id", "amount")
                        .build();
        DataStream<RowData> events =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "events");

        List<RowData> rows = events.executeAndCollect(2_000);
        assertThat(rows).hasSize(1_000);
        assertThat(rows).allSatisfy(row -> assertThat(row.getArity()).isEqualTo(2));
        assertThat(rows.stream().mapToLong(row -> row.getLong(0)).sum()).isEqualTo(999L * 1000 / 2);
    }

    @Test
    void theEventTimeExampleAssignsTimestampsFromTheTimestampColumn() throws Exception {
        String directory = writeEvents(500);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JetlinerSource<RowData> source = JetlinerSource.forRowData(new Path(directory)).build();

        WatermarkStrategy<RowData> watermarks =
                WatermarkStrategy.<RowData>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                        .withTimestampAssigner(
                                (row, previous) -> row.getTimestamp(3, 3).getMillisecond());
        DataStream<RowData> events = env.fromSource(source, watermarks, "events");

        List<Long> timestamps =
                events.process(
                                new org.apache.flink.streaming.api.functions.ProcessFunction<
                                        RowData, Long>() {
                                    @Override
                                    public void processElement(
                                            RowData row,
                                            Context context,
                                            org.apache.flink.util.Collector<Long> out) {
                                        out.collect(context.timestamp());
                                    }
                                })
                        .executeAndCollect(1_000);
        assertThat(timestamps)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.range(0, 500)
                                .mapToObj(id -> 1_700_000_000_000L + id * 1000)
                                .collect(Collectors.toList()));
    }

    private String writeEvents(int rows) throws IOException {
        File directory = tmp.resolve("events").toFile();
        directory.mkdirs();
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<>(EVENTS))) {
            writer.create(EVENTS, new File(directory, "part-0.avro"));
            for (long id = 0; id < rows; id++) {
                GenericRecord record = new GenericData.Record(EVENTS);
                record.put("event_id", id);
                record.put("user", "user-" + (id % 7));
                record.put("amount", id * 0.5);
                record.put("ts", 1_700_000_000_000L + id * 1000);
                writer.append(record);
            }
        }
        return directory.toURI().toString();
    }
}
