package io.jetliner.flink.source.reader;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.decode.RowFilter;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.source.EventFiles;
import io.jetliner.flink.source.split.BlockRangeSplit;

import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.InternalSourceReaderMetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;

import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The source reader driven by hand, without a cluster: where a split resumes, what its snapshots
 * hold, and its metrics.
 */
class JetlinerSourceReaderTest {

    /** Records per block; the events' ids run on through the blocks: 0-29, 30-54, 55-94, ... */
    private static final int[] BLOCKS = {30, 25, 40, 35, 20};

    /** Smaller than the blocks, so that positions fall inside and at the edges of batches. */
    private static final int BATCH_SIZE = 8;

    private static final RowDataSerializer SERIALIZER = new RowDataSerializer(EventFiles.ROW_TYPE);

    @TempDir java.nio.file.Path dir;

    private Path file;
    private long fileSize;
    private long[] blockOffsets;

    @BeforeEach
    void writeFile() throws Exception {
        java.nio.file.Path local = dir.resolve("events.avro");
        blockOffsets = EventFiles.writeBlocks(local, CodecFactory.deflateCodec(3), BLOCKS);
        file = Path.fromLocalFile(local.toFile());
        fileSize = Files.size(local);
    }

    @Test
    void emitsTheRecordsOfARestoredBlockAfterItsPositionThenTheRestOfTheSplit() throws Exception {
        BlockRangeSplit blocks1To3 = blocks1To3();
        long firstIdOfBlock2 = firstId(2);
        for (int emitted : new int[] {0, 1, 7, 8, 9, 39, 40}) {
            try (JetlinerSourceReader<RowData> reader = reader(new TestingReaderContext())) {
                RecordingOutput output = new RecordingOutput();
                reader.start();
                reader.addSplits(List.of(blocks1To3.withPosition(blockOffsets[2], emitted)));
                reader.notifyNoMoreSplits();

                pollUntilEndOfInput(reader, output);

                assertThat(output.events())
                        .as("restored after %d records of block 2", emitted)
                        .containsExactlyElementsOf(events(firstIdOfBlock2 + emitted, firstId(4)));
            }
        }
    }

    @Test
    void failsNamingTheFileAndOffsetWhenARestoredPositionNoLongerStartsABlock() throws Exception {
        // a position inside block 2, as if the file had been rewritten since the checkpoint
        long notABlock = blockOffsets[2] + 3;
        try (JetlinerSourceReader<RowData> reader = reader(new TestingReaderContext())) {
            reader.start();
            reader.addSplits(List.of(blocks1To3().withPosition(notABlock, 1)));
            reader.notifyNoMoreSplits();

            assertThatThrownBy(() -> pollUntilEndOfInput(reader, new RecordingOutput()))
                    .satisfies(
                            e -> {
                                Throwable cause = e;
                                while (!(cause instanceof JetlinerException)
                                        && cause.getCause() != null) {
                                    cause = cause.getCause();
                                }
                                assertThat(cause).isInstanceOf(JetlinerException.class);
                                JetlinerException error = (JetlinerException) cause;
                                assertThat(error.kind())
                                        .isEqualTo(JetlinerException.Kind.FILE_CHANGED);
                                assertThat(error.fileOffset()).isEqualTo(notABlock);
                                assertThat(error.getMessage()).contains(file.toString());
                            });
        }
    }

    @Test
    void resumesAfterTheLastRecordEmittedWhereverASnapshotIsTaken() throws Exception {
        BlockRangeSplit blocks1To3 = blocks1To3();
        int records = (int) (firstId(4) - firstId(1));
        for (int beforeSnapshot : new int[] {1, 7, 8, 24, 25, 26, 64, 65, records - 1, records}) {
            RecordingOutput output = new RecordingOutput();
            List<BlockRangeSplit> snapshot;
            try (JetlinerSourceReader<RowData> reader = reader(new TestingReaderContext())) {
                reader.start();
                reader.addSplits(List.of(blocks1To3));
                poll(reader, output, () -> output.size() == beforeSnapshot);
                snapshot = reader.snapshotState(1);
            }
            assertThat(snapshot)
                    .singleElement()
                    .satisfies(s -> assertThat(s.hasPosition()).isTrue());
            try (JetlinerSourceReader<RowData> reader = reader(new TestingReaderContext())) {
                reader.start();
                reader.addSplits(snapshot);
                reader.notifyNoMoreSplits();
                pollUntilEndOfInput(reader, output);
            }

            assertThat(output.events())
                    .as("snapshot after %d records", beforeSnapshot)
                    .containsExactlyElementsOf(events(firstId(1), firstId(4)));
        }
    }

