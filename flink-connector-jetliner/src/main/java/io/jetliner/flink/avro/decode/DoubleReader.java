package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.DoubleVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/** Avro {@code double}: eight bytes, little-endian IEEE 754. */
final class DoubleReader extends FieldReader {

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        int end = AvroBinary.require(pos, limit, Double.BYTES, "a double");
        ((DoubleVector) out).set(row, (double) AvroBinary.DOUBLE_LE.get(data, pos));
        return end;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return AvroBinary.require(pos, limit, Double.BYTES, "a double");
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
