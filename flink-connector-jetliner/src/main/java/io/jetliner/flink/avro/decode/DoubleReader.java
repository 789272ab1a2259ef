package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.DoubleVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/** Avro {@code double}: eight bytes, little-endian IEEE 754. */
final class DoubleReader extends FieldReader {

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        ((DoubleVector) out).set(row, in.readDouble());
    }

    @Override
    void skip(BlockCursor in) {
        in.skip(Double.BYTES);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new DoubleVector(capacity);
    }

    @Override
    int fixedSize() {
        return Double.BYTES;
    }
}
