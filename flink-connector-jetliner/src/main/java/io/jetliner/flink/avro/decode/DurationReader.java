package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.LongVector;
import io.jetliner.flink.avro.decode.vector.RowVector;

/**
 * Avro {@code duration}: a fixed(12) of three unsigned little-endian 32-bit numbers, months, days
 * and milliseconds, into a row of three BIGINT fields (or the projected ones of them).
 */
final class DurationReader extends FieldReader {

    private static final int SIZE = 12;
    private static final long UNSIGNED = 0xffff_ffffL;

    /** For months, days and millis, the field of the row that takes it, or -1. */
    private final int[] targets;

    private final int fieldCount;

    DurationReader(int[] targets, int fieldCount) {
        this.targets = targets;
        this.fieldCount = fieldCount;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        int end = AvroBinary.require(pos, limit, SIZE, "a duration");
        RowVector vector = (RowVector) out;
        for (int part = 0; part < targets.length; part++) {
            int target = targets[part];
            if (target >= 0) {
                int value = (int) AvroBinary.INT_LE.get(data, pos + part * Integer.BYTES);
                ((LongVector) vector.field(target)).set(row, value & UNSIGNED);
            }
        }
        return end;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return AvroBinary.require(pos, limit, SIZE, "a duration");
    }

    @Override
    GrowableVector createVector(int capacity) {
        GrowableVector[] fields = new GrowableVector[fieldCount];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = new LongVector(capacity);
        }
        return new RowVector(capacity, fields);
    }

    @Override
    int fixedSize() {
        return SIZE;
    }
}
