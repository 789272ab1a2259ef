package io.jetliner.flink.reader;

import org.apache.flink.annotation.Internal;

/** What a {@link BlockPrefetcher} reads of each block, and how it hands the blocks out. */
@Internal
public enum BlockContent {

    /** Every block with its payload, decompressed: for readers that decode records. */
    PAYLOAD,

    /**
     * Every block with its record count and place but no payload, which is neither read nor
     * decompressed: for rows that need nothing of a record but that it is there, or the offset of
     * its block.
     */
    HEADER,

    /**
     * A range's blocks as one block without payload that starts where the first one does and holds
     * the records of all of them: for readers that only count. Handing thousands of header-only
     * blocks to the consumer thread one by one costs more than reading them; the one block is the
     * same whenever the range is read again from its start, so positions within it stay exact.
     */
    RANGE_COUNT;

    /** Whether the blocks' payloads are read and decompressed. */
    public boolean readsPayloads() {
        return this == PAYLOAD;
    }
}
