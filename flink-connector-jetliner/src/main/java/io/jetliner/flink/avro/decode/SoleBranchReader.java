package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

/** A union of one non-null type: the branch index, always 0, then the value. */
final class SoleBranchReader extends WrappingReader {

    SoleBranchReader(FieldReader value) {
        super(value);
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row, FieldReader value) {
        long branch = AvroBinary.readIndex(data, pos, limit, 1, "union branch");
        return value.read(data, AvroBinary.end(branch), limit, out, row);
    }

    @Override
    int skip(byte[] data, int pos, int limit, FieldReader value) {
        long branch = AvroBinary.readIndex(data, pos, limit, 1, "union branch");
        return value.skip(data, AvroBinary.end(branch), limit);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return child.createVector(capacity);
    }
}
