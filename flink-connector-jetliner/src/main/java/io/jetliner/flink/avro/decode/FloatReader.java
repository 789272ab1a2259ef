package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.FloatVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/** Avro {@code float}: four bytes, little-endian IEEE 754. */
final class FloatReader extends FieldReader {

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        ((FloatVector) out).set(row, in.readFloat());
    }

    @Override
    void skip(BlockCursor in) {
        in.skip(Float.BYTES);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new FloatVector(capacity);
    }

    @Override
    int fixedSize() {
        return Float.BYTES;
    }
}
