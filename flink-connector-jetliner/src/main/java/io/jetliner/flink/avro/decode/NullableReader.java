package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

/**
 * A union of null and at most one other type, in either order: the branch index, then the value of
 * the non-null branch, into a nullable column of that type.
 */
final class NullableReader extends WrappingReader {

    private final int branchCount;
    private final int valueBranch;

    /**
     * {@code valueBranch}: the index of the non-null branch, -1 for the union {@code [null]}, whose
     * {@code value} is a {@link NullReader}.
     */
    NullableReader(int branchCount, int valueBranch, FieldReader value) {
        super(value);
        this.branchCount = branchCount;
        this.valueBranch = valueBranch;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row, FieldReader value) {
        long branch = AvroBinary.readIndex(data, pos, limit, branchCount, "union branch");
        if (AvroBinary.value(branch) == valueBranch) {
            out.setNotNull(row);
            return value.read(data, AvroBinary.end(branch), limit, out, row);
        }
        out.setNull(row);
        return AvroBinary.end(branch);
    }

    @Override
    int skip(byte[] data, int pos, int limit, FieldReader value) {
        long branch = AvroBinary.readIndex(data, pos, limit, branchCount, "union branch");
        return AvroBinary.value(branch) == valueBranch
                ? value.skip(data, AvroBinary.end(branch), limit)
                : AvroBinary.end(branch);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return child.createVector(capacity);
    }
}
