package io.jetliner.flink.source.split;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.fs.Path;

import java.io.Serializable;
import java.util.Objects;

/**
 * The byte range {@code [start, end)} of one Avro object container file, and how far a reader has
 * got in it. Immutable.
 *
 * <p>The range owns the blocks whose preceding sync marker begins inside it (Avro's split rule,
 * applied by the container's {@code BlockReader}), so the ranges of a file's splits tile {@code [0,
 * fileSize)} and together hold each block exactly once, without the planner reading a byte.
 *
 * <p>The position is the file offset of the block to resume at and the number of that block's
 * records already emitted. A fresh split has no position ({@link #NO_BLOCK_OFFSET}, 0): reading
 * starts at the range's first block. The file size and modification time are those seen when the
 * split was planned: the reader needs no metadata request, and can tell a file that changed since.
 */
@Internal
public final class BlockRangeSplit implements SourceSplit, Serializable {

    private static final long serialVersionUID = 1L;

    /** The {@link #blockOffset()} of a split whose reading has not started. */
    public static final long NO_BLOCK_OFFSET = -1;

    private final Path path;
    private final long start;
    private final long end;
    private final long fileSize;
    private final long modificationTime;
    private final long blockOffset;
    private final long recordsToSkip;
    private final String id;

    /** A split of {@code [start, end)} of {@code path} whose reading has not started. */
    public BlockRangeSplit(Path path, long start, long end, long fileSize, long modificationTime) {
        this(path, start, end, fileSize, modificationTime, NO_BLOCK_OFFSET, 0);
    }

    /**
     * A split of {@code [start, end)} of {@code path}, to resume at the block at {@code
     * blockOffset} after skipping {@code recordsToSkip} of its records.
     *
     * @throws IllegalArgumentException unless {@code 0 <= start <= end <= fileSize}, {@code
     *     blockOffset} is {@link #NO_BLOCK_OFFSET} or in {@code [0, fileSize]}, and {@code
     *     recordsToSkip} is 0 without a block offset, or not negative with one
     */
    public BlockRangeSplit(
            Path path,
            long start,
            long end,
            long fileSize,
            long modificationTime,
            long blockOffset,
            long recordsToSkip) {
        this.path = Objects.requireNonNull(path, "path");
        if (start < 0 || end < start || fileSize < end) {
            throw new IllegalArgumentException(
                    String.format(
                            "range [%d, %d) is not within a file of %d bytes: %s",
                            start, end, fileSize, path));
        }
        if (blockOffset == NO_BLOCK_OFFSET
                ? recordsToSkip != 0
                : blockOffset < 0 || blockOffset > fileSize || recordsToSkip < 0) {
            throw new IllegalArgumentException(
                    String.format(
                            "bad position (block offset %d, records to skip %d) in a file of %d"
                                    + " bytes: %s",
                            blockOffset, recordsToSkip, fileSize, path));
        }
        this.start = start;
        this.end = end;
        this.fileSize = fileSize;
        this.modificationTime = modificationTime;
        this.blockOffset = blockOffset;
        this.recordsToSkip = recordsToSkip;
        // A path may hold ':' itself, but the start is digits after the last one, so the id is
        // unique per (path, start).
        this.id = path + ":" + start;
    }

    /** This split, to resume at the block at {@code blockOffset} after {@code recordsToSkip}. */
    public BlockRangeSplit withPosition(long blockOffset, long recordsToSkip) {
        return new BlockRangeSplit(
                path, start, end, fileSize, modificationTime, blockOffset, recordsToSkip);
    }

    /** {@code "<path>:<start>"}: the same for a split and all its positions. */
    @Override
    public String splitId() {
        return id;
    }

    public Path path() {
        return path;
    }

    /** The first byte of the range. */
    public long start() {
        return start;
    }

    /** The byte after the range. */
    public long end() {
        return end;
    }

    /** The file's length when the split was planned. */
    public long fileSize() {
        return fileSize;
    }

    /** The file's modification time when the split was planned, as its file system reports it. */
    public long modificationTime() {
        return modificationTime;
    }

    /** The file offset of the block to resume at, or {@link #NO_BLOCK_OFFSET}. */
    public long blockOffset() {
        return blockOffset;
    }

    /** The records of the block at {@link #blockOffset()} already emitted. */
    public long recordsToSkip() {
        return recordsToSkip;
    }

    /** Whether reading has started: {@link #blockOffset()} is a block's offset. */
    public boolean hasPosition() {
        return blockOffset != NO_BLOCK_OFFSET;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BlockRangeSplit)) {
            return false;
        }
        BlockRangeSplit that = (BlockRangeSplit) o;
        return start == that.start
                && end == that.end
                && fileSize == that.fileSize
                && modificationTime == that.modificationTime
                && blockOffset == that.blockOffset
                && recordsToSkip == that.recordsToSkip
                && path.equals(that.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                path, start, end, fileSize, modificationTime, blockOffset, recordsToSkip);
    }

    @Override
    public String toString() {
        StringBuilder s =
                new StringBuilder("BlockRangeSplit{")
                        .append(path)
                        .append(" [")
                        .append(start)
                        .append(", ")
                        .append(end)
                        .append(") of ")
                        .append(fileSize)
                        .append(" bytes, mtime ")
                        .append(modificationTime);
        if (hasPosition()) {
            s.append(", at block ").append(blockOffset).append(" + ").append(recordsToSkip);
        }
        return s.append('}').toString();
    }
}
