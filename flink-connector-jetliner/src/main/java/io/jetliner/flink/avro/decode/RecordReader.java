package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.RowVector;

/**
 * Avro {@code record}: its fields one after the other, each read into the projected field of the
 * row that takes it, or skipped. The fields are defined after construction, so that a reference to
 * the record inside its own definition can point back to it.
 */
final class RecordReader extends FieldReader {

    private FieldSequence fields;

    /** For each projected field, the reader whose vector it is. */
    private FieldReader[] projected;

    private int fixedSize = VARIABLE_SIZE;

    /**
     * Defines the record: its fields in file order, and for each the projected field that takes it,
     * or -1.
     */
    void define(FieldReader[] fields, int[] targets, int projectedCount) {
        this.fields = FieldSequence.of(fields, targets);
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
        return fields.read(data, pos, limit, out, row);
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        if (fixedSize != VARIABLE_SIZE) {
            return AvroBinary.require(pos, limit, fixedSize, "a record");
        }
        return fields.skip(data, pos, limit);
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
