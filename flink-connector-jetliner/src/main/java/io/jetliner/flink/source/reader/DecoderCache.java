package io.jetliner.flink.source.reader;

import org.apache.flink.annotation.Internal;

import org.apache.avro.Schema;

import java.util.HashMap;
import java.util.Map;

/**
 * One {@link BlockDecoder} per writer schema, so that a decoder is compiled once per schema however
 * many files and splits share it. A schema's hash is cached by Avro and its equality starts with
 * identity, so a look-up per block costs little next to decoding the block.
 *
 * <p>Not thread-safe: used only by the source reader's task thread.
 */
@Internal
final class DecoderCache<T> {

    private final RecordFormat<T> format;
    private final Map<Schema, BlockDecoder<T>> decoders = new HashMap<>();

    DecoderCache(RecordFormat<T> format) {
        this.format = format;
    }

    BlockDecoder<T> decoderFor(Schema writerSchema) {
        return decoders.computeIfAbsent(writerSchema, format::createDecoder);
    }
}
