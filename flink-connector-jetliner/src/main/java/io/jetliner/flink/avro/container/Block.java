package io.jetliner.flink.avro.container;

import org.apache.flink.annotation.Internal;

/**
 * One block of an object container file as stored: its record count and its payload, still
 * compressed by the file's codec, with where it lies in the file. A block read by a {@link
 * BlockReader} that skips payloads has none: only its header and place are known.
 *
 * <p>The payload is an array of its own, sized exactly ({@link BlockReader#next()}), or the array
 * of the caller's buffer ({@link BlockReader#next(io.jetliner.flink.avro.codec.GrowableBuffer)}),
 * valid until that buffer is written again. A block is not modified after it is created; publishing
 * it safely to another thread (a concurrent queue does) is up to the caller.
 */
@Internal
public final class Block {

    private final long offset;
    private final long recordCount;
    private final byte[] data;
    private final int length;
    private final long endOffset;

    Block(long offset, long recordCount, byte[] data, int length, long endOffset) {
        this.offset = offset;
        this.recordCount = recordCount;
        this.data = data;
        this.length = length;
        this.endOffset = endOffset;
    }

    /** The file offset where the block starts: its record-count varint. */
    public long offset() {
        return offset;
    }

    /** How many records the block holds; may be 0. */
    public long recordCount() {
        return recordCount;
    }

    /**
     * The payload as stored (compressed): {@code data()[0, length())}; do not modify.
     *
     * @throws IllegalStateException if the payload was skipped, not read
     */
    public byte[] data() {
        if (data == null) {
            throw new IllegalStateException(
                    "the payload of the block at " + offset + " was skipped");
        }
        return data;
    }

    /** Whether the payload was read; false where the block reader skips payloads. */
    public boolean hasPayload() {
        return data != null;
    }

    /** The payload's length in bytes as stored, whether it was read or skipped. */
    public int length() {
        return length;
    }

    /** The file offset just past the block's sync marker: where the next block starts. */
    public long endOffset() {
        return endOffset;
    }

    @Override
    public String toString() {
        return "Block{offset="
                + offset
                + ", records="
                + recordCount
                + ", bytes="
                + length
                + (data == null ? " skipped" : "")
                + ", endOffset="
                + endOffset
                + '}';
    }
}
