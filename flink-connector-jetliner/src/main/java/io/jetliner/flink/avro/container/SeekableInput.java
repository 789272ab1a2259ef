package io.jetliner.flink.avro.container;

import org.apache.flink.annotation.Internal;

import java.io.Closeable;
import java.io.IOException;

/**
 * The bytes of one file, read from any position. Kept this small so that the container reader works
 * the same over a Flink file system stream, a local file or an array in a test.
 *
 * <p>Not thread-safe: one reader owns an input.
 */
@Internal
public interface SeekableInput extends Closeable {

    /** The file's length in bytes. */
    long length() throws IOException;

    /** Moves to {@code position}, counted from the start of the file. */
    void seek(long position) throws IOException;

    /** The current position. */
    long position() throws IOException;

    /**
     * Reads up to {@code length} bytes into {@code buffer} at {@code offset}; returns how many were
     * read, or -1 at the end of the file.
     */
    int read(byte[] buffer, int offset, int length) throws IOException;
}
