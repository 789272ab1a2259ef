package io.jetliner.flink.avro.container;

import java.io.IOException;

/**
 * A {@link SeekableInput} over bytes that counts the calls made to it and can hand out at most a
 * few bytes per read, as a network stream may.
 */
final class CountingInput implements SeekableInput {

    private final ByteArrayInput bytes;
    private final int maxBytesPerRead;
    private int reads;
    private boolean closed;

    CountingInput(byte[] bytes) {
        this(bytes, Integer.MAX_VALUE);
    }

    CountingInput(byte[] bytes, int maxBytesPerRead) {
        this.bytes = new ByteArrayInput(bytes);
        this.maxBytesPerRead = maxBytesPerRead;
    }

    int reads() {
        return reads;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public long length() {
        return bytes.length();
    }

    @Override
    public void seek(long position) {
        bytes.seek(position);
    }

    @Override
    public long position() {
        return bytes.position();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        reads++;
        return bytes.read(buffer, offset, Math.min(length, maxBytesPerRead));
    }

    @Override
    public void close() {
        closed = true;
    }
}
