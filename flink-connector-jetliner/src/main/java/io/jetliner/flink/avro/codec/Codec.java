package io.jetliner.flink.avro.codec;

import io.jetliner.flink.JetlinerException;

import org.apache.flink.annotation.Internal;

/**
 * Decompresses the blocks of an Avro object container file, as written by one of the codecs the
 * Avro specification names in a file's {@code avro.codec} metadata. Created by {@link
 * Codecs#create}.
 *
 * <p><b>Not thread-safe: use one instance per thread.</b> An instance keeps its decompression
 * context (an {@code Inflater}, a zstd context, xz dictionary arrays) from block to block, so that
 * decompressing a block allocates nothing but the growth of its target; sharing it between threads
 * would corrupt that context.
 */
@Internal
public interface Codec extends AutoCloseable {

    /** The canonical name, as written in {@code avro.codec}: {@code "zstd"} reads as zstandard. */
    String name();

    /**
     * Decompresses the block {@code src[offset, offset + length)} into {@code target}, whose valid
     * bytes are then {@code [0, target.length())}. The target grows as needed but never beyond the
     * maximum decompressed size given to {@link Codecs#create}.
     *
     * @throws JetlinerException of kind {@link JetlinerException.Kind#SIZE_LIMIT_EXCEEDED} if the
     *     block decompresses to more than that maximum, or {@link
     *     JetlinerException.Kind#DECOMPRESSION_FAILED} if it is corrupt or truncated
     */
    void decompress(byte[] src, int offset, int length, GrowableBuffer target);

    /**
     * Whether blocks are stored as they are, so that a block's payload already is its content and a
     * reader may decode it where it was read rather than {@linkplain #decompress copy} it.
     */
    default boolean storesBlocksAsIs() {
        return false;
    }

    /** Frees what the codec holds outside the heap (zstd's native context); idempotent. */
    @Override
    default void close() {}
}
