package io.jetliner.flink.source.reader;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.source.EventFiles;
import io.jetliner.flink.source.split.BlockRangeSplit;
import io.jetliner.flink.testutil.AvroFiles;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.fs.Path;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.InternalSourceReaderMetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.jetliner.flink.source.reader.ReaderPolling.pollUntil;
import static io.jetliner.flink.source.reader.ReaderPolling.pollUntilEndOfInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The source reader asked for rows without fields, as for {@code SELECT COUNT(*)}: one empty row
 * per record, from the block headers alone, at the same positions as rows it decodes; and asked for
 * record counts: one row per split holding the count of its blocks.
 */
class JetlinerSourceReaderCountTest {

    /** Records per block. */
    private static final int[] BLOCKS = {30, 25, 40, 35, 20};

    private static final long RECORDS = Arrays.stream(BLOCKS).sum();

    private static final int BATCH_SIZE = 8;

    @TempDir java.nio.file.Path dir;

    @Test
    void emitsOneEmptyRowPerRecordForEveryCodecHoweverTheFileIsSplit() throws Exception {
        Random random = new Random(5);
        for (String codec : AvroFiles.CODECS) {
            java.nio.file.Path file = dir.resolve(codec + ".avro");
            long[] offsets = EventFiles.writeBlocks(file, AvroFiles.codec(codec, random), BLOCKS);
            long size = Files.size(file);
            // three splits, cutting through blocks 1 and 3
            List<BlockRangeSplit> splits = splits(file, offsets[1] + 3, offsets[3] + 1, size);
            MetricListener metrics = new MetricListener();

            CountingOutput output = readAll(fieldless(metrics), splits);

            assertThat(output.rows).as(codec).isEqualTo(RECORDS);
            assertThat(output.largestArity).as(codec).isZero();
            assertThat(gauge(metrics, "blocksRead")).as(codec).isEqualTo(BLOCKS.length);
            assertThat(gauge(metrics, "decompressedBytes")).as(codec).isZero();
            assertThat(gauge(metrics, "compressedBytesRead")).as(codec).isZero();
        }
    }

    @Test
    void emitsNoRowForBlocksWithoutRecordsNorForAFileWithoutBlocks() throws Exception {
        java.nio.file.Path file = dir.resolve("zeros.avro");
        long[] offsets = EventFiles.writeBlocks(file, CodecFactory.nullCodec(), BLOCKS);
        insertBlocksWithoutRecords(file, offsets[0], offsets[2], Files.size(file));
        java.nio.file.Path empty = dir.resolve("empty.avro");
        EventFiles.writeBlocks(empty, CodecFactory.nullCodec());
        List<BlockRangeSplit> splits = new ArrayList<>(splits(file, offsets[3], Files.size(file)));
        splits.addAll(splits(empty, Files.size(empty)));

        long counted = readAll(fieldless(new MetricListener()), splits).rows;
        long decoded = readAll(decoding(new MetricListener()), splits).rows;

        assertThat(counted).isEqualTo(decoded).isEqualTo(RECORDS);
    }

