package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

/** A union of one non-null type: the branch index, always 0, then the value. */
final class SoleBranchReader extends FieldReader {

    private final FieldReader value;

    SoleBranchReader(FieldReader value) {
        this.value = value;
    }

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        in.readIndex(1, "union branch");
        value.read(in, out, row);
    }

    @Override
    void skip(BlockCursor in) {
        in.readIndex(1, "union branch");
        value.skip(in);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return value.createVector(capacity);
    }
}