    @Test
    void resumesAFilteredReadAfterTheLastRowEmittedWhereverASnapshotIsTaken() throws Exception {
        // every fifth note is null; the range adds rows at the end of block 1 and the start of 2
        RowFilter filter =
                RowFilter.or(
                        RowFilter.isNull("note"),
                        RowFilter.and(
                                RowFilter.greaterThan("id", 52L), RowFilter.lessThan("id", 58L)));
        List<String> expected =
                events(firstId(1), firstId(4)).stream()
                        .filter(
                                event -> {
                                    long id =
                                            Long.parseLong(event.substring(0, event.indexOf('|')));
                                    return id % 5 == 0 || (id > 52 && id < 58);
                                })
                        .collect(Collectors.toList());
        for (int beforeSnapshot = 1; beforeSnapshot <= expected.size(); beforeSnapshot++) {
            int emitted = beforeSnapshot;
            RecordingOutput output = new RecordingOutput();
            List<BlockRangeSplit> snapshot;
            try (JetlinerSourceReader<RowData> reader =
                    reader(new TestingReaderContext(), filter)) {
                reader.start();
                reader.addSplits(List.of(blocks1To3()));
                poll(reader, output, () -> output.size() == emitted);
                snapshot = reader.snapshotState(1);
            }
            long lastId = output.getEmittedRecords().get(emitted - 1).getLong(0);
            int block = blockOf(lastId);
            assertThat(snapshot)
                    .singleElement()
                    .as("position after id %d", lastId)
                    .satisfies(
                            split -> {
                                assertThat(split.blockOffset()).isEqualTo(blockOffsets[block]);
                                assertThat(split.recordsToSkip())
                                        .isEqualTo(lastId - firstId(block) + 1);
                            });
            try (JetlinerSourceReader<RowData> reader =
                    reader(new TestingReaderContext(), filter)) {
                reader.start();
                reader.addSplits(snapshot);
                reader.notifyNoMoreSplits();
                pollUntilEndOfInput(reader, output);
            }

            assertThat(output.events())
                    .as("snapshot after %d rows", beforeSnapshot)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void emitsTheAcceptedRowsOfARestoredBlockAfterItsPositionThoughTheFilterDroppedTheRowsBefore()
            throws Exception {
        // block 2 holds ids 55 to 94; position 3 resumes after id 57, so id 55 is not emitted again
        RowFilter filter = RowFilter.isNull("note");
        try (JetlinerSourceReader<RowData> reader = reader(new TestingReaderContext(), filter)) {
            RecordingOutput output = new RecordingOutput();
            reader.start();
            reader.addSplits(List.of(blocks1To3().withPosition(blockOffsets[2], 3)));
            reader.notifyNoMoreSplits();

            pollUntilEndOfInput(reader, output);

            assertThat(output.getEmittedRecords())
                    .extracting(row -> row.getLong(0))
                    .containsExactly(
                            60L, 65L, 70L, 75L, 80L, 85L, 90L, 95L, 100L, 105L, 110L, 115L, 120L,
                            125L);
        }
    }

    @Test
    void countsTheBlocksOfEverySplitInItsMetricsThoughEachSplitHasAFetcherOfItsOwn()
            throws Exception {
        MetricListener metrics = new MetricListener();
        TestingReaderContext context =
                new TestingReaderContext(
                        new Configuration(),
                        InternalSourceReaderMetricGroup.mock(metrics.getMetricGroup()));
        // blocks 0 and 1, then blocks 2 to 4
        long boundary = blockOffsets[2] - DataFileConstants.SYNC_SIZE;
        BlockRangeSplit first = new BlockRangeSplit(file, 0, boundary, fileSize, 0);
        BlockRangeSplit second = new BlockRangeSplit(file, boundary, fileSize, fileSize, 0);
        try (JetlinerSourceReader<RowData> reader = reader(context)) {
            RecordingOutput output = new RecordingOutput();
            reader.start();
            reader.addSplits(List.of(first));
            // it asks for a second split at once, to have it queued while the first is read
            assertThat(context.getNumSplitRequests()).isEqualTo(2);
            // the first split is done once the reader asks for yet another one
            poll(reader, output, () -> context.getNumSplitRequests() == 3);
            pollUntilQuiet(reader, output);
            reader.addSplits(List.of(second));
            reader.notifyNoMoreSplits();
            pollUntilEndOfInput(reader, output);

            assertThat(output.events()).containsExactlyElementsOf(events(0, firstId(5)));
            Gauge<Long> blocksRead = metrics.<Long>getGauge("jetliner", "blocksRead").get();
            assertThat(blocksRead.getValue()).isEqualTo(BLOCKS.length);
            assertThat(metrics.<Long>getGauge("jetliner", "blocksDecompressedByFetcher"))
                    .hasValueSatisfying(
                            byFetcher ->
                                    assertThat(byFetcher.getValue())
                                            .isBetween(0L, blocksRead.getValue()));
        }
    }

    /** The split whose range starts inside block 0 and ends inside block 3: blocks 1 to 3. */
    private BlockRangeSplit blocks1To3() {
        return new BlockRangeSplit(file, blockOffsets[0] + 5, blockOffsets[3] + 5, fileSize, 0);
    }

    private static int blockOf(long id) {
        int block = 0;
        while (firstId(block + 1) <= id) {
            block++;
        }
        return block;
    }

    private static long firstId(int block) {
        long id = 0;
        for (int i = 0; i < block; i++) {
            id += BLOCKS[i];
        }
        return id;
    }

    private static JetlinerSourceReader<RowData> reader(TestingReaderContext context) {
        return reader(context, null);
    }

    private static JetlinerSourceReader<RowData> reader(
            TestingReaderContext context, RowFilter filter) {
        return new JetlinerSourceReader<>(
                context,
                new RowDataFormat(EventFiles.ROW_TYPE, BATCH_SIZE).withFilter(filter),
                ReaderOptions.builder().batchSize(BATCH_SIZE).bufferBlocks(2).build());
    }

    private static void pollUntilEndOfInput(
            JetlinerSourceReader<RowData> reader, ReaderOutput<RowData> output) throws Exception {
        while (reader.pollNext(output) != InputStatus.END_OF_INPUT) {
            reader.isAvailable().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Polls until nothing comes for a while: an idle fetcher signals availability, and the poll
     * after that closes it.
     */
    private static void pollUntilQuiet(
            JetlinerSourceReader<RowData> reader, ReaderOutput<RowData> output) throws Exception {
        while (true) {
            assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
            try {
                reader.isAvailable().get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return;
            }
        }
    }

    /** Polls one record at a time until {@code done}, waiting whenever nothing is available. */
    private static void poll(
            JetlinerSourceReader<RowData> reader,
            ReaderOutput<RowData> output,
            BooleanSupplier done)
            throws Exception {
        while (!done.getAsBoolean()) {
            InputStatus status = reader.pollNext(output);
            assertThat(status).isNotEqualTo(InputStatus.END_OF_INPUT);
            if (status == InputStatus.NOTHING_AVAILABLE && !done.getAsBoolean()) {
                reader.isAvailable().get(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The events with ids in {@code [from, to)}, as {@link RecordingOutput#events()} shows them.
     */
    private static List<String> events(long from, long to) {
        return LongStream.range(from, to)
                .mapToObj(
                        id ->
                                event(
                                        id,
                                        EventFiles.name(id),
                                        EventFiles.note(id),
                                        EventFiles.amount(id)))
                .collect(Collectors.toList());
    }

    private static String event(long id, String name, String note, double amount) {
        return id + "|" + name + "|" + note + "|" + amount;
    }

    /** Keeps a copy of every row emitted: the reader's rows are views, valid until the next. */
    private static final class RecordingOutput extends TestingReaderOutput<RowData> {

        @Override
        public void collect(RowData row) {
            super.collect(SERIALIZER.copy(row));
        }

        @Override
        public void collect(RowData row, long timestamp) {
            collect(row);
        }

        int size() {
            return getEmittedRecords().size();
        }

        List<String> events() {
            return getEmittedRecords().stream()
                    .map(
                            row ->
                                    event(
                                            row.getLong(0),
                                            row.getString(1).toString(),
                                            row.isNullAt(2) ? null : row.getString(2).toString(),
                                            row.getDouble(3)))
                    .collect(Collectors.toList());
        }
    }
}
