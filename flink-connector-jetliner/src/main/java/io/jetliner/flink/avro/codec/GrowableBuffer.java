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

    /** The largest array the JVM reliably allocates. */
    public static final int MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;

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
     * Makes room for at least {@code capacity} bytes, keeping every byte of the array, not only the
     * first {@code length()}: codecs fill the array before they set the length. Grows by doubling
     * so that a buffer filled piece by piece is copied O(log n) times.
     */
    public byte[] ensureCapacity(int capacity) {
        return ensureCapacity(capacity, MAX_ARRAY_SIZE);
    }

    /**
     * Like {@link #ensureCapacity(int)}, but the doubling stops at {@code maxCapacity}: the array
     * never grows beyond it. Codecs grow their output this way, so that no block, whatever it
     * claims, makes the buffer outgrow the size limit.
     *
     * @throws IllegalArgumentException if {@code capacity} exceeds {@code maxCapacity} or the
     *     largest possible array
     */
    public byte[] ensureCapacity(int capacity, int maxCapacity) {
        if (capacity > maxCapacity || maxCapacity > MAX_ARRAY_SIZE) {
            throw new IllegalArgumentException(
                    "capacity "
                            + capacity
                            + " above the maximum "
                            + Math.min(maxCapacity, MAX_ARRAY_SIZE));
        }
        if (capacity > array.length) {
            long doubled = Math.max((long) array.length * 2, capacity);
            array = Arrays.copyOf(array, (int) Math.min(doubled, maxCapacity));
        }
        return array;
    }
}
