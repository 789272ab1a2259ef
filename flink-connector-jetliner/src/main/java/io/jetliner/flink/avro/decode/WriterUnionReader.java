package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

/**
 * A writer's union read as a reader type that differs from it: the branch index, then the value of
 * that branch resolved against the reader's type. A branch the reader's type cannot take reads as
 * an error ({@link IncompatibleBranchReader}), as in Avro: files may hold no value of it.
 */
final class WriterUnionReader extends FieldReader {

    /** By writer branch index: the reader of that branch into the reader's type. */
    private final FieldReader[] branches;

    /** Makes the column of the reader's type. */
    private final FieldReader readerType;

    WriterUnionReader(FieldReader[] branches, FieldReader readerType) {
        this.branches = branches;
        this.readerType = readerType;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        long branch = AvroBinary.readIndex(data, pos, limit, branches.length, "union branch");
        return branches[AvroBinary.value(branch)].read(
                data, AvroBinary.end(branch), limit, out, row);
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        long branch = AvroBinary.readIndex(data, pos, limit, branches.length, "union branch");
        return branches[AvroBinary.value(branch)].skip(data, AvroBinary.end(branch), limit);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return readerType.createVector(capacity);
    }
}
