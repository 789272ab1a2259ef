package io.jetliner.flink.reader;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.codec.Codec;
import io.jetliner.flink.avro.codec.Codecs;
import io.jetliner.flink.avro.codec.GrowableBuffer;
import io.jetliner.flink.avro.container.Block;
import io.jetliner.flink.avro.container.BlockReader;
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
 * <p>Not thread-safe. A batch and the rows it hands out are reused: they are valid until the next
 * call to {@link #nextBatch()}; copy what must outlive it.
 */
@PublicEvolving
public final class JetlinerReader implements Closeable {

    private final String file;
    private final ContainerHeader header;
    private final BlockReader blocks;
    private final Codec codec;
    private final RecordDecoder decoder;
    private final RowBatch batch;
    private final int batchSize;
    private final GrowableBuffer decompressed = new GrowableBuffer();

    private long blockOffset = -1;
    private long blockIndex = -1;
    private long recordsDecodedInBlock;

    private JetlinerReader(SeekableInput input, String file, ReaderOptions options)
            throws IOException {
        this.file = file;
        this.header = ContainerHeader.read(input, file);
        this.codec = Codecs.create(header.codecName(), options.maxBlockSize());
        this.decoder = RecordDecoder.compile(header.schema(), options.projection());
        this.blocks =
                new BlockReader(input, header, file, 0, input.length(), options.maxBlockSize());
        this.batchSize = options.batchSize();
        this.batch = decoder.createBatch(batchSize);
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

    /**
     * The next batch of at most {@code batchSize} rows, never empty; null when the file is done.
     * The batch is reused by the next call.
     */
    public RowBatch nextBatch() {
        while (decoder.remainingRecords() == 0) {
            if (!startNextBlock()) {
                return null;
            }
        }
        try {
            int rows = decoder.decode(batch, batchSize);
            recordsDecodedInBlock += rows;
            return batch;
        } catch (JetlinerException e) {
            throw e.at(file, blockOffset).inBlock(blockIndex).atRecord(recordsDecodedInBlock);
        }
    }

    private boolean startNextBlock() {
        Block block = blocks.next();
        if (block == null) {
            return false;
        }
        blockOffset = block.offset();
        blockIndex++;
        recordsDecodedInBlock = 0;
        try {
            codec.decompress(block.data(), 0, block.length(), decompressed);
            decoder.startBlock(decompressed.array(), 0, decompressed.length(), block.recordCount());
        } catch (JetlinerException e) {
            throw e.at(file, blockOffset).inBlock(blockIndex);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        codec.close();
        blocks.close();
    }

    private static void closeQuietly(Closeable closeable, Throwable failure) {
        try {
            closeable.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
