package io.jetliner.flink.source.reader;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.reader.BadInputPolicy;
import io.jetliner.flink.reader.BlockPrefetcher;
import io.jetliner.flink.reader.PrefetchedBlock;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * What one fetch hands from the fetcher thread to the task thread: one decompressed block of one
 * split, or the news that a split is done. The block is decoded as it is iterated, on the task
 * thread, so that decoding there overlaps reading and decompressing on the prefetch thread.
 */
@Internal
final class BlockRecords<T> implements RecordsWithSplitIds<PositionedRecord<T>> {

    private final String splitId;
    private final PrefetchedBlock block;
    private final long recordsToSkip;
    private final DecoderCache<T> decoders;
    private final BlockPrefetcher prefetcher;
    private final PositionedRecord<T> positioned;
    private final RowLimit limit;
    private final Set<String> finishedSplits;

    private boolean splitTaken;
    private BlockDecoder<T> decoder;

    private BlockRecords(
            String splitId,
            PrefetchedBlock block,
            long recordsToSkip,
            DecoderCache<T> decoders,
            BlockPrefetcher prefetcher,
            PositionedRecord<T> positioned,
            RowLimit limit,
            Set<String> finishedSplits) {
        this.splitId = splitId;
        this.block = block;
        this.recordsToSkip = recordsToSkip;
        this.decoders = decoders;
        this.prefetcher = prefetcher;
        this.positioned = positioned;
        this.limit = limit;
        this.finishedSplits = finishedSplits;
    }

    /**
     * The records of {@code block} after the first {@code recordsToSkip}, up to the reader's row
     * limit.
     */
    static <T> BlockRecords<T> of(
            String splitId,
            PrefetchedBlock block,
            long recordsToSkip,
            DecoderCache<T> decoders,
            BlockPrefetcher prefetcher,
            PositionedRecord<T> positioned,
            RowLimit limit) {
        return new BlockRecords<>(
                splitId,
                block,
                recordsToSkip,
                decoders,
                prefetcher,
                positioned,
                limit,
                Collections.emptySet());
    }

    /** No records; {@code splitId} is done. */
    static <T> BlockRecords<T> finished(String splitId) {
        return finished(Collections.singleton(splitId));
    }

    /** No records; the splits {@code splitIds} are done. */
    static <T> BlockRecords<T> finished(Collection<String> splitIds) {
        return new BlockRecords<>(
                null,
                null,
                0,
                null,
                null,
                null,
                null,
                Collections.unmodifiableSet(new HashSet<>(splitIds)));
    }

    /** No records and no news: a fetch that was woken up. */
    static <T> BlockRecords<T> empty() {
        return new BlockRecords<>(null, null, 0, null, null, null, null, Collections.emptySet());
    }

    @Override
    public String nextSplit() {
        if (splitTaken || block == null) {
            return null;
        }
        splitTaken = true;
        decoder = decoders.decoderFor(block.header().schema());
        BadInputPolicy badInput = prefetcher.badInputPolicy();
        try {
            // a block without payload has no record that could fail to decode
            if (badInput.skipsBlocks() && block.hasPayload()) {
                decodeWhole();
            }
            decoder.start(block);
            decoder.skip(recordsToSkip);
        } catch (JetlinerException e) {
            JetlinerException located = locate(e);
            if (badInput.skipBlock(located, block.plausibleRecordCount())) {
                // no record of the block is emitted, so no position ever points into it
                return null;
            }
            throw located;
        }
        return splitId;
    }

    @Override
    public PositionedRecord<T> nextRecordFromSplit() {
        if (limit.isReached()) {
            return null;
        }
        T record;
        try {
            record = decoder.next();
        } catch (JetlinerException e) {
            throw locate(e);
        }
        if (record == null) {
            return null;
        }
        positioned.set(record, block.offset(), decoder.recordIndex() + 1);
        // the source reader emits each record as soon as it has it
        limit.countEmitted();
        return positioned;
    }

    @Override
    public Set<String> finishedSplits() {
        return finishedSplits;
    }

    @Override
    public void recycle() {
        if (block != null) {
            prefetcher.release(block);
        }
    }

    /**
     * Decodes every record of the block, so that skip-block mode knows whether it decodes before
     * emitting any of its records: a block is emitted whole or not at all. Fail mode never pays for
     * this second decoding.
     */
    private void decodeWhole() {
        decoder.start(block);
        while (decoder.next() != null) {
            // only whether each record decodes matters here
        }
    }

    private JetlinerException locate(JetlinerException e) {
        return e.at(block.range().file(), block.offset()).inBlock(block.index());
    }
}
