package io.jetliner.flink.source.reader;

import org.apache.flink.annotation.Internal;

import org.apache.avro.Schema;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@link BlockDecoder}s per writer schema, each used by one block at a time: the fetcher thread
 * takes one for a block and decodes the block's first records with it, and the task thread goes on
 * with it and gives it back once the block is emitted. So there are as many decoders of a schema as
 * blocks in flight between the two threads (at most the prefetcher's {@code bufferBlocks}, plus the
 * one being prepared), each made once by the format and then reused. A schema's hash is cached by
 * Avro and its equality starts with identity, so a look-up per block costs little next to decoding
 * the block.
 *
 * <p>Thread-safe: {@link #take} and {@link #giveBack} may be called from any thread.
 */
@Internal
final class DecoderPool<T> {

    private final RecordFormat<T> format;
    private final Map<Schema, Queue<BlockDecoder<T>>> idle = new ConcurrentHashMap<>();

    DecoderPool(RecordFormat<T> format) {
        this.format = format;
    }

    /**
     * A decoder for blocks of {@code writerSchema} that nobody else uses until it is given back.
     */
    BlockDecoder<T> take(Schema writerSchema) {
        BlockDecoder<T> decoder = idleOf(writerSchema).poll();
        return decoder != null ? decoder : format.createDecoder(writerSchema);
    }

    /** Gives back a decoder taken for {@code writerSchema}, done with its block. */
    void giveBack(Schema writerSchema, BlockDecoder<T> decoder) {
        idleOf(writerSchema).add(decoder);
    }

    private Queue<BlockDecoder<T>> idleOf(Schema writerSchema) {
        return idle.computeIfAbsent(writerSchema, schema -> new ConcurrentLinkedQueue<>());
    }
}
