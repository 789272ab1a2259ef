package io.jetliner.flink.source.reader;

import io.jetliner.flink.ErrorMode;
import io.jetliner.flink.avro.decode.RowFilter;
import io.jetliner.flink.avro.schema.AvroTypes;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.source.split.BlockRangeSplit;
import io.jetliner.flink.testutil.AvroFiles;
import io.jetliner.flink.testutil.BrokenFiles;
import io.jetliner.flink.testutil.BrokenFiles.BrokenFile;

import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.InternalSourceReaderMetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The source reader in skip-block mode over broken files cut into splits: exactly the rows of the
 * intact blocks, whatever the split points; skips counted in its metrics, an unreadable file once
 * however many splits it has; and a reader restored from any snapshot emits neither a skipped row
 * nor one twice, and loses none. The same with a filter, which drops rows but never the check that
 * a block decodes whole before any of its rows is emitted.
 */
@Timeout(120)
class JetlinerSourceReaderSkipModeTest {

    private static final RowType ROW_TYPE = AvroTypes.toRowType(BrokenFiles.SCHEMA);

    /**
     * Accepts every third row. The record that the record-level variants break (id 23) is not one
     * of them: its block must be skipped whole all the same, though the filter drops that record.
     */
    private static final RowFilter EVERY_THIRD_ID =
            RowFilter.in(
                    "id",
                    LongStream.range(0, BrokenFiles.BLOCKS * BrokenFiles.RECORDS_PER_BLOCK)
                            .filter(id -> id % 3 == 0)
                            .boxed()
                            .collect(Collectors.toList()));

    @TempDir java.nio.file.Path dir;

    @Test
    void deliversExactlyTheIntactBlocksWhateverTheSplitsAndCountsTheSkips() throws Exception {
        int fileNumber = 0;
        for (String codec : AvroFiles.CODECS) {
            for (BrokenFile broken : BrokenFiles.variants(codec)) {
                List<BlockRangeSplit> splits = thirds(write(broken, fileNumber++));
                MetricListener metrics = new MetricListener();
                TestingReaderContext context =
                        new TestingReaderContext(
                                new Configuration(),
                                InternalSourceReaderMetricGroup.mock(metrics.getMetricGroup()));
                List<Long> ids = new ArrayList<>();
                try (JetlinerSourceReader<RowData> reader = reader(context)) {
                    reader.start();
                    reader.addSplits(splits);
                    reader.notifyNoMoreSplits();
                    pollUntilEndOfInput(reader, new IdOutput(ids));
                }

                assertThat(ids).as("%s", broken).containsExactlyElementsOf(broken.survivingIds());
                long skippedBlocks = gauge(metrics, "skippedBlocks");
                long skippedFiles = gauge(metrics, "skippedFiles");
                if (broken.headerBroken()) {
                    assertThat(skippedFiles).as("%s", broken).isEqualTo(1);
                    assertThat(skippedBlocks).as("%s", broken).isZero();
                } else {
                    assertThat(skippedFiles).as("%s", broken).isZero();
                    assertThat(skippedBlocks).as("%s", broken).isBetween(1L, 2L);
                }
            }
        }
    }

    @Test
    void deliversExactlyTheAcceptedRowsOfTheIntactBlocksWithAFilter() throws Exception {
        int fileNumber = 0;
        for (String codec : AvroFiles.CODECS) {
            for (BrokenFile broken : BrokenFiles.variants(codec)) {
                List<BlockRangeSplit> splits = thirds(write(broken, fileNumber++));
                List<Long> ids = new ArrayList<>();
                try (JetlinerSourceReader<RowData> reader =
                        reader(new TestingReaderContext(), EVERY_THIRD_ID)) {
                    reader.start();
                    reader.addSplits(splits);
                    reader.notifyNoMoreSplits();
                    pollUntilEndOfInput(reader, new IdOutput(ids));
                }

                assertThat(ids)
                        .as("%s", broken)
                        .containsExactlyElementsOf(everyThird(broken.survivingIds()));
            }
        }
    }

    @Test
    void aRestoredReaderEmitsNoSkippedRowNorAnyRowTwiceNorLosesOne() throws Exception {
        restoresFromSnapshotsAfterEveryFewRows(null);
    }

