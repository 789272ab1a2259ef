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
    void read(BlockCursor in, GrowableVector out, int row) {
        int start = in.require(size);
        ((BytesVector) out).append(row, in.data(), start, size);
        in.advance(size);
    }

    @Override
    void skip(BlockCursor in) {
        in.skip(size);
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
