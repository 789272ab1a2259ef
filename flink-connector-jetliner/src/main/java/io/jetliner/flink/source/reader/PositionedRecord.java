package io.jetliner.flink.source.reader;

import org.apache.flink.annotation.Internal;

/**
 * A record with the position just after it in its split: the offset of its block and how many of
 * that block's records a restore skips to resume after it (its index in the block + 1, whether the
 * records before it were emitted or dropped by a filter). One instance is reused for every record
 * of a reader.
 */
@Internal
public final class PositionedRecord<T> {

    private T record;
    private long blockOffset;
    private long recordsToSkip;

    void set(T record, long blockOffset, long recordsToSkip) {
        this.record = record;
        this.blockOffset = blockOffset;
        this.recordsToSkip = recordsToSkip;
    }

    public T record() {
        return record;
    }

    /** The file offset of the record's block. */
    public long blockOffset() {
        return blockOffset;
    }

    /** The records of the block up to this one, this one included. */
    public long recordsToSkip() {
        return recordsToSkip;
    }
}