    @Test
    void neverReadsAPayloadSoThatNeitherAnUnknownCodecNorACorruptPayloadMatters() throws Exception {
        java.nio.file.Path file = dir.resolve("unreadable.avro");
        long[] offsets = EventFiles.writeBlocks(file, CodecFactory.deflateCodec(5), BLOCKS);
        byte[] bytes = Files.readAllBytes(file);
        // garbage in the middle of block 2's compressed payload
        for (int i = 0; i < 8; i++) {
            bytes[(int) (offsets[2] + offsets[3]) / 2 + i] ^= 0x5a;
        }
        // a codec no reader knows: asked to decompress, the prefetcher would fail
        Files.write(
                file,
                new String(bytes, StandardCharsets.ISO_8859_1)
                        .replace("deflate", "unknown")
                        .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(readAll(fieldless(new MetricListener()), splits(file, bytes.length)).rows)
                .isEqualTo(RECORDS);
    }

    @Test
    void stillFailsAtACorruptSyncMarker() throws Exception {
        java.nio.file.Path file = dir.resolve("bad-marker.avro");
        long[] offsets = EventFiles.writeBlocks(file, CodecFactory.snappyCodec(), BLOCKS);
        byte[] bytes = Files.readAllBytes(file);
        long marker = offsets[3] - DataFileConstants.SYNC_SIZE;
        bytes[(int) marker + 5] ^= 1;
        Files.write(file, bytes);

        Throwable failure =
                catchThrowable(
                        () -> readAll(fieldless(new MetricListener()), splits(file, bytes.length)));

        assertThat(failure).isNotNull();
        while (!(failure instanceof JetlinerException) && failure.getCause() != null) {
            failure = failure.getCause();
        }
        assertThat(failure).isInstanceOf(JetlinerException.class);
        assertThat(((JetlinerException) failure).kind())
                .isEqualTo(JetlinerException.Kind.BAD_SYNC_MARKER);
        assertThat(((JetlinerException) failure).fileOffset()).isEqualTo(marker);
    }

    @Test
    void snapshotsTheSamePositionsAsADecodingReaderAndResumesToTheExactCount() throws Exception {
        java.nio.file.Path file = dir.resolve("events.avro");
        long[] offsets = EventFiles.writeBlocks(file, CodecFactory.zstandardCodec(3), BLOCKS);
        // blocks 1 to 3
        BlockRangeSplit split =
                new BlockRangeSplit(
                        Path.fromLocalFile(file.toFile()),
                        offsets[0] + 5,
                        offsets[3] + 5,
                        Files.size(file),
                        0);
        long records = BLOCKS[1] + BLOCKS[2] + BLOCKS[3];
        for (long beforeSnapshot : new long[] {1, 7, 8, 24, 25, 26, 64, 65, records - 1, records}) {
            List<BlockRangeSplit> counted = snapshotAfter(fieldless(null), split, beforeSnapshot);
            List<BlockRangeSplit> decoded = snapshotAfter(decoding(null), split, beforeSnapshot);
            assertThat(counted)
                    .as("snapshot after %d records", beforeSnapshot)
                    .isEqualTo(decoded)
                    .singleElement()
                    .satisfies(s -> assertThat(s.hasPosition()).isTrue());

            long rest = readAll(fieldless(null), counted).rows;

            assertThat(beforeSnapshot + rest)
                    .as("snapshot after %d records", beforeSnapshot)
                    .isEqualTo(records);
        }
    }

    @Test
    void emitsOneRowPerSplitHoldingTheRecordCountOfItsBlocksFromTheirHeadersAlone()
            throws Exception {
        java.nio.file.Path file = dir.resolve("counts.avro");
        long[] offsets = EventFiles.writeBlocks(file, CodecFactory.nullCodec(), BLOCKS);
        insertBlocksWithoutRecords(file, offsets[1], Files.size(file));
        MetricListener metrics = new MetricListener();
        List<BlockRangeSplit> splits = splits(file, offsets[2] + 1, Files.size(file));
        List<Long> recordsPerSplit = new ArrayList<>();
        for (BlockRangeSplit split : splits) {
            recordsPerSplit.add(readAll(fieldless(null), List.of(split)).rows);
        }

        CountingOutput output = readAll(reader(new RecordCountFormat(), metrics), splits);

        assertThat(recordsPerSplit).hasSize(2).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(output.counts).containsExactlyElementsOf(recordsPerSplit);
        assertThat(gauge(metrics, "blocksRead")).isEqualTo(BLOCKS.length + 2);
        assertThat(gauge(metrics, "decompressedBytes")).isZero();
    }

    @Test
    void resumesRecordCountsToTheExactTotalWhereverASnapshotIsTaken() throws Exception {
        java.nio.file.Path file = dir.resolve("counts.avro");
        long[] offsets = EventFiles.writeBlocks(file, CodecFactory.deflateCodec(1), BLOCKS);
        List<BlockRangeSplit> splits =
                splits(file, offsets[1] + 3, offsets[3] + 1, Files.size(file));
        List<Long> uninterrupted = readAll(reader(new RecordCountFormat(), null), splits).counts;
        assertThat(uninterrupted).hasSize(splits.size());
        assertThat(uninterrupted.stream().mapToLong(Long::longValue).sum()).isEqualTo(RECORDS);
        for (int beforeSnapshot = 0; beforeSnapshot <= splits.size(); beforeSnapshot++) {
            CountingOutput output = new CountingOutput();
            List<BlockRangeSplit> snapshot;
            try (JetlinerSourceReader<RowData> reader = reader(new RecordCountFormat(), null)) {
                int rows = beforeSnapshot;
                reader.start();
                reader.addSplits(splits);
                pollUntil(reader, output, () -> output.rows == rows);
                snapshot = reader.snapshotState(1);
            }
            output.counts.addAll(readAll(reader(new RecordCountFormat(), null), snapshot).counts);

            // a restored reader takes its splits in an order of its own
            assertThat(output.counts)
                    .as("snapshot after %d rows", beforeSnapshot)
                    .containsExactlyInAnyOrderElementsOf(uninterrupted);
        }
    }

    private static List<BlockRangeSplit> snapshotAfter(
            JetlinerSourceReader<RowData> reader, BlockRangeSplit split, long rows)
            throws Exception {
        try (reader) {
            CountingOutput output = new CountingOutput();
            reader.start();
            reader.addSplits(List.of(split));
            pollUntil(reader, output, () -> output.rows == rows);
            return reader.snapshotState(1);
        }
    }

    private static CountingOutput readAll(
            JetlinerSourceReader<RowData> reader, List<BlockRangeSplit> splits) throws Exception {
        try (reader) {
            CountingOutput output = new CountingOutput();
            reader.start();
            reader.addSplits(splits);
            reader.notifyNoMoreSplits();
            pollUntilEndOfInput(reader, output);
            return output;
        }
    }

    /** The splits of {@code file} cut at {@code points}, the last one its size. */
    private static List<BlockRangeSplit> splits(java.nio.file.Path file, long... points) {
        Path path = Path.fromLocalFile(file.toFile());
        long size = points[points.length - 1];
        List<BlockRangeSplit> splits = new ArrayList<>();
        long start = 0;
        for (long end : points) {
            splits.add(new BlockRangeSplit(path, start, end, size, 0));
            start = end;
        }
        return splits;
    }

    /**
     * Rewrites {@code file} with a block of no records, as Avro's writers do not write, before the
     * block at each offset, or at the end of the file for its size; its codec must be null, for
     * which such a block's payload is empty.
     */
    private static void insertBlocksWithoutRecords(java.nio.file.Path file, long... offsets)
            throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        byte[] marker =
                Arrays.copyOfRange(
                        bytes, (int) offsets[0] - DataFileConstants.SYNC_SIZE, (int) offsets[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int copied = 0;
        for (long offset : offsets) {
            out.write(bytes, copied, (int) offset - copied);
            copied = (int) offset;
            // zero records in zero bytes, then the marker
            out.write(new byte[] {0, 0});
            out.write(marker);
        }
        out.write(bytes, copied, bytes.length - copied);
        Files.write(file, out.toByteArray());
    }

    private static JetlinerSourceReader<RowData> fieldless(MetricListener metrics) {
        return reader(RowType.of(), metrics);
    }

    private static JetlinerSourceReader<RowData> decoding(MetricListener metrics) {
        return reader(EventFiles.ROW_TYPE, metrics);
    }

    private static JetlinerSourceReader<RowData> reader(RowType rowType, MetricListener metrics) {
        return reader(new RowDataFormat(rowType, BATCH_SIZE), metrics);
    }

    private static JetlinerSourceReader<RowData> reader(
            RecordFormat<RowData> format, MetricListener metrics) {
        TestingReaderContext context =
                metrics == null
                        ? new TestingReaderContext()
                        : new TestingReaderContext(
                                new Configuration(),
                                InternalSourceReaderMetricGroup.mock(metrics.getMetricGroup()));
        return new JetlinerSourceReader<>(
                context,
                format,
                ReaderOptions.builder().batchSize(BATCH_SIZE).bufferBlocks(2).build());
    }

    private static long gauge(MetricListener metrics, String name) {
        Gauge<Long> gauge = metrics.<Long>getGauge("jetliner", name).get();
        return gauge.getValue();
    }

    /**
     * Counts the rows emitted and keeps the first field of those that have one, a record count; the
     * reader's rows are views, valid until the next.
     */
    private static final class CountingOutput extends TestingReaderOutput<RowData> {
        final List<Long> counts = new ArrayList<>();
        long rows;
        int largestArity;

        @Override
        public void collect(RowData row) {
            rows++;
            largestArity = Math.max(largestArity, row.getArity());
            if (row.getArity() > 0) {
                counts.add(row.getLong(0));
            }
        }

        @Override
        public void collect(RowData row, long timestamp) {
            collect(row);
        }
    }
}
