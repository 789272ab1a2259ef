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
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        long symbol = AvroBinary.readIndex(data, pos, limit, symbols.length, "enum symbol");
        ((EnumVector) out).set(row, AvroBinary.value(symbol));
        return AvroBinary.end(symbol);
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return AvroBinary.end(
                AvroBinary.readIndex(data, pos, limit, symbols.length, "enum symbol"));
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new EnumVector(capacity, symbols);
    }
}
