package io.jetliner.flink.source.reader;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.reader.BadInputPolicy;
import io.jetliner.flink.reader.BlockPrefetcher;
import io.jetliner.flink.reader.PrefetchedBlock;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;

import javax.annotation.Nullable;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * What one fetch hands from the fetcher thread to the task thread: one decompressed block of one
 * split, or the news that a split is done. The fetcher thread starts decoding the block (its first
 * batch of records, where the format decodes batches) before handing it over, so that it decodes
 * one block while the task thread emits the one before; the task thread decodes the rest as it
 * iterates. A record that fails to decode there is reported where the task thread comes to the
 * block, as if it had decoded it itself.
 */
@Internal
final class BlockRecords<T> implements RecordsWithSplitIds<PositionedRecord<T>> {

    @Nullable private final String splitId;
    @Nullable private final PrefetchedBlock block;
    @Nullable private final BlockDecoder<T> decoder;

    /** What preparing the block on the fetcher thread failed with, or null. */
    @Nullable private final RuntimeException failure;

    private final DecoderPool<T> decoders;
    private final BlockPrefetcher prefetcher;
    private final PositionedRecord<T> positioned;
    private final RowLimit limit;
    private final Set<String> finishedSplits;

    private boolean splitTaken;

    private BlockRecords(
            @Nullable String splitId,
            @Nullable PrefetchedBlock block,
            @Nullable BlockDecoder<T> decoder,
            @Nullable RuntimeException failure,
            DecoderPool<T> decoders,
            BlockPrefetcher prefetcher,
            PositionedRecord<T> positioned,
            RowLimit limit,
            Set<String> finishedSplits) {
        this.splitId = splitId;
        this.block = block;
        this.decoder = decoder;
        this.failure = failure;
        this.decoders = decoders;
        this.prefetcher = prefetcher;
        this.positioned = positioned;
        this.limit = limit;
        this.finishedSplits = finishedSplits;
    }

    /**
     * The records of {@code block} after the first {@code recordsToSkip}, up to the reader's row
     * limit, their first batch decoded. Called on the fetcher thread.
     */
    static <T> BlockRecords<T> of(
            String splitId,
            PrefetchedBlock block,
            long recordsToSkip,
            DecoderPool<T> decoders,
            BlockPrefetcher prefetcher,
            PositionedRecord<T> positioned,
            RowLimit limit) {
        BlockDecoder<T> decoder = null;
        RuntimeException failure = null;
        try {
            decoder = decoders.take(block.header().schema());
            prepare(decoder, block, recordsToSkip, prefetcher.badInputPolicy());
        } catch (RuntimeException e) {
            failure = e;
        }
        return new BlockRecords<>(
                splitId,
                block,
                decoder,
                failure,
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
                null,
                null,
                null,
                null,
                null,
                null,
                Collections.unmodifiableSet(new HashSet<>(splitIds)));
    }

    /** No records and no news: a fetch that was woken up. */
    static <T> BlockRecords<T> empty() {
        return new BlockRecords<>(
                null, null, null, null, null, null, null, null, Collections.emptySet());
    }

    private static <T> void prepare(
            BlockDecoder<T> decoder,
            PrefetchedBlock block,
            long recordsToSkip,
            BadInputPolicy badInput) {
        // a block without payload has no record that could fail to decode
        if (badInput.skipsBlocks() && block.hasPayload()) {
            decodeWhole(decoder, block);
        }
        decoder.start(block);
        decoder.skip(recordsToSkip);
        decoder.decodeAhead();
    }

    /**
     * Decodes every record of the block, so that skip-block mode knows whether it decodes before
     * emitting any of its records: a block is emitted whole or not at all. Fail mode never pays for
     * this second decoding.
     */
    private static <T> void decodeWhole(BlockDecoder<T> decoder, PrefetchedBlock block) {
        decoder.start(block);
        while (decoder.next() != null) {
            // only whether each record decodes matters here
        }
    }

    @Override
    public String nextSplit() {
        if (splitTaken || block == null) {
            return null;
        }
        splitTaken = true;
        // without a decoder, the format cannot read the block's schema: no skipping past that
        if (decoder != null && failure instanceof JetlinerException) {
            JetlinerException located = locate((JetlinerException) failure);
            if (prefetcher.badInputPolicy().skipBlock(located, block.plausibleRecordCount())) {
                // no record of the block is emitted, so no position ever points into it
                return null;
            }
            throw located;
        }
        if (failure != null) {
            throw failure;
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
        if (decoder != null) {
            decoders.giveBack(block.header().schema(), decoder);
        }
    }

    private JetlinerException locate(JetlinerException e) {
        return e.at(block.range().file(), block.offset()).inBlock(block.index());
    }
}
