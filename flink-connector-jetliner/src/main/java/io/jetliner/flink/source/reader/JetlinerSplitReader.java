package io.jetliner.flink.source.reader;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.container.FileSystemInput;
import io.jetliner.flink.reader.BlockPrefetcher;
import io.jetliner.flink.reader.PrefetchRange;
import io.jetliner.flink.reader.PrefetchedBlock;
import io.jetliner.flink.source.split.BlockRangeSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.Counter;

import org.apache.avro.file.DataFileConstants;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Hands the blocks of its splits, read and decompressed ahead by a {@link BlockPrefetcher}, to the
 * task thread, each with its first records decoded (see {@link BlockRecords}); the splits are read
 * one after the other in the order they arrive. Once the reader's {@link RowLimit} is reached,
 * nothing more is read: the prefetcher is stopped, and every split in hand or assigned later
 * finishes unread.
 *
 * <p>Runs on the split fetcher's thread; {@link #wakeUp()} may be called from any thread.
 */
@Internal
final class JetlinerSplitReader<T> implements SplitReader<PositionedRecord<T>, BlockRangeSplit> {

    private final BlockPrefetcher prefetcher;
    private final DecoderPool<T> decoders;
    private final Counter numBytesIn;
    private final RowLimit limit;
    private final PositionedRecord<T> positioned = new PositionedRecord<>();

    /** The splits handed to this reader and not finished yet. */
    private final Set<String> unfinished = new LinkedHashSet<>();

    /** Splits restored at a position, until their first block comes: where to resume. */
    private final Map<String, BlockRangeSplit> resuming = new HashMap<>();

    JetlinerSplitReader(
            BlockPrefetcher prefetcher,
            DecoderPool<T> decoders,
            Counter numBytesIn,
            RowLimit limit) {
        this.prefetcher = prefetcher;
        this.decoders = decoders;
        this.numBytesIn = numBytesIn;
        this.limit = limit;
    }

    @Override
    public RecordsWithSplitIds<PositionedRecord<T>> fetch() {
        if (limit.isReached()) {
            return finishUnread();
        }
        PrefetchedBlock block;
        try {
            block = prefetcher.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BlockRecords.empty();
        }
        if (block == null) {
            return BlockRecords.empty();
        }
        String splitId = block.range().id();
        BlockRangeSplit resumed = resuming.remove(splitId);
        if (block.isEndOfRange()) {
            unfinished.remove(splitId);
            return BlockRecords.finished(splitId);
        }
        numBytesIn.inc(block.compressedSize());
        long recordsToSkip = 0;
        if (resumed != null) {
            if (block.offset() != resumed.blockOffset()) {
                prefetcher.release(block);
                throw new JetlinerException(
                                JetlinerException.Kind.FILE_CHANGED,
                                "the checkpointed position "
                                        + resumed.blockOffset()
                                        + " is not where a block starts, but "
                                        + block.offset()
                                        + " is; the file changed since the checkpoint")
                        .at(block.range().file(), resumed.blockOffset());
            }
            recordsToSkip = resumed.recordsToSkip();
        }
        return BlockRecords.of(
                splitId, block, recordsToSkip, decoders, prefetcher, positioned, limit);
    }

    /**
     * Stops reading for good, on this thread since stopping the prefetcher waits for its thread,
     * and finishes every split in hand.
     */
    private RecordsWithSplitIds<PositionedRecord<T>> finishUnread() {
        prefetcher.close();
        resuming.clear();
        RecordsWithSplitIds<PositionedRecord<T>> finished = BlockRecords.finished(unfinished);
        unfinished.clear();
        return finished;
    }

    @Override
    public void handleSplitsChanges(SplitsChange<BlockRangeSplit> splitsChanges) {
        if (!(splitsChanges instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "unsupported splits change: " + splitsChanges.getClass().getName());
        }
        for (BlockRangeSplit split : splitsChanges.splits()) {
            unfinished.add(split.splitId());
            if (limit.isReached()) {
                continue;
            }
            long start = split.start();
            if (split.blockOffset() >= 0) {
                resuming.put(split.splitId(), split);
                // the marker before the block: Avro's split rule starts at the first block after it
                start = split.blockOffset() - DataFileConstants.SYNC_SIZE;
            }
            prefetcher.add(
                    new PrefetchRange(
                            split.splitId(),
                            split.path().toString(),
                            () -> FileSystemInput.open(split.path(), split.fileSize()),
                            start,
                            split.end(),
                            null,
                            split.modificationTime()));
        }
    }

    @Override
    public void wakeUp() {
        prefetcher.wakeUp();
    }

    /** The prefetcher belongs to the source reader, which closes it; it outlives this fetcher. */
    @Override
    public void close() {}
}
