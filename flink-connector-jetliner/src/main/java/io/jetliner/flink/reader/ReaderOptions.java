package io.jetliner.flink.reader;

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

    private final int batchSize;
    private final int maxBlockSize;
    private final RowType projection;

    private ReaderOptions(int batchSize, int maxBlockSize, RowType projection) {
        this.batchSize = batchSize;
        this.maxBlockSize = maxBlockSize;
        this.projection = projection;
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

    /** The columns to read, matched to the file's fields by name; null reads them all. */
    public RowType projection() {
        return projection;
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return builder().batchSize(batchSize).maxBlockSize(maxBlockSize).projection(projection);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ReaderOptions)) {
            return false;
        }
        ReaderOptions that = (ReaderOptions) o;
        return batchSize == that.batchSize
                && maxBlockSize == that.maxBlockSize
                && Objects.equals(projection, that.projection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(batchSize, maxBlockSize, projection);
    }

    @Override
    public String toString() {
        return "ReaderOptions{batchSize="
                + batchSize
                + ", maxBlockSize="
                + maxBlockSize
                + ", projection="
                + (projection == null ? "all columns" : projection.asSummaryString())
                + '}';
    }

    /** Builds {@link ReaderOptions}; every setting has the default documented on its getter. */
    @PublicEvolving
    public static final class Builder {
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int maxBlockSize = DEFAULT_MAX_BLOCK_SIZE;
        private RowType projection;

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

        /** The columns to read (nested fields too), by name; null (the default) reads all. */
        public Builder projection(RowType projection) {
            this.projection = projection;
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
            return new ReaderOptions(batchSize, maxBlockSize, projection);
        }
    }
}
