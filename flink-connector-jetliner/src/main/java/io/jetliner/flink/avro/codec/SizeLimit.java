package io.jetliner.flink.avro.codec;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import java.util.Locale;

/**
 * The maximum decompressed size of a block, and the only ways a codec grows its target: never
 * beyond that maximum, so that a crafted block cannot make a reader allocate more than it was
 * configured to accept. Belongs to one codec instance; not thread-safe.
 */
final class SizeLimit {

    /** The first growth of a target that starts empty or tiny. */
    private static final int MIN_GROWTH = 8192;

    static final String HOW_TO_RAISE =
            "raise the reader's max-block-size (maxDecompressedSize) if the file is trusted";

    private final String codec;
    private final int maxSize;
    private final byte[] probe = new byte[1];

    SizeLimit(String codec, int maxSize) {
        this.codec = codec;
        this.maxSize = maxSize;
    }

    /**
     * How many bytes a codec may write into {@code target} as it is: its array, up to the limit.
     */
    int capacity(GrowableBuffer target) {
        return Math.min(target.array().length, maxSize);
    }

    /**
     * Makes room for a block that declares its decompressed size, checking that size against the
     * limit before allocating anything.
     */
    byte[] reserve(GrowableBuffer target, long declaredSize) {
        if (declaredSize > maxSize) {
            throw new JetlinerException(
                    Kind.SIZE_LIMIT_EXCEEDED,
                    String.format(
                            Locale.ROOT,
                            "%s: the block declares %,d decompressed bytes, more than the limit of"
                                    + " %,d bytes; %s",
                            codec,
                            declaredSize,
                            maxSize,
                            HOW_TO_RAISE));
        }
        return target.ensureCapacity((int) declaredSize, maxSize);
    }

    /**
     * Doubles the room in {@code target}, capped at the limit. Call only when {@link
     * #capacity(GrowableBuffer)} is full; when it already is the limit, the block is too large.
     */
    byte[] grow(GrowableBuffer target) {
        int capacity = capacity(target);
        if (capacity >= maxSize) {
            throw exceeded();
        }
        int wanted = (int) Math.min(maxSize, Math.max(2L * capacity, MIN_GROWTH));
        return target.ensureCapacity(wanted, maxSize);
    }

    /** Where a stream of decompressed bytes comes from, read as {@code InputStream#read} reads. */
    @FunctionalInterface
    interface Source {
        /**
         * Reads at least one byte, or returns -1 at the end of the stream; corrupt input is a
         * {@link JetlinerException}.
         */
        int read(byte[] buffer, int offset, int length);
    }

    /**
     * Reads {@code source} to its end into {@code target}, growing it by doubling up to the limit,
     * and returns how many bytes it holds. A stream of exactly the limit is fine: once the target
     * is full at the limit, a one-byte probe tells that from a larger one.
     */
    int readFully(Source source, GrowableBuffer target) {
        byte[] out = target.array();
        int capacity = capacity(target);
        int size = 0;
        while (true) {
            if (size == capacity) {
                if (capacity == maxSize) {
                    if (source.read(probe, 0, 1) < 0) {
                        return size;
                    }
                    throw exceeded();
                }
                out = grow(target);
                capacity = capacity(target);
            }
            int n = source.read(out, size, capacity - size);
            if (n < 0) {
                return size;
            }
            size += n;
        }
    }

    JetlinerException exceeded() {
        return new JetlinerException(
                Kind.SIZE_LIMIT_EXCEEDED,
                String.format(
                        Locale.ROOT,
                        "%s: the block decompresses to more than the limit of %,d bytes; %s",
                        codec,
                        maxSize,
                        HOW_TO_RAISE));
    }
}
