package io.jetliner.flink.source.reader;

import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.source.EventFiles;
import io.jetliner.flink.source.split.BlockRangeSplit;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.fs.Path;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.InternalSourceReaderMetricGroup;
import org.apache.flink.table.data.RowData;

import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import static io.jetliner.flink.source.reader.ReaderPolling.pollUntil;
import static io.jetliner.flink.source.reader.ReaderPolling.pollUntilEndOfInput;
import static org.assertj.core.api.Assertions.assertThat;

/** The source reader with a row limit: it emits that many rows, then reads nothing more. */
class JetlinerSourceReaderLimitTest {

    private static final int BLOCKS = 60;
    private static final int RECORDS_PER_BLOCK = 30;

    @TempDir java.nio.file.Path dir;

    private BlockRangeSplit file;
    private BlockRangeSplit missingFile;
    private BlockRangeSplit anotherMissingFile;

    @BeforeEach
    void writeFiles() throws Exception {
        int[] blocks = new int[BLOCKS];
        Arrays.fill(blocks, RECORDS_PER_BLOCK);
        java.nio.file.Path events = dir.resolve("events.avro");
        EventFiles.writeBlocks(events, CodecFactory.deflateCodec(1), blocks);
        file = wholeFile(events, Files.size(events));
        // reading any block of these would fail: they must never be opened
        missingFile = wholeFile(dir.resolve("missing.avro"), 10_000);
        anotherMissingFile = wholeFile(dir.resolve("also-missing.avro"), 10_000);
    }

    @Test
    void emitsTheFirstRowsUpToTheLimitAcrossBlocksThenFinishesEverySplitUnread() throws Exception {
        MetricListener metrics = new MetricListener();
        RecordingOutput output = new RecordingOutput();
        try (JetlinerSourceReader<RowData> reader = reader(metrics, 45)) {
            reader.start();
            reader.addSplits(List.of(file, missingFile));
            pollUntil(reader, output, () -> output.ids.size() == 45);
            // a split assigned after the limit is reached finishes at once, too
            reader.addSplits(List.of(anotherMissingFile));
            reader.notifyNoMoreSplits();
            pollUntilEndOfInput(reader, output);

            assertThat(output.ids).containsExactlyElementsOf(ids(0, 45));
            assertThat(reader.snapshotState(1)).as("splits left in hand").isEmpty();
            // the block of the limit and those read ahead before the fetcher stopped the reading
            assertThat(metrics.<Long>getGauge("jetliner", "blocksRead").map(Gauge::getValue))
                    .hasValueSatisfying(blocks -> assertThat(blocks).isLessThan(BLOCKS / 4));
        }
    }

    @Test
    void readsNoBlockAtAllWithALimitOfZero() throws Exception {
        MetricListener metrics = new MetricListener();
        RecordingOutput output = new RecordingOutput();
        try (JetlinerSourceReader<RowData> reader = reader(metrics, 0)) {
            reader.start();
            reader.addSplits(List.of(file, missingFile));
            reader.notifyNoMoreSplits();
            pollUntilEndOfInput(reader, output);

            assertThat(output.ids).isEmpty();
            assertThat(metrics.<Long>getGauge("jetliner", "blocksRead").map(Gauge::getValue))
                    .hasValue(0L);
        }
    }

    @Test
    void emitsEveryRowWhenThereAreFewerThanTheLimit() throws Exception {
        RecordingOutput output = new RecordingOutput();
        long records = (long) BLOCKS * RECORDS_PER_BLOCK;
        try (JetlinerSourceReader<RowData> reader = reader(new MetricListener(), records + 1)) {
            reader.start();
            reader.addSplits(List.of(file));
            reader.notifyNoMoreSplits();
            pollUntilEndOfInput(reader, output);
        }

        assertThat(output.ids).containsExactlyElementsOf(ids(0, records));
    }

    private static BlockRangeSplit wholeFile(java.nio.file.Path file, long size) {
        return new BlockRangeSplit(Path.fromLocalFile(file.toFile()), 0, size, size, 0);
    }

    private static List<Long> ids(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    private static JetlinerSourceReader<RowData> reader(MetricListener metrics, long limit) {
        return new JetlinerSourceReader<>(
                new TestingReaderContext(
                        new Configuration(),
                        InternalSourceReaderMetricGroup.mock(metrics.getMetricGroup())),
                new RowDataFormat(EventFiles.ROW_TYPE, 16),
                ReaderOptions.builder().batchSize(16).bufferBlocks(2).build(),
                limit);
    }

    /** Keeps the id of every row emitted. */
    private static final class RecordingOutput extends TestingReaderOutput<RowData> {
        final List<Long> ids = new ArrayList<>();

        @Override
        public void collect(RowData row) {
            ids.add(row.getLong(0));
        }

        @Override
        public void collect(RowData row, long timestamp) {
            collect(row);
        }
    }
}
