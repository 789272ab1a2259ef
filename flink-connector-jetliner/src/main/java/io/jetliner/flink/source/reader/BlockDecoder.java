package io.jetliner.flink.source.reader;

import io.jetliner.flink.reader.PrefetchedBlock;

import org.apache.flink.annotation.Internal;

/**
 * Turns the records of decompressed blocks into the source's output type, one record at a time.
 * Made by a {@link RecordFormat} for one writer schema and reused for block after block of that
 * schema.
 *
 * <p>Not thread-safe: a block is started, skipped into and {@linkplain #decodeAhead() decoded
 * ahead} on the split fetcher thread, and its records are then taken on the task thread, after the
 * handover between the two.
 */
@Internal
public interface BlockDecoder<T> {

    /** Starts a block; any block started before is done with. */
    void start(PrefetchedBlock block);

    /** Moves past the next {@code records} records of the block without producing them. */
    void skip(long records);

    /**
     * Decodes the records that {@link #next()} returns first, where the format decodes several at
     * once, so that the fetcher thread decodes them while the task thread emits the block before.
     * By default nothing: each record is decoded when taken.
     */
    default void decodeAhead() {}

    /**
     * The block's next record, or null when it has no more. The record may be reused by the call
     * after next, as the contract of object reuse allows. A decoder that filters returns only the
     * records its filter accepts.
     */
    T next();

    /**
     * The index within the block of the record {@link #next()} returned last: the position after it
     * is this index + 1, whatever records were dropped before it.
     */
    long recordIndex();
}
