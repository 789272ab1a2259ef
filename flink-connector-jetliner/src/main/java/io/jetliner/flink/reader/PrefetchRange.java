package io.jetliner.flink.reader;

import io.jetliner.flink.avro.container.ContainerHeader;
import io.jetliner.flink.avro.container.SeekableInput;

import org.apache.flink.annotation.Internal;

import java.io.IOException;

/**
 * One byte range of one file for a {@link BlockPrefetcher} to read: the blocks that Avro's split
 * rule gives to {@code [start, end)}.
 *
 * @param id names the range to its consumer (a split's id)
 * @param file the file's name, for errors and for the header cache
 * @param opener opens the file; called on the prefetch thread
 * @param start the first byte of the range
 * @param end the byte after the range
 * @param header the file's header if the caller has read it already, else null
 * @param modificationTime the file's modification time as its file system listed it, or {@link
 *     #UNKNOWN_MODIFICATION_TIME}: passed through to the consumer, which may report it
 */
@Internal
public record PrefetchRange(
        String id,
        String file,
        InputOpener opener,
        long start,
        long end,
        ContainerHeader header,
        long modificationTime) {

    /** The {@link #modificationTime()} of a range whose file was not listed. */
    public static final long UNKNOWN_MODIFICATION_TIME = Long.MIN_VALUE;

    /** A range of a file whose modification time is not known. */
    public PrefetchRange(
            String id,
            String file,
            InputOpener opener,
            long start,
            long end,
            ContainerHeader header) {
        this(id, file, opener, start, end, header, UNKNOWN_MODIFICATION_TIME);
    }

    /** Opens a file for reading. */
    @FunctionalInterface
    public interface InputOpener {
        SeekableInput open() throws IOException;
    }
}
