package io.jetliner.flink.avro.container;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;

/**
 * A {@link SeekableInput} over any Flink file system: local, {@code s3://}, HDFS and the rest.
 *
 * <p>The length is taken from the caller when it knows it (a split carries the file size), so that
 * opening a file costs no extra metadata request on an object store.
 */
@Internal
public final class FileSystemInput implements SeekableInput {

    private final FSDataInputStream stream;
    private final long length;

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
        return new FileSystemInput(path.getFileSystem().open(path), length);
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void seek(long position) throws IOException {
        stream.seek(position);
    }

    @Override
    public long position() throws IOException {
        return stream.getPos();
    }

    @Override
    public int read(byte[] buffer, int offset, int len) throws IOException {
        return stream.read(buffer, offset, len);
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
