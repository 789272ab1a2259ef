package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BooleanVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/** Avro {@code boolean}: one byte, 0 or 1. */
final class BooleanReader extends FieldReader {

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        ((BooleanVector) out).set(row, in.readBoolean());
    }

    @Override
    void skip(BlockCursor in) {
        in.skip(1);
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
