package io.jetliner.flink.reader;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.codec.Codecs;
import io.jetliner.flink.avro.container.ContainerHeader;
import io.jetliner.flink.avro.container.FileSystemInput;
import io.jetliner.flink.avro.container.SeekableInput;
import io.jetliner.flink.avro.decode.RecordDecoder;
import io.jetliner.flink.avro.decode.RowBatch;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads one Avro object-container file into batches of Flink {@code RowData}, with no Flink
 * cluster: the read path that the source, the command line and the benchmarks share.
 *
 * <pre>{@code
 * try (JetlinerReader reader = JetlinerReader.open(new Path("/data/events.avro"), ReaderOptions.defaults())) {
 *     for (RowBatch batch = reader.nextBatch(); batch != null; batch = reader.nextBatch()) {
 *         for (int i = 0; i < batch.size(); i++) {
 *             RowData row = batch.row(i);
 *             // ...
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>A projection without fields ({@code RowType} of none) reads only the blocks' headers: its
 * batches hold as many empty rows as the file has records, and no payload is read or decompressed.
 *
 * <p>A broken file fails the read with a located {@link JetlinerException}, unless the options'
 * error mode is {@link io.jetliner.flink.ErrorMode#SKIP_BLOCK}: then the broken blocks are skipped
 * and the rows of the others delivered. A header that cannot be read fails {@link #open} in either
 * mode: a reader of one file has nothing else to go on with.
 *
 * <p>Not thread-safe. A batch and the rows it hands out are reused: they are valid until the next
 * call to {@link #nextBatch()}; copy what must outlive it.
 */
@PublicEvolving
public final class JetlinerReader implements Closeable {

    private final String file;
    private final ContainerHeader header;
    private final RecordDecoder decoder;
    private final RowBatch batch;
    private final int batchSize;
    private final SeekableInput input;
    private final BlockPrefetcher prefetcher;
    private final BadInputPolicy badInput;

    /** Where skip-block mode decodes a block whole before any of its rows is handed out. */
    private final RowBatch validationBatch;

    private PrefetchedBlock block;
    private long recordsDecodedInBlock;
    private boolean done;

    /** The failure that ended the read: every later call throws it again rather than wait. */
    private JetlinerException failure;

    private JetlinerReader(SeekableInput input, String file, ReaderOptions options)
            throws IOException {
        this.file = file;
        this.input = input;
        this.header = ContainerHeader.read(input, file);
        boolean readPayloads = !FieldlessRows.needNoPayload(options.projection());
        if (readPayloads) {
            // fails here, at open, for a codec we cannot read, rather than at the first batch
            try {
                Codecs.create(header.codecName(), options.maxBlockSize()).close();
            } catch (JetlinerException e) {
                // the codec's name is in the header
                throw e.at(file, 0);
            }
            try {
                this.decoder =
                        RecordDecoder.compile(
                                header.schema(), options.readerSchema(), options.projection());
            } catch (JetlinerException e) {
                throw e.at(file, JetlinerException.UNKNOWN);
            }
        } else {
            this.decoder = FieldlessRows.decoder(options.projection());
        }
        this.batchSize = options.batchSize();
        this.batch = decoder.createBatch(batchSize);
        this.prefetcher =
                new BlockPrefetcher(
                        file,
                        options.bufferBlocks(),
                        options.bufferBytes(),
                        options.maxBlockSize(),
                        options.errorMode(),
                        readPayloads ? BlockContent.PAYLOAD : BlockContent.HEADER);
        this.badInput = prefetcher.badInputPolicy();
        // a block without payload has no record that could fail to decode
        this.validationBatch =
                readPayloads && badInput.skipsBlocks() ? decoder.createBatch(batchSize) : null;
        prefetcher.add(new PrefetchRange(file, file, () -> input, 0, input.length(), header));
    }

    /** Opens a file on any Flink file system. */
    public static JetlinerReader open(Path path, ReaderOptions options) {
        SeekableInput input;
        try {
            input = FileSystemInput.open(path);
        } catch (IOException e) {
            throw new JetlinerException(JetlinerException.Kind.IO, "cannot open: " + e, e)
                    .at(path.toString(), JetlinerException.UNKNOWN);
        }
        return open(input, path.toString(), options);
    }

    /**
     * Opens a file from an input the caller made; the reader owns the input from here on and closes
     * it, also when opening fails. {@code fileName} is what errors name.
     */
    public static JetlinerReader open(SeekableInput input, String fileName, ReaderOptions options) {
        try {
            return new JetlinerReader(input, fileName, options);
        } catch (IOException | RuntimeException e) {
            closeQuietly(input, e);
            if (e instanceof JetlinerException) {
                throw ((JetlinerException) e).at(fileName, JetlinerException.UNKNOWN);
            }
            throw new JetlinerException(JetlinerException.Kind.IO, e.toString(), e)
                    .at(fileName, JetlinerException.UNKNOWN);
        }
    }

    /** The header: the writer schema and every metadata key. */
    public ContainerHeader header() {
        return header;
    }

    /** The schema the file was written with. */
    public Schema schema() {
        return header.schema();
    }

    /** The row type of the batches: the whole file's, or the projection's. */
    public RowType rowType() {
        return decoder.rowType();
    }

    /** What the read-ahead has done: blocks, bytes, and the time the decoder waited for it. */
    public PrefetchStats prefetchStats() {
        return prefetcher.stats();
    }

    /** Blocks skipped so far in {@link io.jetliner.flink.ErrorMode#SKIP_BLOCK} mode. */
    public long skippedBlocks() {
        return badInput.skippedBlocks();
    }

    /**
     * About how many rows the skipped blocks held: their declared record counts, where those could
     * be read.
     */
    public long skippedRecords() {
        return badInput.skippedRecords();
    }

    /**
     * The next batch of at most {@code batchSize} rows, never empty; null when the file is done.
     * The batch is reused by the next call.
     */
    public RowBatch nextBatch() {
        if (failure != null) {
            throw failure;
        }
        try {
            while (block == null || decoder.remainingRecords() == 0) {
                if (!startNextBlock()) {
                    return null;
                }
            }
            try {
                int rows = decoder.decode(batch, batchSize);
                recordsDecodedInBlock += rows;
                return batch;
            } catch (JetlinerException e) {
                throw e.at(file, block.offset())
                        .inBlock(block.index())
                        .atRecord(recordsDecodedInBlock);
            }
        } catch (JetlinerException e) {
            failure = e;
            throw e;
        }
    }

    private boolean startNextBlock() {
        while (true) {
            if (block != null) {
                prefetcher.release(block);
                block = null;
            }
            if (done) {
                return false;
            }
            PrefetchedBlock next;
            try {
                next = prefetcher.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JetlinerException(
                                JetlinerException.Kind.IO,
                                "interrupted while waiting for a block",
                                e)
                        .at(file, JetlinerException.UNKNOWN);
            }
            if (next == null || next.isEndOfRange()) {
                done = true;
                return false;
            }
            block = next;
            recordsDecodedInBlock = 0;
            try {
                if (validationBatch != null) {
                    decodeWhole(block);
                }
                decoder.startBlock(
                        block.data().array(), 0, block.data().length(), block.recordCount());
                return true;
            } catch (JetlinerException e) {
                e.at(file, block.offset()).inBlock(block.index());
                if (!badInput.skipBlock(e, block.plausibleRecordCount())) {
                    throw e;
                }
            }
        }
    }

    /**
     * Decodes every record of the block, to find out whether it decodes before any of its rows is
     * handed out: skip-block mode then emits a block whole or not at all, at the cost of decoding
     * each block twice. Fail mode never pays it.
     */
    private void decodeWhole(PrefetchedBlock block) {
        decoder.startBlock(block.data().array(), 0, block.data().length(), block.recordCount());
        while (decoder.remainingRecords() > 0) {
            decoder.decode(validationBatch, batchSize);
        }
    }

    /** Stops the read-ahead and closes the file. */
    @Override
    public void close() throws IOException {
        prefetcher.close();
        // the prefetch thread closes the file when it has read it; not if closed before that
        input.close();
    }

    private static void closeQuietly(Closeable closeable, Throwable failure) {
        try {
            closeable.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
