package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.EnumVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Avro {@code enum}: the symbol's index, kept as is; the column serves the symbol's bytes. */
final class EnumReader extends FieldReader {

    private final byte[][] symbols;

    EnumReader(List<String> symbols) {
        this.symbols = new byte[symbols.size()][];
        for (int i = 0; i < symbols.size(); i++) {
            this.symbols[i] = symbols.get(i).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        ((EnumVector) out).set(row, in.readIndex(symbols.length, "enum symbol"));
    }

    @Override
    void skip(BlockCursor in) {
        in.readIndex(symbols.length, "enum symbol");
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new EnumVector(capacity, symbols);
    }
}
