package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

/**
 * A value written where the reader has a union of null and its type: the value, marked not null in
 * the reader's nullable column (whose slots keep the flag of the last batch otherwise).
 */
final class NotNullReader extends WrappingReader {

    NotNullReader(FieldReader value) {
        super(value);
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row, FieldReader value) {
        out.setNotNull(row);
        return value.read(data, pos, limit, out, row);
    }

    @Override
    int skip(byte[] data, int pos, int limit, FieldReader value) {
        return value.skip(data, pos, limit);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return child.createVector(capacity);
    }

    @Override
    int fixedSize() {
        return child.fixedSize();
    }
}
