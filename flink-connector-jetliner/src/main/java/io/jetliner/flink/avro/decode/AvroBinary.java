package io.jetliner.flink.avro.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Avro's binary encoding, read straight from a byte array: the readers pass the array, the position
 * and the limit of the block along, and get the next position back, so that the position lives in a
 * register rather than in a field. Every read checks that the block holds what it reads; a bad
 * value is a {@link DecodeException}, never an index out of bounds, and a length is checked against
 * the bytes left before anyone copies or allocates for it.
 *
 * <p>A varint is read in two steps: {@link #varintEnd} finds where it ends, {@link #decodeLong} or
 * {@link #decodeInt} computes its value from those bytes. Where ten bytes are left (the longest
 * varint), the end is found from one 8-byte word without a branch per byte, and the value is
 * gathered from that word; near the end of the block a checked loop does it.
 */
final class AvroBinary {

    static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle FLOAT_LE =
            MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle DOUBLE_LE =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int MAX_LONG_BYTES = 10;
    private static final int MAX_INT_BYTES = 5;
    static final long STOP_BITS = 0x8080_8080_8080_8080L;

    private AvroBinary() {}

    /** The position just past the varint that starts at {@code pos}. */
    static int varintEnd(byte[] data, int pos, int limit) {
        if (limit - pos < MAX_LONG_BYTES) {
            return varintEndChecked(data, pos, limit);
        }
        if (data[pos] >= 0) {
            return pos + 1;
        }
        long stops = ~(long) LONG_LE.get(data, pos) & STOP_BITS;
        if (stops != 0) {
            return pos + (Long.numberOfTrailingZeros(stops) >>> 3) + 1;
        }
        if (data[pos + 8] >= 0) {
            return pos + 9;
        }
        if (data[pos + 9] >= 0) {
            return pos + 10;
        }
        throw new DecodeException(pos, "varint longer than " + MAX_LONG_BYTES + " bytes");
    }

    private static int varintEndChecked(byte[] data, int pos, int limit) {
        for (int i = pos; i < limit; i++) {
            if (data[i] >= 0) {
                return i + 1;
            }
            if (i - pos == MAX_LONG_BYTES - 1) {
                throw new DecodeException(pos, "varint longer than " + MAX_LONG_BYTES + " bytes");
            }
        }
        throw new DecodeException(pos, "the block ends inside a varint");
    }

    /**
     * Reads the int varint at {@code pos}: returns its value and the position after it, packed into
     * one long (see {@link #value} and {@link #end}) so that both stay in registers.
     */
    static long readInt(byte[] data, int pos, int limit) {
        if (pos < limit) {
            int first = data[pos];
            if (first >= 0) {
                return pack(zigzag(first), pos + 1);
            }
            if (limit - pos >= Long.BYTES) {
                long word = (long) LONG_LE.get(data, pos);
                int length = wordVarintLength(word);
                if (length <= MAX_INT_BYTES) {
                    return pack(zigzag((int) compact(word, length)), pos + length);
                }
            }
        }
        int end = varintEnd(data, pos, limit);
        return pack(decodeInt(data, pos, end), end);
    }

    /**
     * Reads the length of a string or bytes value at {@code pos}, checked to be non-negative and to
     * fit in the block after it: returns the length and the position where the bytes start, packed
     * as by {@link #readInt}.
     */
    static long readLength(byte[] data, int pos, int limit) {
        long packed = readLengthVarint(data, pos, limit);
        int length = value(packed);
        if (length < 0 || length > limit - end(packed)) {
            throw badLength(data, pos, limit);
        }
        return packed;
    }

    private static long readLengthVarint(byte[] data, int pos, int limit) {
        if (pos < limit && data[pos] >= 0) {
            return pack(zigzag(data[pos]), pos + 1);
        }
        int end = varintEnd(data, pos, limit);
        long length = decodeLong(data, pos, end);
        // Out of int range is out of the block: let the caller's check fail on -1.
        return pack(length == (int) length ? (int) length : -1, end);
    }

    private static DecodeException badLength(byte[] data, int pos, int limit) {
        int end = varintEnd(data, pos, limit);
        long length = decodeLong(data, pos, end);
        return new DecodeException(
                pos,
                length < 0
                        ? "negative length " + length
                        : "length " + length + " exceeds the " + (limit - end) + " bytes left");
    }

    /**
     * Reads a union branch or enum symbol index at {@code pos}, checked to be in {@code [0,
     * count)}: returns it and the position after it, packed as by {@link #readInt}.
     */
    static long readIndex(byte[] data, int pos, int limit, int count, String what) {
        long packed = readInt(data, pos, limit);
        int index = value(packed);
        if (index < 0 || index >= count) {
            throw new DecodeException(
                    pos, what + " index " + index + " out of range [0, " + count + ")");
        }
        return packed;
    }

    /** The value half of what {@link #readInt}, {@link #readLength}, {@link #readIndex} return. */
    static int value(long packed) {
        return (int) (packed >> 32);
    }

    /**
     * The position half of what {@link #readInt}, {@link #readLength}, {@link #readIndex} return.
     */
    static int end(long packed) {
        return (int) packed;
    }

    private static long pack(int value, int end) {
        return ((long) value << 32) | end;
    }

    /**
     * The length of the varint that starts in the first byte of {@code word} (8 bytes read
     * little-endian), or 9 if it does not end within them.
     */
    static int wordVarintLength(long word) {
        return (Long.numberOfTrailingZeros(~word & STOP_BITS) >>> 3) + 1;
    }

    /** The 7-bit groups of the first {@code length} (1 to 8) bytes of {@code word}, as a number. */
    static long compact(long word, int length) {
        word &= 0x7f7f_7f7f_7f7f_7f7fL & (-1L >>> (Long.SIZE - Byte.SIZE * length));
        // Close the gaps left by the continuation bits: pairs of 7-bit groups, of 14, of 28.
        word = (word & 0x007f_007f_007f_007fL) | ((word & 0x7f00_7f00_7f00_7f00L) >>> 1);
        word = (word & 0x0000_3fff_0000_3fffL) | ((word & 0x3fff_0000_3fff_0000L) >>> 2);
        return (word & 0x0000_0000_0fff_ffffL) | ((word & 0x0fff_ffff_0000_0000L) >>> 4);
    }

    static int zigzag(int raw) {
        return (raw >>> 1) ^ -(raw & 1);
    }

    static long zigzag(long raw) {
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** The zig-zag long of the varint {@code [pos, end)} that {@link #varintEnd} delimited. */
    static long decodeLong(byte[] data, int pos, int end) {
        return zigzag(gather(data, pos, end));
    }

    /** The zig-zag int of the varint {@code [pos, end)}, which may be 5 bytes at most. */
    static int decodeInt(byte[] data, int pos, int end) {
        if (end - pos > MAX_INT_BYTES) {
            throw new DecodeException(pos, "int encoded in more than " + MAX_INT_BYTES + " bytes");
        }
        return zigzag((int) gather(data, pos, end));
    }

    /** The 7-bit groups of a varint, least significant first, as one number. */
    private static long gather(byte[] data, int pos, int end) {
        int length = end - pos;
        if (length == 1) {
            return data[pos];
        }
        if (length <= Long.BYTES && data.length - pos >= Long.BYTES) {
            return compact((long) LONG_LE.get(data, pos), length);
        }
        long value = 0;
        for (int i = pos, shift = 0; i < end; i++, shift += 7) {
            value |= (data[i] & 0x7fL) << shift;
        }
        return value;
    }

    /** The position {@code n} bytes on, checked to be within the block. */
    static int require(int pos, int limit, int n, String what) {
        if (n > limit - pos) {
            throw new DecodeException(pos, "the block ends inside " + what);
        }
        return pos + n;
    }

    /** Skips a length-prefixed value (string, bytes), returning the position after it. */
    static int skipLengthPrefixed(byte[] data, int pos, int limit) {
        long length = readLength(data, pos, limit);
        return end(length) + value(length);
    }
}
