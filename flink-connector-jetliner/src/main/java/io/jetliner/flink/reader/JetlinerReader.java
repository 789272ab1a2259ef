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

    private PrefetchedBlock block;
    private long recordsDecodedInBlock;
    private boolean done;

    private JetlinerReader(SeekableInput input, String file, ReaderOptions options)
            throws IOException {
        this.file = file;
        this.input = input;
        this.header = ContainerHeader.read(input, file);
        boolean readPayloads = !FieldlessRows.needNoPayload(options.projection());
        if (readPayloads) {
            // fails here, at open, for a codec we cannot read, rather than at the first batch
            Codecs.create(header.codecName(), options.maxBlockSize()).close();
            this.decoder = RecordDecoder.compile(header.schema(), options.projection());
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
                        readPayloads);
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

    /**
     * The next batch of at most {@code batchSize} rows, never empty; null when the file is done.
     * The batch is reused by the next call.
     */
    public RowBatch nextBatch() {
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
            throw e.at(file, block.offset()).inBlock(block.index()).atRecord(recordsDecodedInBlock);
        }
    }

    private boolean startNextBlock() {
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
                            JetlinerException.Kind.IO, "interrupted while waiting for a block", e)
                    .at(file, JetlinerException.UNKNOWN);
        }
        if (next == null || next.isEndOfRange()) {
            done = true;
            return false;
        }
        block = next;
        recordsDecodedInBlock = 0;
        try {
            decoder.startBlock(block.data().array(), 0, block.data().length(), block.recordCount());
        } catch (JetlinerException e) {
            throw e.at(file, block.offset()).inBlock(block.index());
        }
        return true;
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
