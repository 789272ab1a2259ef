package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BooleanVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/** Avro {@code boolean}: one byte, 0 or 1. */
final class BooleanReader extends FieldReader {

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        int end = AvroBinary.require(pos, limit, 1, "a boolean");
        byte value = data[pos];
        if ((value & ~1) != 0) {
            throw new DecodeException(pos, "invalid boolean byte " + (value & 0xff));
        }
        ((BooleanVector) out).set(row, value != 0);
        return end;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return AvroBinary.require(pos, limit, 1, "a boolean");
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new BooleanVector(capacity);
    }

    @Override
    int fixedSize() {
        return 1;
    }
}
