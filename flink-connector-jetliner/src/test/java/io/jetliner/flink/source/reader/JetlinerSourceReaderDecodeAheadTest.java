package io.jetliner.flink.source.reader;

import io.jetliner.flink.ErrorMode;
import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.reader.PrefetchedBlock;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.source.EventFiles;
import io.jetliner.flink.source.split.BlockRangeSplit;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.data.RowData;

import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jetliner.flink.source.reader.ReaderPolling.pollUntilEndOfInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The split fetcher thread decodes each block's first batch before it hands the block to the task
 * thread, which then only emits its rows; each block in flight has a decoder of its own, and the
 * decoders are reused from block to block.
 */
class JetlinerSourceReaderDecodeAheadTest {

    /** Records per block, each fewer than a batch. */
    private static final int[] BLOCKS = {30, 25, 40, 35, 20, 10, 45, 5, 33};

    private static final int BATCH_SIZE = 64;

    @TempDir java.nio.file.Path dir;

    @Test
    void emitsRowsDecodedOnTheFetcherThreadBeforeTheTaskThreadTookTheBlock() throws Exception {
        java.nio.file.Path file = dir.resolve("events.avro");
        EventFiles.writeBlocks(file, CodecFactory.snappyCodec(), BLOCKS);
        ScramblingFormat format =
                new ScramblingFormat(new RowDataFormat(EventFiles.ROW_TYPE, BATCH_SIZE));
        ChecksumOutput output = new ChecksumOutput();

        read(file, format, ErrorMode.FAIL, output);

        long records = Arrays.stream(BLOCKS).sum();
        long expected = 0;
        for (long id = 0; id < records; id++) {
            expected += EventFiles.checksum(id);
        }
        // every payload was garbage by the time the task thread took its rows
        assertThat(format.scrambledBlocks).hasValue(BLOCKS.length);
        assertThat(output.rows).isEqualTo(records);
        assertThat(output.checksum).isEqualTo(expected);
        assertThat(format.aheadThreads)
                .doesNotContain(Thread.currentThread().getName())
                .allSatisfy(name -> assertThat(name).contains("Source Data Fetcher"));
        assertThat(format.decodersMade.get()).isBetween(1, BLOCKS.length - 1);
    }

    @Test
    void aSchemaTheFormatCannotReadFailsTheReadOnTheTaskThreadEvenWhenBadBlocksAreSkipped()
            throws Exception {
        java.nio.file.Path file = dir.resolve("events.avro");
        EventFiles.writeBlocks(file, CodecFactory.nullCodec(), BLOCKS);
        JetlinerException unfit =
                new JetlinerException(
                        JetlinerException.Kind.INCOMPATIBLE_SCHEMA, "the schema does not fit");
        RecordFormat<RowData> format =
                new ScramblingFormat(new RowDataFormat(EventFiles.ROW_TYPE, BATCH_SIZE)) {
                    @Override
                    public BlockDecoder<RowData> createDecoder(Schema writerSchema) {
                        throw unfit;
                    }
                };

        assertThatThrownBy(() -> read(file, format, ErrorMode.SKIP_BLOCK, new ChecksumOutput()))
                .isSameAs(unfit);
    }

    private static void read(
            java.nio.file.Path file,
            RecordFormat<RowData> format,
            ErrorMode errorMode,
            ChecksumOutput output)
            throws Exception {
        try (JetlinerSourceReader<RowData> reader =
                new JetlinerSourceReader<>(
                        new TestingReaderContext(),
                        format,
                        ReaderOptions.builder()
                                .batchSize(BATCH_SIZE)
                                .bufferBlocks(2)
                                .errorMode(errorMode)
                                .build())) {
            reader.start();
            reader.addSplits(
                    List.of(
                            new BlockRangeSplit(
                                    Path.fromLocalFile(file.toFile()),
                                    0,
                                    Files.size(file),
                                    Files.size(file),
                                    0)));
            reader.notifyNoMoreSplits();
            pollUntilEndOfInput(reader, output);
        }
    }

    /**
     * Decodes ahead as the wrapped format does, then overwrites the block's payload, so that only
     * rows decoded ahead can come out right.
     */
    private static class ScramblingFormat implements RecordFormat<RowData> {
        private final RowDataFormat rows;
        final Set<String> aheadThreads = ConcurrentHashMap.newKeySet();
        final AtomicInteger scrambledBlocks = new AtomicInteger();
        final AtomicInteger decodersMade = new AtomicInteger();

        ScramblingFormat(RowDataFormat rows) {
            this.rows = rows;
        }

        @Override
        public TypeInformation<RowData> producedType() {
            return rows.producedType();
        }

        @Override
        public int batchSize() {
            return rows.batchSize();
        }

        @Override
        public BlockDecoder<RowData> createDecoder(Schema writerSchema) {
            decodersMade.incrementAndGet();
            BlockDecoder<RowData> decoder = rows.createDecoder(writerSchema);
            return new BlockDecoder<>() {
                private PrefetchedBlock block;

                @Override
                public void start(PrefetchedBlock block) {
                    this.block = block;
                    decoder.start(block);
                }

                @Override
                public void skip(long records) {
                    decoder.skip(records);
                }

                @Override
                public void decodeAhead() {
                    decoder.decodeAhead();
                    aheadThreads.add(Thread.currentThread().getName());
                    Arrays.fill(block.data().array(), 0, block.data().length(), (byte) 0x7f);
                    scrambledBlocks.incrementAndGet();
                }

                @Override
                public RowData next() {
                    return decoder.next();
                }

                @Override
                public long recordIndex() {
                    return decoder.recordIndex();
                }
            };
        }
    }

    private static final class ChecksumOutput extends TestingReaderOutput<RowData> {
        long rows;
        long checksum;

        @Override
        public void collect(RowData row) {
            rows++;
            checksum +=
                    EventFiles.checksum(
                            row.getLong(0),
                            row.getString(1).toString(),
                            row.isNullAt(2) ? null : row.getString(2).toString(),
                            row.getDouble(3));
        }

        @Override
        public void collect(RowData row, long timestamp) {
            collect(row);
        }
    }
}
