package io.jetliner.flink.avro.container;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;
import io.jetliner.flink.avro.codec.GrowableBuffer;

import org.apache.flink.annotation.Internal;

import org.apache.avro.file.DataFileConstants;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the blocks of one byte range {@code [start, end)} of an object container file, so that the
 * ranges of any partition of a file together yield each of its blocks exactly once, in order.
 *
 * <p>The range owns the blocks whose preceding sync marker begins in {@code [start, end)}, the rule
 * of Avro's own {@code DataFileReader.sync(start)} and {@code pastSync(end)}: the first block is
 * the one after the first sync marker found at or after {@code max(start, header.end() - 16)}, and
 * reading stops before the first block that begins at or past {@code end + 16}, or at the end of
 * the file. The header's own marker thus starts the first block for {@code start <= header.end() -
 * 16}, and the search never looks inside the header's metadata, which may hold a copy of the marker
 * (AVRO-986). Finding the first block reads only as far as {@code end}, however long the blocks
 * are.
 *
 * <p>Each block's sync marker is checked against the header's. Declared sizes are checked against
 * {@code maxBlockSize} and the bytes left in the file before anything is allocated; bytes after the
 * last marker that do not form a whole block are {@link Kind#TRUNCATED}, as for Avro's reader.
 * Every failure is a {@link JetlinerException} located at the block's offset, or the marker's for a
 * marker that does not match. After a failure the reader's position is unspecified: close it, or go
 * on with the next intact block with {@link #skipToNextBlock()}.
 *
 * <p>Small reads (the varints of each block, the markers) go through one reusable buffer; each
 * block's payload is read into an array of its own. A reader made to skip payloads reads only each
 * block's header and sync marker and moves past the payload without reading it, for a caller that
 * needs no more than the record counts ({@code SELECT COUNT(*)}); its sizes and markers are checked
 * all the same, so that a corrupt or truncated file still fails. The reader takes ownership of the
 * input and closes it in {@link #close()}.
 *
 * <p>Not thread-safe: one reader per input, used by one thread at a time. The blocks it returns may
 * be handed to other threads.
 */
@Internal
public final class BlockReader implements Closeable {

    private static final int SYNC_SIZE = DataFileConstants.SYNC_SIZE;

    private static final int READ_BUFFER_SIZE = 64 << 10;

    /** The largest array the JVM reliably allocates. */
    private static final int MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;

    private final SeekableInput in;
    private final BufferedInput input;
    private final String file;
    private final byte[] syncMarker;
    private final long searchStart;
    private final long end;
    private final int maxBlockSize;
    private final boolean readPayloads;
    private final byte[] markerRead = new byte[SYNC_SIZE];

    private boolean located;
    private boolean done;
    private boolean closed;
    private long blocksRead;

    /** Where the block {@link #next()} last started reading begins; -1 before the first. */
    private long blockStart = -1;

    /** That block's record count, -1 until it is read and found not negative. */
    private long declaredRecordCount = -1;

    /**
     * @param in the file, owned by this reader from now on
     * @param header the file's header, read from the same file
     * @param file the file's name for error messages
     * @param start the first byte of the range
     * @param end the byte after the range; may exceed the file's length
     * @param maxBlockSize the largest block payload accepted, in bytes
     */
    public BlockReader(
            SeekableInput in,
            ContainerHeader header,
            String file,
            long start,
            long end,
            int maxBlockSize) {
        this(in, header, file, start, end, maxBlockSize, true);
    }

    /**
     * @param readPayloads false to skip each block's payload: the blocks returned then have none
     * @see #BlockReader(SeekableInput, ContainerHeader, String, long, long, int)
     */
    public BlockReader(
            SeekableInput in,
            ContainerHeader header,
            String file,
            long start,
            long end,
            int maxBlockSize,
            boolean readPayloads) {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
        if (maxBlockSize <= 0) {
            throw new IllegalArgumentException("maxBlockSize must be positive: " + maxBlockSize);
        }
        this.in = in;
        this.input = new BufferedInput(in, file, header.fileLength(), READ_BUFFER_SIZE);
        this.file = file;
        this.syncMarker = header.syncMarker();
        this.searchStart = Math.max(start, header.end() - SYNC_SIZE);
        this.end = end;
        this.maxBlockSize = Math.min(maxBlockSize, MAX_ARRAY_SIZE);
        this.readPayloads = readPayloads;
    }

    /**
     * The range's next block, or null when the range has no more. Its payload is an array of its
     * own, sized exactly.
     *
     * @throws JetlinerException for a block that is corrupt, truncated or larger than allowed
     */
    public Block next() {
        return next(null);
    }

    /**
     * The range's next block, or null when the range has no more, its payload read into {@code
     * payload} (which grows as needed, up to the maximum block size): the block's {@link
     * Block#data()} is then that buffer's array, valid until the buffer is written again. A reader
     * of many blocks saves allocating and zeroing an array a block this way.
     *
     * @param payload where the payload goes, or null for an array of its own
     * @throws JetlinerException for a block that is corrupt, truncated or larger than allowed
     */
    public Block next(GrowableBuffer payload) {
        if (closed) {
            throw new IllegalStateException("the block reader of " + file + " is closed");
        }
        if (done) {
            return null;
        }
        if (!located && !locateFirstBlock()) {
            done = true;
            return null;
        }
        long offset = input.position();
        // Past the range's last marker, or exactly at the end of the file: the range is complete.
        if (offset - SYNC_SIZE >= end || offset >= input.length()) {
            done = true;
            return null;
        }
        blockStart = offset;
        declaredRecordCount = -1;
        long recordCount = input.readLong("record count of the block", offset);
        if (recordCount < 0) {
            throw corrupt("the block declares a negative record count " + recordCount, offset);
        }
        declaredRecordCount = recordCount;
        long size = input.readLong("byte size of the block", offset);
        if (size < 0) {
            throw corrupt("the block declares a negative byte size " + size, offset);
        }
        if (size > maxBlockSize) {
            throw new JetlinerException(
                            Kind.SIZE_LIMIT_EXCEEDED,
                            "the block declares "
                                    + size
                                    + " bytes, more than the maximum block size of "
                                    + maxBlockSize
                                    + "; raise max-block-size if the file is trusted, else it is"
                                    + " corrupt")
                    .at(file, offset);
        }
        if (size > input.remaining()) {
            throw new JetlinerException(
                            Kind.TRUNCATED,
                            "the block declares "
                                    + size
                                    + " bytes but the file ends "
                                    + input.remaining()
                                    + " bytes after its header; the file was cut short or is"
                                    + " still being written, or the size is corrupt")
                    .at(file, offset);
        }
        byte[] data = null;
        if (readPayloads) {
            data = payload == null ? new byte[(int) size] : payload.ensureCapacity((int) size);
            input.readFully(data, 0, (int) size, "block's payload");
            if (payload != null) {
                payload.setLength((int) size);
            }
        } else {
            input.skip(size);
        }
        long markerOffset = input.position();
        if (input.remaining() < SYNC_SIZE) {
            throw new JetlinerException(
                            Kind.TRUNCATED,
                            "the file ends inside the block's sync marker, "
                                    + input.remaining()
                                    + " of its "
                                    + SYNC_SIZE
                                    + " bytes present; the file was cut short or is still being"
                                    + " written")
                    .at(file, markerOffset);
        }
        input.readFully(markerRead, 0, SYNC_SIZE, "block's sync marker");
        if (!Arrays.equals(markerRead, syncMarker)) {
            throw new JetlinerException(
                            Kind.BAD_SYNC_MARKER,
                            "sync marker does not match the header's; the file is corrupt or was"
                                    + " truncated while being written")
                    .at(file, markerOffset);
        }
        blocksRead++;
        return new Block(offset, recordCount, data, (int) size, input.position());
    }

    /**
     * After {@link #next()} failed on a block: moves past the next sync marker that begins at or
     * after the failed block's start (its marker may be the broken part) and before the range's
     * end, so that {@link #next()} goes on with the block after it, the first one the failure did
     * not touch. False when no marker begins there: the range is done.
     */
    public boolean skipToNextBlock() {
        if (closed) {
            throw new IllegalStateException("the block reader of " + file + " is closed");
        }
        if (done || blockStart < 0) {
            done = true;
            return false;
        }
        // the failed read left the buffer anywhere: search from a known state
        input.reposition(blockStart);
        long marker = input.find(syncMarker, blockStart, end);
        blockStart = -1;
        if (marker < 0) {
            done = true;
            return false;
        }
        input.seek(marker + SYNC_SIZE);
        return true;
    }

    /**
     * The record count that the block {@link #next()} last failed on declared, if it got as far as
     * reading a count that is not negative; else -1. Only an estimate of what the block held.
     */
    public long failedBlockRecordCount() {
        return declaredRecordCount;
    }

    /** How many blocks {@link #next()} has returned. */
    public long blocksRead() {
        return blocksRead;
    }

    /** Closes the input; idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            in.close();
        }
    }

    /**
     * Positions the input just past the range's first sync marker; false if no marker begins in
     * {@code [searchStart, end)}.
     */
    private boolean locateFirstBlock() {
        located = true;
        long marker = input.find(syncMarker, searchStart, end);
        if (marker < 0) {
            return false;
        }
        input.seek(marker + SYNC_SIZE);
        return true;
    }

    private JetlinerException corrupt(String detail, long offset) {
        return new JetlinerException(Kind.BAD_HEADER, detail + "; the file is corrupt")
                .at(file, offset);
    }
}
