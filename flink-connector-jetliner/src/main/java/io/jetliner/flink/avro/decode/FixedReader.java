package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BytesVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/** Avro {@code fixed(n)}: n bytes. */
final class FixedReader extends FieldReader {

    private final int size;

    FixedReader(int size) {
        this.size = size;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        int end = AvroBinary.require(pos, limit, size, "a fixed");
        ((BytesVector) out).append(row, data, pos, size);
        return end;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return AvroBinary.require(pos, limit, size, "a fixed");
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new BytesVector(capacity);
    }

    @Override
    int fixedSize() {
        return size;
    }
}
