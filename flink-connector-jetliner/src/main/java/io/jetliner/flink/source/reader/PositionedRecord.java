package io.jetliner.flink.source.reader;

import org.apache.flink.annotation.Internal;

/**
 * A record with the position just after it in its split: the offset of its block and how many of
 * that block's records are emitted once it is. One instance is reused for every record of a reader.
 */
@Internal
public final class PositionedRecord<T> {

    private T record;
    private long blockOffset;
    private long recordsEmittedInBlock;

    void set(T record, long blockOffset, long recordsEmittedInBlock) {
        this.record = record;
        this.blockOffset = blockOffset;
        this.recordsEmittedInBlock = recordsEmittedInBlock;
    }

    public T record() {
        return record;
    }

    /** The file offset of the record's block. */
    public long blockOffset() {
        return blockOffset;
    }

    /** The records of the block emitted once this one is, this one included. */
    public long recordsEmittedInBlock() {
        return recordsEmittedInBlock;
    }
}
