package io.jetliner.flink.source;

import io.jetliner.flink.testutil.MiniClusters;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event time from a timestamp column: watermarks generated per split as the source reads, and
 * event-time windows that count exactly what was written.
 */
class JetlinerSourceWatermarkITCase {

    private static final Schema SCHEMA =
            SchemaBuilder.record("Reading")
                    .fields()
                    .requiredLong("sequence")
                    .name("event_time")
                    .type(
                            LogicalTypes.timestampMillis()
                                    .addToSchema(Schema.create(Schema.Type.LONG)))
                    .noDefault()
                    .endRecord();

    private static final long SPACING_MS = 25;
    private static final int MAX_JITTER_MS = 400;
    private static final Duration OUT_OF_ORDERNESS = Duration.ofMillis(MAX_JITTER_MS + 100);
    private static final long WINDOW_MS = 10_000;

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    @TempDir java.nio.file.Path dir;

    /**
     * Two files, the second later than the first, each read as many splits by two readers. Each
     * event is up to {@value #MAX_JITTER_MS} ms late against its place in the file, within the
     * bound: as the splits are handed out in file order, no reader ever sees an event older than
     * its watermark, and no event may be dropped as late.
     */
    @Test
    void countsEveryEventInItsTumblingEventTimeWindow() throws Exception {
        Random random = new Random(7);
        Map<Long, Long> expected = new TreeMap<>();
        int eventsPerFile = 20_000;
        for (int f = 0; f < 2; f++) {
            List<GenericRecord> readings = new ArrayList<>(eventsPerFile);
            for (long i = (long) f * eventsPerFile; i < (f + 1L) * eventsPerFile; i++) {
                long eventTime = i * SPACING_MS + random.nextInt(MAX_JITTER_MS);
                GenericRecord reading = new GenericData.Record(SCHEMA);
                reading.put("sequence", i);
                reading.put("event_time", eventTime);
                readings.add(reading);
                expected.merge(eventTime - eventTime % WINDOW_MS, 1L, Long::sum);
            }
            EventFiles.write(
                    dir.resolve("readings-" + f + ".avro"),
                    SCHEMA,
                    CodecFactory.snappyCodec(),
                    4 << 10,
                    readings);
        }
        JetlinerSource<RowData> source =
                JetlinerSource.forRowData(new Path(dir.toUri())).splitSize(16 << 10).build();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        // watermarks while the files are read, not only the final one
        env.getConfig().setAutoWatermarkInterval(1);
        WatermarkStrategy<RowData> eventTime =
                WatermarkStrategy.<RowData>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
                        .withTimestampAssigner(
                                (row, previous) -> row.getTimestamp(1, 3).getMillisecond());
        Map<Long, Long> counts = new TreeMap<>();
        try (CloseableIterator<Tuple2<Long, Long>> windows =
                env.fromSource(source, eventTime, "readings")
                        .process(new WatermarkProbe(), source.getProducedType())
                        .windowAll(TumblingEventTimeWindows.of(Duration.ofMillis(WINDOW_MS)))
                        .process(new CountPerWindow())
                        .executeAndCollect("event-time windows")) {
            windows.forEachRemaining(
                    window -> assertThat(counts.put(window.f0, window.f1)).isNull());
        }

        assertThat(counts).isEqualTo(expected);
        assertThat(WatermarkProbe.eventsBehindWatermark)
                .as("events behind the watermark")
                .hasValue(0);
        assertThat(WatermarkProbe.highestWatermark)
                .as("the highest watermark an event met")
                .hasValueGreaterThan(0);
    }

    /**
     * Passes events on, noting the watermark each one meets: none may be behind it, and the
     * watermark must rise while events still come.
     */
    private static final class WatermarkProbe extends ProcessFunction<RowData, RowData> {

        static final AtomicLong eventsBehindWatermark = new AtomicLong();
        static final AtomicLong highestWatermark = new AtomicLong(Long.MIN_VALUE);

        @Override
        public void processElement(RowData row, Context context, Collector<RowData> out) {
            long watermark = context.timerService().currentWatermark();
            if (context.timestamp() <= watermark) {
                eventsBehindWatermark.incrementAndGet();
            }
            highestWatermark.accumulateAndGet(watermark, Math::max);
            out.collect(row);
        }
    }

    /** (window start, events in the window). */
    private static final class CountPerWindow
            extends ProcessAllWindowFunction<RowData, Tuple2<Long, Long>, TimeWindow> {

        @Override
        public void process(
                Context context, Iterable<RowData> rows, Collector<Tuple2<Long, Long>> out) {
            long count = 0;
            for (RowData ignored : rows) {
                count++;
            }
            out.collect(Tuple2.of(context.window().getStart(), count));
        }
    }
}
