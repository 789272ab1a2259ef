package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.NullVector;

/** Avro {@code null}: no bytes, and a column that is always null. */
final class NullReader extends FieldReader {

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        return pos;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return pos;
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new NullVector(capacity);
    }

    @Override
    int fixedSize() {
        return 0;
    }
}
