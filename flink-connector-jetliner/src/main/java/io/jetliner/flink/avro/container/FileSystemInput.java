package io.jetliner.flink.avro.container;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;

/**
 * A {@link SeekableInput} over any Flink file system: local, {@code s3://}, HDFS and the rest.
 *
 * <p>The length is taken from the caller when it knows it (a split carries the file size), so that
 * opening a file costs no extra metadata request on an object store.
 *
 * <p>The stream is only ever moved back when a read needs bytes behind it: object stores' streams
 * read ahead only while the reader goes forward (S3A's, after one backward seek, fetches every
 * later read with a ranged request of its own). Reading a file from its start goes back once, from
 * where the header's read-ahead stopped to the first block, so the first {@link #HEAD_SIZE} bytes
 * read from the start are kept and read again from memory while the stream goes on forward.
 */
@Internal
public final class FileSystemInput implements SeekableInput {

    /** As much as the header's reader reads ahead: a header of up to that size is kept whole. */
    static final int HEAD_SIZE = 64 << 10;

    private final FSDataInputStream stream;
    private final long length;

    /** Where the next read starts; the stream is moved there only when a read needs it. */
    private long position;

    private long streamPosition;

    /** The file's bytes [0, headLength), as read from the start; null until read. */
    private byte[] head;

    private int headLength;

    private FileSystemInput(FSDataInputStream stream, long length) {
        this.stream = stream;
        this.length = length;
    }

    /** Opens {@code path}, asking the file system for its length. */
    public static FileSystemInput open(Path path) throws IOException {
        FileSystem fs = path.getFileSystem();
        return open(path, fs.getFileStatus(path).getLen());
    }

    /** Opens {@code path} whose length is already known. */
    public static FileSystemInput open(Path path, long length) throws IOException {
        return of(path.getFileSystem().open(path), length);
    }

    /** An input over an open stream positioned at the start of a file of {@code length} bytes. */
    @VisibleForTesting
    static FileSystemInput of(FSDataInputStream stream, long length) {
        return new FileSystemInput(stream, length);
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void seek(long position) {
        this.position = position;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public int read(byte[] buffer, int offset, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position < headLength) {
            int n = (int) Math.min(len, headLength - position);
            System.arraycopy(head, (int) position, buffer, offset, n);
            position += n;
            return n;
        }
        if (streamPosition != position) {
            stream.seek(position);
            streamPosition = position;
        }
        int n = stream.read(buffer, offset, len);
        if (n > 0) {
            keepHead(buffer, offset, n);
            position += n;
            streamPosition += n;
        }
        return n;
    }

    /** Keeps what was just read at {@link #position} if it continues the head. */
    private void keepHead(byte[] read, int offset, int n) {
        if (position == headLength && headLength < HEAD_SIZE) {
            if (head == null) {
                head = new byte[(int) Math.min(HEAD_SIZE, length)];
            }
            int kept = Math.min(n, head.length - headLength);
            System.arraycopy(read, offset, head, headLength, kept);
            headLength += kept;
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
