package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.FloatVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/** Avro {@code float}: four bytes, little-endian IEEE 754. */
final class FloatReader extends FieldReader {

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        int end = AvroBinary.require(pos, limit, Float.BYTES, "a float");
        ((FloatVector) out).set(row, (float) AvroBinary.FLOAT_LE.get(data, pos));
        return end;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return AvroBinary.require(pos, limit, Float.BYTES, "a float");
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
