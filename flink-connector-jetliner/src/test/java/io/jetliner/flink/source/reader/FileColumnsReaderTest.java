package io.jetliner.flink.source.reader;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.container.Block;
import io.jetliner.flink.avro.container.BlockReader;
import io.jetliner.flink.avro.container.ContainerHeader;
import io.jetliner.flink.avro.container.FileSystemInput;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.source.EventFiles;
import io.jetliner.flink.source.FileMetadata;
import io.jetliner.flink.source.SourceColumn;
import io.jetliner.flink.source.enumerator.PartitionSpecs;
import io.jetliner.flink.source.split.BlockRangeSplit;

import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.VarCharType;

import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rows of Avro fields, file metadata and partition values in one order, read by the source reader
 * from files of several blocks: each value checked against the file and the block that Avro's
 * container reader finds the record in.
 */
class FileColumnsReaderTest {

    private static final int BATCH_SIZE = 8;

    /** Every kind of column, in an order unlike the record's or the path's. */
    private static final List<SourceColumn> COLUMNS =
            List.of(
                    SourceColumn.metadata(FileMetadata.FILE_NAME),
                    SourceColumn.avroField("amount"),
                    SourceColumn.partition("dt", new DateType()),
                    SourceColumn.metadata("offset", FileMetadata.BLOCK_OFFSET),
                    SourceColumn.partition("region", VarCharType.STRING_TYPE),
                    SourceColumn.avroField("id"),
                    SourceColumn.metadata(FileMetadata.FILE_PATH),
                    SourceColumn.metadata(FileMetadata.FILE_SIZE),
                    SourceColumn.metadata(FileMetadata.FILE_MODIFICATION_TIME),
                    SourceColumn.partition("n", new BigIntType()));

    private static final FileColumnsFormat FORMAT =
            new FileColumnsFormat(
                    new RowDataFormat(EventFiles.ROW_TYPE, BATCH_SIZE),
                    EventFiles.ROW_TYPE,
                    COLUMNS,
                    PartitionSpecs.DEFAULT_PARTITION_NAME);

    private static final RowDataSerializer SERIALIZER = new RowDataSerializer(FORMAT.rowType());

    @TempDir java.nio.file.Path root;

    private Path first;
    private Path second;

    @BeforeEach
    void writeFiles() throws IOException {
        first = write("dt=2024-01-01/region=eu/n=7/part-0.avro", 1_700_000_000_000L, 30, 25, 40);
        second =
                write(
                        "dt=2024-01-02/region=__DEFAULT_PARTITION__/n=-12/part-1.avro",
                        1_600_000_000_123L,
                        20,
                        35);
    }

    private Path write(String relative, long modificationTime, int... blocks) throws IOException {
        java.nio.file.Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        EventFiles.writeBlocks(file, CodecFactory.deflateCodec(3), blocks);
        Files.setLastModifiedTime(file, FileTime.fromMillis(modificationTime));
        return Path.fromLocalFile(file.toFile());
    }

