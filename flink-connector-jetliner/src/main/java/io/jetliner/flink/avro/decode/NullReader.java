package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.NullVector;

/** Avro {@code null}: no bytes, and a column that is always null. */
final class NullReader extends FieldReader {

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {}

    @Override
    void skip(BlockCursor in) {}

    @Override
    GrowableVector createVector(int capacity) {
        return new NullVector(capacity);
    }

    @Override
    int fixedSize() {
        return 0;
    }
}
