package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.RowVector;

/**
 * A value written where the reader has a union of several non-null types (a row with one field per
 * branch): the value goes into the field of the branch the reader resolves it to, the other fields
 * are null.
 */
final class UnionBranchReader extends WrappingReader {

    /** The projected field of the branch, or -1 if that branch is not projected. */
    private final int target;

    private final FieldReader readerType;

    /**
     * {@code value}: the reader of the written value into the branch's field, or a skipping one if
     * the branch is not projected; {@code readerType}: the reader of the reader's union, whose
     * column this one fills.
     */
    UnionBranchReader(FieldReader value, int target, FieldReader readerType) {
        super(value);
        this.target = target;
        this.readerType = readerType;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row, FieldReader value) {
        RowVector vector = (RowVector) out;
        vector.setNotNull(row);
        GrowableVector[] fields = vector.fields();
        for (GrowableVector field : fields) {
            field.setNull(row);
        }
        if (target < 0) {
            return value.skip(data, pos, limit);
        }
        fields[target].setNotNull(row);
        return value.read(data, pos, limit, fields[target], row);
    }

    @Override
    int skip(byte[] data, int pos, int limit, FieldReader value) {
        return value.skip(data, pos, limit);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return readerType.createVector(capacity);
    }

    @Override
    int fixedSize() {
        return child.fixedSize();
    }
}
