package io.jetliner.flink.avro.container;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import org.apache.avro.file.DataFileConstants;

import java.io.IOException;

/**
 * A {@link SeekableInput} read through one reusable buffer, with the few primitives the container
 * format needs: Avro's variable-length longs, fixed byte runs and the search for a sync marker.
 *
 * <p>Header fields and block prefixes are a handful of bytes each; reading them from the buffer
 * keeps the calls to the underlying input (a network round trip on an object store) to one per
 * buffer's worth of bytes. Large payloads bypass the buffer and are read straight into their
 * destination.
 *
 * <p>Reads stop at the length given at creation even if the input holds more, so that every
 * decision about the end of the file agrees with that length. Every failure is a located {@link
 * JetlinerException}.
 *
 * <p>Not thread-safe.
 */
final class BufferedInput {

    /** The longest encoding of a 64-bit zig-zag varint. */
    private static final int MAX_VARINT_BYTES = 10;

    /**
     * What a refill reads after a long {@link #skip}: a block's marker and the next block's header
     * need 36 bytes at most; a few KiB cost about as little to read and also hold the next few
     * blocks where those happen to be small.
     */
    static final int SPARSE_FILL_SIZE = 4 << 10;

    private final SeekableInput input;
    private final String file;
    private final long length;
    private final byte[] buffer;

    /** File offset of {@code buffer[0]}. */
    private long bufferStart;

    /** Next byte to consume in {@code buffer}. */
    private int pos;

    /** End of the valid bytes in {@code buffer}. */
    private int limit;

    /** Whether the input must be moved to {@code bufferStart + limit} before the next read. */
    private boolean inputMisplaced = true;

    /** The most bytes one refill asks the input for: the buffer's size unless reads are sparse. */
    private int fillSize;

    BufferedInput(SeekableInput input, String file, long length, int bufferSize) {
        if (bufferSize < 2 * DataFileConstants.SYNC_SIZE) {
            throw new IllegalArgumentException("buffer of " + bufferSize + " bytes is too small");
        }
        this.input = input;
        this.file = file;
        this.length = length;
        this.buffer = new byte[bufferSize];
        this.fillSize = bufferSize;
    }

    long length() {
        return length;
    }

    long position() {
        return bufferStart + pos;
    }

    long remaining() {
        return length - position();
    }

    /** Moves to {@code target}; within the buffered bytes this costs no I/O. */
    void seek(long target) {
        fillSize = buffer.length;
        moveTo(target);
    }

    /**
     * Moves {@code count} bytes forward without reading them. The caller reads a few bytes between
     * skips (the header and marker of each block whose payload it skips): after a skip as long as
     * half the buffer, a refill asks the input for only {@value #SPARSE_FILL_SIZE} bytes, since a
     * full buffer would be mostly bytes to skip again; after a shorter one it reads a full buffer,
     * which holds several of the short runs to skip. The caller checks {@code count} against {@link
     * #remaining()}.
     */
    void skip(long count) {
        fillSize = count >= buffer.length / 2 ? SPARSE_FILL_SIZE : buffer.length;
        moveTo(position() + count);
    }

    private void moveTo(long target) {
        if (target >= bufferStart && target <= bufferStart + limit) {
            pos = (int) (target - bufferStart);
        } else {
            bufferStart = target;
            pos = 0;
            limit = 0;
            inputMisplaced = true;
        }
    }

    /**
     * Moves to {@code target} dropping the buffered bytes, so that the next read starts afresh from
     * the input: the way back to a known state after a failed read left it anywhere.
     */
    void reposition(long target) {
        bufferStart = target;
        pos = 0;
        limit = 0;
        inputMisplaced = true;
    }

    /**
     * Reads one Avro {@code long}: zig-zag encoded, 7 bits a byte, low bits first.
     *
     * @param what names the field in error messages, e.g. "block record count"
     */
    long readLong(String what) {
        return readLong(what, position());
    }

