package io.jetliner.flink.avro.codec;

import org.apache.flink.annotation.Internal;

import java.util.Arrays;

/**
 * A byte array reused from block to block, with the length of its valid prefix. It grows as blocks
 * need and never shrinks, so a reader settles on one array of its largest block's size.
 *
 * <p>Not thread-safe.
 */
@Internal
public final class GrowableBuffer {

    private byte[] array;
    private int length;

    public GrowableBuffer() {
        this(8192);
    }

    public GrowableBuffer(int initialCapacity) {
        this.array = new byte[initialCapacity];
    }

    /** The backing array; valid bytes are {@code [0, length())}. */
    public byte[] array() {
        return array;
    }

    public int length() {
        return length;
    }

    public void setLength(int length) {
        if (length < 0 || length > array.length) {
            throw new IllegalArgumentException(
                    "length " + length + " outside [0, " + array.length + "]");
        }
        this.length = length;
    }

    /**
     * Makes room for at least {@code capacity} bytes, keeping the first {@code length()} bytes.
     * Grows by doubling so that a buffer filled piece by piece is copied O(log n) times.
     */
    public byte[] ensureCapacity(int capacity) {
        if (capacity > array.length) {
            long doubled = Math.max((long) array.length * 2, capacity);
            array = Arrays.copyOf(array, (int) Math.min(doubled, Integer.MAX_VALUE - 8));
        }
        return array;
    }
}
