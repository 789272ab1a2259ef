package io.jetliner.flink.reader;

import io.jetliner.flink.ErrorMode;
import io.jetliner.flink.avro.codec.Codecs;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.RowType;

import java.io.Serializable;
import java.util.Objects;

/**
 * How a {@link JetlinerReader} reads a file: batch size, size guards and projection. Immutable;
 * made with {@link #builder()}, which validates in {@link Builder#build()}.
 *
 * <pre>{@code
 * ReaderOptions options = ReaderOptions.builder()
 *         .batchSize(4096)
 *         .projection(RowType.of(new LogicalType[] {new BigIntType(false)}, new String[] {"id"}))
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class ReaderOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Rows per batch unless set: large enough to amortise per-batch work, small enough for L2. */
    public static final int DEFAULT_BATCH_SIZE = 2048;

    /** The largest block, compressed or decompressed, accepted unless set: 512 MiB. */
    public static final int DEFAULT_MAX_BLOCK_SIZE = Codecs.DEFAULT_MAX_DECOMPRESSED_SIZE;

    /** Blocks read and decompressed ahead of the decoder unless set. */
    public static final int DEFAULT_BUFFER_BLOCKS = 4;

    /** Bytes of decompressed blocks held ahead of the decoder unless set: 64 MiB. */
    public static final long DEFAULT_BUFFER_BYTES = 64L << 20;

    private final int batchSize;
    private final int maxBlockSize;
    private final int bufferBlocks;
    private final long bufferBytes;
    private final RowType projection;
    private final ErrorMode errorMode;

    private ReaderOptions(
            int batchSize,
            int maxBlockSize,
            int bufferBlocks,
            long bufferBytes,
            RowType projection,
            ErrorMode errorMode) {
        this.batchSize = batchSize;
        this.maxBlockSize = maxBlockSize;
        this.bufferBlocks = bufferBlocks;
        this.bufferBytes = bufferBytes;
        this.projection = projection;
        this.errorMode = errorMode;
    }

    public static ReaderOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The most rows in one batch. */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The largest block accepted, in bytes, both as stored and decompressed. A larger block is an
     * error, never an allocation.
     */
    public int maxBlockSize() {
        return maxBlockSize;
    }

    /**
     * The most blocks read and decompressed ahead of the decoder, counting the one being decoded.
     */
    public int bufferBlocks() {
        return bufferBlocks;
    }

    /**
     * No block is read ahead while the blocks held reach this many bytes decompressed: the memory
     * of the read-ahead stays within it plus one block.
     */
    public long bufferBytes() {
        return bufferBytes;
    }

    /** The columns to read, matched to the file's fields by name; null reads them all. */
    public RowType projection() {
        return projection;
    }

    /**
     * What a broken file does to the read: fail it ({@link ErrorMode#FAIL}, the default) or lose
     * only its broken blocks ({@link ErrorMode#SKIP_BLOCK}).
     */
    public ErrorMode errorMode() {
        return errorMode;
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return builder()
                .batchSize(batchSize)
                .maxBlockSize(maxBlockSize)
                .bufferBlocks(bufferBlocks)
                .bufferBytes(bufferBytes)
                .projection(projection)
                .errorMode(errorMode);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ReaderOptions)) {
            return false;
        }
        ReaderOptions that = (ReaderOptions) o;
        return batchSize == that.batchSize
                && maxBlockSize == that.maxBlockSize
                && bufferBlocks == that.bufferBlocks
                && bufferBytes == that.bufferBytes
                && Objects.equals(projection, that.projection)
                && errorMode == that.errorMode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                batchSize, maxBlockSize, bufferBlocks, bufferBytes, projection, errorMode);
    }

    @Override
    public String toString() {
        return "ReaderOptions{batchSize="
                + batchSize
                + ", maxBlockSize="
                + maxBlockSize
                + ", bufferBlocks="
                + bufferBlocks
                + ", bufferBytes="
                + bufferBytes
                + ", projection="
                + (projection == null ? "all columns" : projection.asSummaryString())
                + ", errorMode="
                + errorMode
                + '}';
    }

    /** Builds {@link ReaderOptions}; every setting has the default documented on its getter. */
    @PublicEvolving
    public static final class Builder {
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int maxBlockSize = DEFAULT_MAX_BLOCK_SIZE;
        private int bufferBlocks = DEFAULT_BUFFER_BLOCKS;
        private long bufferBytes = DEFAULT_BUFFER_BYTES;
        private RowType projection;
        private ErrorMode errorMode = ErrorMode.FAIL;

        private Builder() {}

        /** The most rows in one batch; default {@value ReaderOptions#DEFAULT_BATCH_SIZE}. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** The largest block accepted in bytes, compressed or not; default 512 MiB. */
        public Builder maxBlockSize(int maxBlockSize) {
            this.maxBlockSize = maxBlockSize;
            return this;
        }

        /**
         * Blocks read ahead of the decoder; default {@value ReaderOptions#DEFAULT_BUFFER_BLOCKS}.
         */
        public Builder bufferBlocks(int bufferBlocks) {
            this.bufferBlocks = bufferBlocks;
            return this;
        }

        /** Decompressed bytes held ahead of the decoder; default 64 MiB. */
        public Builder bufferBytes(long bufferBytes) {
            this.bufferBytes = bufferBytes;
            return this;
        }

        /** The columns to read (nested fields too), by name; null (the default) reads all. */
        public Builder projection(RowType projection) {
            this.projection = projection;
            return this;
        }

        /** Fail on a broken file (the default) or skip its broken blocks; see {@link ErrorMode}. */
        public Builder errorMode(ErrorMode errorMode) {
            this.errorMode = Objects.requireNonNull(errorMode, "errorMode");
            return this;
        }

        public ReaderOptions build() {
            if (batchSize < 1) {
                throw new IllegalArgumentException(
                        "batchSize must be at least 1, but was " + batchSize);
            }
            if (maxBlockSize < 1) {
                throw new IllegalArgumentException(
                        "maxBlockSize must be at least 1 byte, but was " + maxBlockSize);
            }
            if (bufferBlocks < 1) {
                throw new IllegalArgumentException(
                        "bufferBlocks must be at least 1, but was " + bufferBlocks);
            }
            if (bufferBytes < 1) {
                throw new IllegalArgumentException(
                        "bufferBytes must be at least 1 byte, but was " + bufferBytes);
            }
            return new ReaderOptions(
                    batchSize, maxBlockSize, bufferBlocks, bufferBytes, projection, errorMode);
        }
    }
}