    @Test
    void joinsEveryRecordToItsFilesMetadataPartitionsAndBlockOffsetInTheColumnsOrder()
            throws Exception {
        List<BlockRangeSplit> splits = new ArrayList<>(splitsAtSecondBlock(first));
        splits.add(wholeFile(second));

        List<String> rows = read(splits);

        List<String> expected = new ArrayList<>(expectedRows(first, "2024-01-01", "eu", 7L));
        expected.addAll(expectedRows(second, "2024-01-02", null, -12L));
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    @Test
    void restoredInsideABlockYieldsTheSameValuesForTheRestOfTheSplit() throws Exception {
        long[] offsets = blockOffsets(first);
        List<String> all = expectedRows(first, "2024-01-01", "eu", 7L);

        List<String> rows = read(List.of(wholeFile(first).withPosition(offsets[1], 7)));

        assertThat(rows).containsExactlyElementsOf(all.subList(30 + 7, all.size()));
    }

    @Test
    void failsNamingTheFileWhenADirectoryValueIsNotOfItsColumnsType() throws Exception {
        Path bad = write("dt=yesterday/region=eu/n=1/part-2.avro", 0, 3);

        assertThatThrownBy(() -> read(List.of(wholeFile(bad))))
                .satisfies(
                        e -> {
                            Throwable cause = e;
                            while (!(cause instanceof JetlinerException)
                                    && cause.getCause() != null) {
                                cause = cause.getCause();
                            }
                            assertThat(cause).isInstanceOf(JetlinerException.class);
                            assertThat(((JetlinerException) cause).kind())
                                    .isEqualTo(JetlinerException.Kind.BAD_PARTITION_VALUE);
                            assertThat(cause.getMessage())
                                    .contains(bad.toString())
                                    .contains("'dt'")
                                    .contains("'yesterday'");
                        });
    }

    /**
     * The rows of {@code file} as {@link #describe} shows them, each record's block found by Avro
     * container reading, independently of the source.
     */
    private List<String> expectedRows(Path file, String dt, String region, Long n)
            throws IOException {
        long size = Files.size(local(file));
        long modificationTime = Files.getLastModifiedTime(local(file)).toMillis();
        List<String> rows = new ArrayList<>();
        long id = 0;
        for (Block block : blocks(file)) {
            for (long i = 0; i < block.recordCount(); i++, id++) {
                rows.add(
                        String.join(
                                "|",
                                file.getName(),
                                String.valueOf(EventFiles.amount(id)),
                                String.valueOf(LocalDate.parse(dt).toEpochDay()),
                                String.valueOf(block.offset()),
                                String.valueOf(region),
                                String.valueOf(id),
                                file.toString(),
                                String.valueOf(size),
                                String.valueOf(modificationTime),
                                String.valueOf(n)));
            }
        }
        return rows;
    }

    private static String describe(RowData row) {
        return String.join(
                "|",
                row.getString(0).toString(),
                String.valueOf(row.getDouble(1)),
                String.valueOf(row.getInt(2)),
                String.valueOf(row.getLong(3)),
                row.isNullAt(4) ? "null" : row.getString(4).toString(),
                String.valueOf(row.getLong(5)),
                row.getString(6).toString(),
                String.valueOf(row.getLong(7)),
                String.valueOf(row.getTimestamp(8, 3).getMillisecond()),
                row.isNullAt(9) ? "null" : String.valueOf(row.getLong(9)));
    }

    private List<Block> blocks(Path file) throws IOException {
        List<Block> blocks = new ArrayList<>();
        try (FileSystemInput input = FileSystemInput.open(file)) {
            ContainerHeader header = ContainerHeader.read(input, file.toString());
            try (BlockReader reader =
                    new BlockReader(input, header, file.toString(), 0, input.length(), 1 << 20)) {
                for (Block block = reader.next(); block != null; block = reader.next()) {
                    blocks.add(block);
                }
            }
        }
        return blocks;
    }

    private long[] blockOffsets(Path file) throws IOException {
        return blocks(file).stream().mapToLong(Block::offset).toArray();
    }

    private BlockRangeSplit wholeFile(Path file) throws IOException {
        long size = Files.size(local(file));
        return new BlockRangeSplit(
                file, 0, size, size, Files.getLastModifiedTime(local(file)).toMillis());
    }

    /** Two splits of {@code file}: its first block, and the others. */
    private List<BlockRangeSplit> splitsAtSecondBlock(Path file) throws IOException {
        BlockRangeSplit whole = wholeFile(file);
        long boundary = blockOffsets(file)[1] - DataFileConstants.SYNC_SIZE;
        return List.of(
                new BlockRangeSplit(file, 0, boundary, whole.fileSize(), whole.modificationTime()),
                new BlockRangeSplit(
                        file, boundary, whole.end(), whole.fileSize(), whole.modificationTime()));
    }

    private static java.nio.file.Path local(Path file) {
        return java.nio.file.Path.of(file.toUri());
    }

    /** The rows the source reader emits for {@code splits}, in order, described. */
    private static List<String> read(List<BlockRangeSplit> splits) throws Exception {
        RecordingOutput output = new RecordingOutput();
        try (JetlinerSourceReader<RowData> reader =
                new JetlinerSourceReader<>(
                        new TestingReaderContext(),
                        FORMAT,
                        ReaderOptions.builder().batchSize(BATCH_SIZE).bufferBlocks(2).build())) {
            reader.start();
            reader.addSplits(splits);
            reader.notifyNoMoreSplits();
            while (reader.pollNext(output) != InputStatus.END_OF_INPUT) {
                reader.isAvailable().get(10, TimeUnit.SECONDS);
            }
        }
        return output.getEmittedRecords().stream()
                .map(FileColumnsReaderTest::describe)
                .collect(Collectors.toList());
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
    }
}
