package io.jetliner.flink.avro.container;

import java.io.IOException;

/**
 * A {@link SeekableInput} over bytes that counts the calls made to it and the bytes they return,
 * and can hand out at most a few bytes per read, as a network stream may.
 */
final class CountingInput implements SeekableInput {

    private final ByteArrayInput bytes;
    private final int maxBytesPerRead;
    private int reads;
    private long bytesRead;
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

    long bytesRead() {
        return bytesRead;
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
        int n = bytes.read(buffer, offset, Math.min(length, maxBytesPerRead));
        bytesRead += Math.max(n, 0);
        return n;
    }

    @Override
    public void close() {
        closed = true;
    }
}
