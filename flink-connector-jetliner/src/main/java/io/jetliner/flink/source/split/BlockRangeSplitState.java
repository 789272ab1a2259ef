package io.jetliner.flink.source.split;

import org.apache.flink.annotation.Internal;

/**
 * The position of a split being read, moved forward by every record emitted: the split as a
 * checkpoint will store it.
 *
 * <p>Not thread-safe: owned by the source reader's task thread.
 */
@Internal
public final class BlockRangeSplitState {

    private final BlockRangeSplit split;
    private long blockOffset;
    private long recordsToSkip;

    public BlockRangeSplitState(BlockRangeSplit split) {
        this.split = split;
        this.blockOffset = split.blockOffset();
        this.recordsToSkip = split.recordsToSkip();
    }

    /** After the first {@code recordsToSkip} records of the block at {@code blockOffset}. */
    public void setPosition(long blockOffset, long recordsToSkip) {
        this.blockOffset = blockOffset;
        this.recordsToSkip = recordsToSkip;
    }

    /** The split, to resume at the position reached. */
    public BlockRangeSplit toSplit() {
        return split.withPosition(blockOffset, recordsToSkip);
    }
}
