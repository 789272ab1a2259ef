package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.IntVector;

/** Avro {@code int}, also as {@code date} and {@code time-millis}: a zig-zag varint. */
final class IntReader extends FieldReader {

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        long value = AvroBinary.readInt(data, pos, limit);
        ((IntVector) out).set(row, AvroBinary.value(value));
        return AvroBinary.end(value);
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return AvroBinary.varintEnd(data, pos, limit);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new IntVector(capacity);
    }
}
