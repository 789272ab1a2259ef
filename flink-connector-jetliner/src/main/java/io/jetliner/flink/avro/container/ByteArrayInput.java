package io.jetliner.flink.avro.container;

import org.apache.flink.annotation.Internal;

/** A {@link SeekableInput} over bytes already in memory: tests, fuzzing and small files. */
@Internal
public final class ByteArrayInput implements SeekableInput {

    private final byte[] bytes;
    private int position;

    public ByteArrayInput(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public void seek(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = (int) Math.min(newPosition, bytes.length);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= bytes.length) {
            return -1;
        }
        int n = Math.min(length, bytes.length - position);
        System.arraycopy(bytes, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() {}
}
