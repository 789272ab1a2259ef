package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

/**
 * A reader field the writer does not have: every row takes the field's default. The default is
 * encoded once, at planning, in Avro binary by the reader's schema, and read by the reader of that
 * schema into each row, so any type of default (records, arrays, maps, unions) fills its column the
 * same way a written value would. It consumes none of the block's bytes.
 */
final class DefaultValueReader extends FieldReader {

    private final byte[] encodedDefault;
    private final FieldReader readerType;

    DefaultValueReader(byte[] encodedDefault, FieldReader readerType) {
        this.encodedDefault = encodedDefault;
        this.readerType = readerType;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        readerType.read(encodedDefault, 0, encodedDefault.length, out, row);
        return pos;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return pos;
    }

    @Override
    GrowableVector createVector(int capacity) {
        return readerType.createVector(capacity);
    }

    @Override
    int fixedSize() {
        return 0;
    }
}
