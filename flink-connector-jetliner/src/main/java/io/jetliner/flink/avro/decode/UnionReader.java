package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.RowVector;

/**
 * A union of two or more non-null types: a row with one nullable field per non-null branch, the
 * branch read set and the others null; the null branch makes the row null, and its fields too.
 */
final class UnionReader extends FieldReader {

    /** By branch index: the branch's reader, null for the null branch. */
    private final FieldReader[] branches;

    /** By branch index: the projected field that takes the branch's value, or -1. */
    private final int[] targets;

    /** For each projected field, the reader whose vector it is. */
    private final FieldReader[] projected;

    UnionReader(FieldReader[] branches, int[] targets, int projectedCount) {
        this.branches = branches;
        this.targets = targets;
        this.projected = new FieldReader[projectedCount];
        for (int i = 0; i < branches.length; i++) {
            if (targets[i] >= 0) {
                projected[targets[i]] = branches[i];
            }
        }
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        long index = AvroBinary.readIndex(data, pos, limit, branches.length, "union branch");
        int branch = AvroBinary.value(index);
        int end = AvroBinary.end(index);
        RowVector vector = (RowVector) out;
        GrowableVector[] fields = vector.fields();
        for (GrowableVector field : fields) {
            field.setNull(row);
        }
        FieldReader reader = branches[branch];
        if (reader == null) {
            vector.setNull(row);
            return end;
        }
        vector.setNotNull(row);
        int target = targets[branch];
        if (target < 0) {
            return reader.skip(data, end, limit);
        }
        fields[target].setNotNull(row);
        return reader.read(data, end, limit, fields[target], row);
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        long index = AvroBinary.readIndex(data, pos, limit, branches.length, "union branch");
        FieldReader reader = branches[AvroBinary.value(index)];
        return reader == null
                ? AvroBinary.end(index)
                : reader.skip(data, AvroBinary.end(index), limit);
    }

    @Override
    GrowableVector createVector(int capacity) {
        GrowableVector[] fields = new GrowableVector[projected.length];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = projected[i].createVector(capacity);
        }
        return new RowVector(capacity, fields);
    }
}
