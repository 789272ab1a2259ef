package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.RowVector;

/**
 * Avro {@code record}: its fields one after the other, each read into the projected field of the
 * row that takes it, or skipped. The fields are defined after construction, so that a reference to
 * the record inside its own definition can point back to it.
 */
final class RecordReader extends FieldReader {

    private FieldReader[] fields;

    /** For each of the record's fields in file order, the projected field taking it, or -1. */
    private int[] targets;

    /** For each projected field, the reader whose vector it is. */
    private FieldReader[] projected;

    private int fixedSize = VARIABLE_SIZE;

    void define(FieldReader[] fields, int[] targets, int projectedCount) {
        this.fields = fields;
        this.targets = targets;
        this.projected = new FieldReader[projectedCount];
        int size = 0;
        for (int i = 0; i < fields.length; i++) {
            if (targets[i] >= 0) {
                projected[targets[i]] = fields[i];
            }
            int fieldSize = fields[i].fixedSize();
            size =
                    size == VARIABLE_SIZE || fieldSize == VARIABLE_SIZE
                            ? VARIABLE_SIZE
                            : size + fieldSize;
        }
        this.fixedSize = size;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        return readFields(data, pos, limit, ((RowVector) out).fields(), row);
    }

    /** Reads one record into {@code row} of the projected fields' vectors. */
    int readFields(byte[] data, int pos, int limit, GrowableVector[] out, int row) {
        FieldReader[] fields = this.fields;
        int[] targets = this.targets;
        for (int i = 0; i < fields.length; i++) {
            int target = targets[i];
            pos =
                    target < 0
                            ? fields[i].skip(data, pos, limit)
                            : fields[i].read(data, pos, limit, out[target], row);
        }
        return pos;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        if (fixedSize != VARIABLE_SIZE) {
            return AvroBinary.require(pos, limit, fixedSize, "a record");
        }
        for (FieldReader field : fields) {
            pos = field.skip(data, pos, limit);
        }
        return pos;
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new RowVector(capacity, createFieldVectors(capacity));
    }

    /** One vector per projected field. */
    GrowableVector[] createFieldVectors(int capacity) {
        GrowableVector[] vectors = new GrowableVector[projected.length];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = projected[i].createVector(capacity);
        }
        return vectors;
    }

    @Override
    int fixedSize() {
        return fixedSize;
    }
}
