package io.jetliner.flink.avro.codec;

import java.io.InputStream;

/**
 * An {@code InputStream} over a byte range that can be pointed at the next block. Unlike {@code
 * ByteArrayInputStream} it is not synchronized: bzip2 reads its input a byte at a time, and an
 * uncontended lock per byte is measurable there.
 */
final class BlockInputStream extends InputStream {

    private byte[] bytes = new byte[0];
    private int position;
    private int end;

    void reset(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    @Override
    public int read() {
        return position < end ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int n = Math.min(length, end - position);
        System.arraycopy(bytes, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        int skipped = (int) Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return end - position;
    }
}
