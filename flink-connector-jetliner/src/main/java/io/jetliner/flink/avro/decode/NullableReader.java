package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

/**
 * A union of null and at most one other type, in either order: the branch index, then the value of
 * the non-null branch, into a nullable column of that type.
 */
final class NullableReader extends FieldReader {

    private final int branchCount;
    private final int valueBranch;
    private final FieldReader value;

    /**
     * {@code valueBranch}: the index of the non-null branch, -1 for the union {@code [null]}, whose
     * {@code value} is a {@link NullReader}.
     */
    NullableReader(int branchCount, int valueBranch, FieldReader value) {
        this.branchCount = branchCount;
        this.valueBranch = valueBranch;
        this.value = value;
    }

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        if (in.readIndex(branchCount, "union branch") == valueBranch) {
            out.setNotNull(row);
            value.read(in, out, row);
        } else {
            out.setNull(row);
        }
    }

    @Override
    void skip(BlockCursor in) {
        if (in.readIndex(branchCount, "union branch") == valueBranch) {
            value.skip(in);
        }
    }

    @Override
    GrowableVector createVector(int capacity) {
        return value.createVector(capacity);
    }
}