    @Test
    void aRestoredFilteringReaderEmitsNoSkippedRowNorAnyRowTwiceNorLosesOne() throws Exception {
        restoresFromSnapshotsAfterEveryFewRows(EVERY_THIRD_ID);
    }

    private void restoresFromSnapshotsAfterEveryFewRows(RowFilter filter) throws Exception {
        int fileNumber = 0;
        for (BrokenFile broken : BrokenFiles.variants("deflate")) {
            if (!broken.name().equals("corrupted sync marker")
                    && !broken.name().equals("length -1 of field s")
                    && !broken.name().equals("corrupted compressed payload")) {
                continue;
            }
            List<BlockRangeSplit> splits = thirds(write(broken, fileNumber++));
            List<Long> expected =
                    filter == null ? broken.survivingIds() : everyThird(broken.survivingIds());
            for (int beforeSnapshot = 0; beforeSnapshot <= expected.size(); beforeSnapshot += 3) {
                List<Long> ids = new ArrayList<>();
                List<BlockRangeSplit> snapshot;
                try (JetlinerSourceReader<RowData> reader =
                        reader(new TestingReaderContext(), filter)) {
                    reader.start();
                    reader.addSplits(splits);
                    IdOutput output = new IdOutput(ids);
                    int wanted = beforeSnapshot;
                    while (ids.size() < wanted) {
                        InputStatus status = reader.pollNext(output);
                        if (status == InputStatus.NOTHING_AVAILABLE && ids.size() < wanted) {
                            reader.isAvailable().get(10, TimeUnit.SECONDS);
                        }
                    }
                    snapshot = reader.snapshotState(1);
                }
                try (JetlinerSourceReader<RowData> reader =
                        reader(new TestingReaderContext(), filter)) {
                    reader.start();
                    reader.addSplits(snapshot);
                    reader.notifyNoMoreSplits();
                    pollUntilEndOfInput(reader, new IdOutput(ids));
                }
                // a restored reader may take its splits in another order
                ids.sort(null);
                assertThat(ids)
                        .as("%s, snapshot after %d rows", broken, beforeSnapshot)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    private Path write(BrokenFile broken, int number) throws Exception {
        java.nio.file.Path local = dir.resolve("broken-" + number + ".avro");
        Files.write(local, broken.bytes());
        return Path.fromLocalFile(local.toFile());
    }

    /** The file in three splits of about equal size; a header-only split is possible. */
    private static List<BlockRangeSplit> thirds(Path file) throws Exception {
        long size = Files.size(java.nio.file.Path.of(file.toUri()));
        long third = Math.max(1, size / 3);
        List<BlockRangeSplit> splits = new ArrayList<>();
        for (long start = 0; start < size; start += third) {
            splits.add(new BlockRangeSplit(file, start, Math.min(size, start + third), size, 0));
        }
        if (splits.isEmpty()) {
            splits.add(new BlockRangeSplit(file, 0, 0, 0, 0));
        }
        return splits;
    }

    /** The ids that are multiples of 3 of those given, in order. */
    private static List<Long> everyThird(List<Long> ids) {
        return ids.stream().filter(id -> id % 3 == 0).collect(Collectors.toList());
    }

    private static JetlinerSourceReader<RowData> reader(TestingReaderContext context) {
        return reader(context, null);
    }

    private static JetlinerSourceReader<RowData> reader(
            TestingReaderContext context, RowFilter filter) {
        return new JetlinerSourceReader<>(
                context,
                new RowDataFormat(ROW_TYPE, 4).withFilter(filter),
                ReaderOptions.builder()
                        .batchSize(4)
                        .bufferBlocks(2)
                        .errorMode(ErrorMode.SKIP_BLOCK)
                        .build());
    }

    private static long gauge(MetricListener metrics, String name) {
        return metrics.<Long>getGauge("jetliner", name).get().getValue();
    }

    private static void pollUntilEndOfInput(
            JetlinerSourceReader<RowData> reader, ReaderOutput<RowData> output) throws Exception {
        while (reader.pollNext(output) != InputStatus.END_OF_INPUT) {
            reader.isAvailable().get(10, TimeUnit.SECONDS);
        }
    }

    /** Keeps the id of every row emitted. */
    private static final class IdOutput extends TestingReaderOutput<RowData> {
        private final List<Long> ids;

        IdOutput(List<Long> ids) {
            this.ids = ids;
        }

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