    /** Reads one Avro {@code long}; a failure is located at {@code errorOffset}. */
    long readLong(String what, long errorOffset) {
        long raw = 0;
        for (int shift = 0, i = 0; i < MAX_VARINT_BYTES; i++, shift += 7) {
            if (pos == limit && !fill(1)) {
                throw new JetlinerException(Kind.TRUNCATED, "the file ends inside the " + what)
                        .at(file, errorOffset);
            }
            int b = buffer[pos++];
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                // The tenth byte may only carry the single bit left of the 64.
                if (i == MAX_VARINT_BYTES - 1 && (b & 0x7e) != 0) {
                    break;
                }
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new JetlinerException(
                        Kind.BAD_HEADER, "the " + what + " is not a valid variable-length long")
                .at(file, errorOffset);
    }

    /**
     * Reads exactly {@code count} bytes into {@code target[offset, offset + count)}; the file
     * ending first is {@link Kind#TRUNCATED}, located at {@code position()} before the call.
     *
     * @param what names the bytes in error messages, e.g. "sync marker"
     */
    void readFully(byte[] target, int offset, int count, String what) {
        long start = position();
        int buffered = Math.min(count, limit - pos);
        System.arraycopy(buffer, pos, target, offset, buffered);
        pos += buffered;
        int done = buffered;
        if (count - done >= buffer.length / 2) {
            // Too large to be worth staging: read straight into the target.
            long next = bufferStart + limit;
            placeInput();
            while (done < count) {
                int n = readInput(target, offset + done, count - done, next);
                if (n <= 0) {
                    throw truncated(what, start, count);
                }
                done += n;
                next += n;
            }
            bufferStart = next;
            pos = 0;
            limit = 0;
            return;
        }
        while (done < count) {
            if (!fill(1)) {
                throw truncated(what, start, count);
            }
            int n = Math.min(count - done, limit - pos);
            System.arraycopy(buffer, pos, target, offset + done, n);
            pos += n;
            done += n;
        }
    }

    /**
     * Finds the first occurrence of {@code marker} that starts at or after {@code from} and before
     * {@code before}, and positions this input at its first byte.
     *
     * <p>Scans the buffer rather than the input byte by byte; across a refill it keeps the last
     * {@code marker.length - 1} bytes, so a marker straddling two fills is still found.
     *
     * @return the file offset of the marker, or -1 if there is none in the range
     */
    long find(byte[] marker, long from, long before) {
        seek(from);
        int markerLength = marker.length;
        byte first = marker[0];
        while (true) {
            if (limit - pos < markerLength && !fill(markerLength)) {
                return -1;
            }
            // Candidates at or past `before` are not wanted: bound the scan by it, too.
            long lastWanted = Math.min(before - 1 - bufferStart, limit - markerLength);
            int last = (int) Math.max(lastWanted, pos - 1L);
            for (int i = pos; i <= last; i++) {
                if (buffer[i] == first && matchesAt(marker, i)) {
                    pos = i;
                    return bufferStart + i;
                }
            }
            if (lastWanted < limit - markerLength) {
                return -1;
            }
            pos = limit - markerLength + 1;
        }
    }

    private boolean matchesAt(byte[] marker, int at) {
        for (int j = 1; j < marker.length; j++) {
            if (buffer[at + j] != marker[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Makes at least {@code wanted} unread bytes available in the buffer, moving the unread ones to
     * its front first; false if the file ends before that many are there.
     */
    private boolean fill(int wanted) {
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            bufferStart += pos;
            limit -= pos;
            pos = 0;
        }
        placeInput();
        int fillEnd = Math.max(wanted, Math.min(limit + fillSize, buffer.length));
        while (limit < wanted) {
            int n = readInput(buffer, limit, fillEnd - limit, bufferStart + limit);
            if (n <= 0) {
                return false;
            }
            limit += n;
        }
        return true;
    }

    private void placeInput() {
        if (inputMisplaced) {
            long target = Math.min(bufferStart + limit, length);
            try {
                input.seek(target);
            } catch (IOException e) {
                throw new JetlinerException(Kind.IO, "cannot seek: " + e.getMessage(), e)
                        .at(file, target);
            }
            inputMisplaced = false;
        }
    }

    /** Reads from the input, which is at {@code at}, never past {@link #length}. */
    private int readInput(byte[] target, int offset, int count, long at) {
        int n = (int) Math.min(count, length - at);
        if (n <= 0) {
            return -1;
        }
        try {
            return input.read(target, offset, n);
        } catch (IOException e) {
            throw new JetlinerException(Kind.IO, "cannot read: " + e.getMessage(), e).at(file, at);
        }
    }

    private JetlinerException truncated(String what, long start, int count) {
        return new JetlinerException(
                        Kind.TRUNCATED,
                        "the file ends inside the " + what + " of " + count + " bytes")
                .at(file, start);
    }
}
