package io.jetliner.flink.reader;

import org.apache.flink.annotation.Internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link BlockPrefetcher} has done so far, readable from any thread: the figures behind the
 * source's metrics.
 */
@Internal
public final class PrefetchStats {

    final AtomicLong blocks = new AtomicLong();
    final AtomicLong compressedBytes = new AtomicLong();
    final AtomicLong decompressedBytes = new AtomicLong();
    final AtomicLong consumerDecompressedBlocks = new AtomicLong();
    final AtomicLong consumerWaitNanos = new AtomicLong();
    final AtomicLong producerWaitNanos = new AtomicLong();

    /** Blocks read and decompressed. */
    public long blocks() {
        return blocks.get();
    }

    /** Bytes of those blocks as stored in their files. */
    public long compressedBytes() {
        return compressedBytes.get();
    }

    /** Bytes of those blocks once decompressed. */
    public long decompressedBytes() {
        return decompressedBytes.get();
    }

    /**
     * Blocks the consumer decompressed itself, its next block not being ready: where this is a
     * large share of {@link #blocks()}, decompression is the limit.
     */
    public long consumerDecompressedBlocks() {
        return consumerDecompressedBlocks.get();
    }

    /** Time the decoder spent waiting for a block: the I/O or decompression it was not spared. */
    public long consumerWaitNanos() {
        return consumerWaitNanos.get();
    }

    /** Time the prefetch thread spent waiting for room in its buffer: decoding was the wall. */
    public long producerWaitNanos() {
        return producerWaitNanos.get();
    }
}
