package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads Avro's binary encoding from a decompressed block held in a byte array. Every read checks
 * that the block holds what it is about to read, so a corrupt block is a {@code
 * RECORD_DECODE_FAILED}, never an index out of bounds or a huge allocation; a length is checked
 * against the bytes left before anyone copies or allocates for it.
 *
 * <p>Variable-length integers take a fast path that checks the bounds once, when the longest
 * encoding still fits before the end of the block, and a checked path near the end.
 */
final class BlockCursor {

    private static final VarHandle FLOAT_LE =
            MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE_LE =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int MAX_INT_BYTES = 5;
    private static final int MAX_LONG_BYTES = 10;

    private byte[] data = new byte[0];
    private int start;
    private int pos;
    private int limit;
    private int blockSize = -1;

    void reset(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IllegalArgumentException(
                    "block [" + offset + ", " + offset + " + " + length + ") outside its array");
        }
        this.data = data;
        this.start = offset;
        this.pos = offset;
        this.limit = offset + length;
    }

    byte[] data() {
        return data;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return limit - pos;
    }

    boolean readBoolean() {
        if (pos >= limit) {
            throw exhausted("a boolean");
        }
        byte b = data[pos];
        if ((b & ~1) != 0) {
            throw error("invalid boolean byte " + (b & 0xff));
        }
        pos++;
        return b != 0;
    }

    int readInt() {
        int p = pos;
        if (limit - p < MAX_INT_BYTES) {
            return readIntChecked();
        }
        byte[] b = data;
        int x = b[p++];
        if (x >= 0) {
            pos = p;
            return (x >>> 1) ^ -(x & 1);
        }
        int value = x & 0x7f;
        for (int shift = 7; ; shift += 7) {
            x = b[p++];
            value |= (x & 0x7f) << shift;
            if (x >= 0) {
                pos = p;
                return (value >>> 1) ^ -(value & 1);
            }
            if (shift == 28) {
                throw error("int encoded in more than " + MAX_INT_BYTES + " bytes");
            }
        }
    }

    private int readIntChecked() {
        int value = 0;
        for (int p = pos, shift = 0; ; shift += 7) {
            if (p >= limit) {
                throw exhausted("an int");
            }
            int x = data[p++];
            value |= (x & 0x7f) << shift;
            if (x >= 0) {
                pos = p;
                return (value >>> 1) ^ -(value & 1);
            }
            if (shift == 28) {
                throw error("int encoded in more than " + MAX_INT_BYTES + " bytes");
            }
        }
    }

    long readLong() {
        int p = pos;
        if (limit - p < MAX_LONG_BYTES) {
            return readLongChecked();
        }
        byte[] b = data;
        long x = b[p++];
        if (x >= 0) {
            pos = p;
            return (x >>> 1) ^ -(x & 1);
        }
        long value = x & 0x7f;
        for (int shift = 7; ; shift += 7) {
            x = b[p++];
            value |= (x & 0x7f) << shift;
            if (x >= 0) {
                pos = p;
                return (value >>> 1) ^ -(value & 1);
            }
            if (shift == 63) {
                throw error("long encoded in more than " + MAX_LONG_BYTES + " bytes");
            }
        }
    }

    private long readLongChecked() {
        long value = 0;
        for (int p = pos, shift = 0; ; shift += 7) {
            if (p >= limit) {
                throw exhausted("a long");
            }
            long x = data[p++];
            value |= (x & 0x7f) << shift;
            if (x >= 0) {
                pos = p;
                return (value >>> 1) ^ -(value & 1);
            }
            if (shift == 63) {
                throw error("long encoded in more than " + MAX_LONG_BYTES + " bytes");
            }
        }
    }

    float readFloat() {
        int p = pos;
        if (limit - p < Float.BYTES) {
            throw exhausted("a float");
        }
        pos = p + Float.BYTES;
        return (float) FLOAT_LE.get(data, p);
    }

    double readDouble() {
        int p = pos;
        if (limit - p < Double.BYTES) {
            throw exhausted("a double");
        }
        pos = p + Double.BYTES;
        return (double) DOUBLE_LE.get(data, p);
    }

    /** The little-endian 32-bit number at {@code offset}, which the caller has checked. */
    int intAt(int offset) {
        return (int) INT_LE.get(data, offset);
    }

    /**
     * Reads the length of a string or bytes value and checks that the block holds that many bytes
     * after it; the caller then reads them from {@link #position()} and {@link #skip}s them.
     */
    int readLength() {
        long length = readLong();
        if (length < 0) {
            throw error("negative length " + length);
        }
        if (length > limit - pos) {
            throw error(
                    "length "
                            + length
                            + " exceeds the "
                            + (limit - pos)
                            + " bytes left in the block");
        }
        return (int) length;
    }

    /** Checks that the block holds {@code n} more bytes and returns where they start. */
    int require(int n) {
        if (n > limit - pos) {
            throw exhausted(n + " bytes");
        }
        return pos;
    }

    /** Moves past {@code n} bytes, which must be in the block. */
    void skip(int n) {
        pos = require(n) + n;
    }

    /** Moves past {@code n} bytes that {@link #readLength} or {@link #require} has checked. */
    void advance(int n) {
        pos += n;
    }

    /** Reads a length and moves past that many bytes. */
    void skipLengthPrefixed() {
        // not "pos += readLength()": Java would add the length to pos as it was before the length
        int length = readLength();
        pos += length;
    }

    /** Reads a union branch or enum symbol index and checks it is in {@code [0, count)}. */
    int readIndex(int count, String what) {
        int index = readInt();
        if (index < 0 || index >= count) {
            throw error(what + " index " + index + " out of range [0, " + count + ")");
        }
        return index;
    }

    /**
     * Reads the item count of an array or map block; never negative. A negative count in the file
     * is followed by the block's size in bytes, which this reads and checks, and {@link
     * #blockSize()} then returns; else that is -1.
     */
    long readBlockCount() {
        long count = readLong();
        blockSize = -1;
        if (count < 0) {
            if (count == Long.MIN_VALUE) {
                throw error("invalid item count " + count);
            }
            long size = readLong();
            if (size < 0 || size > limit - pos) {
                throw error(
                        "block size "
                                + size
                                + " outside the "
                                + (limit - pos)
                                + " bytes left in the block");
            }
            blockSize = (int) size;
            return -count;
        }
        return count;
    }

    /** The byte size of the last array or map block read, or -1 if the file did not give it. */
    int blockSize() {
        return blockSize;
    }

    JetlinerException error(String detail) {
        return error(detail, null);
    }

    JetlinerException error(String detail, Throwable cause) {
        return new JetlinerException(
                JetlinerException.Kind.RECORD_DECODE_FAILED,
                detail + " (at byte " + (pos - start) + " of the decompressed block)",
                cause);
    }

    private JetlinerException exhausted(String what) {
        return error("the block ends where " + what + " should be");
    }
}
