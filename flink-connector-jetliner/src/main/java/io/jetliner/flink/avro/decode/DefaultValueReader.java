package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

/**
 * A reader field the writer does not have: every row takes the field's default. The default is
 * encoded once, at compile time, in Avro binary by the reader's schema, and read by the reader of
 * that schema into each row, so any type of default (records, arrays, maps, unions) fills its
 * column the same way a written value would. It consumes none of the block's bytes.
 */
final class DefaultValueReader extends WrappingReader {

    private final byte[] encodedDefault;

    /** {@code readerType}: the reader of the reader's schema, which reads the encoded default. */
    DefaultValueReader(byte[] encodedDefault, FieldReader readerType) {
        super(readerType);
        this.encodedDefault = encodedDefault;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row, FieldReader readerType) {
        readerType.read(encodedDefault, 0, encodedDefault.length, out, row);
        return pos;
    }

    @Override
    int skip(byte[] data, int pos, int limit, FieldReader readerType) {
        return pos;
    }

    @Override
    GrowableVector createVector(int capacity) {
        return child.createVector(capacity);
    }

    @Override
    int fixedSize() {
        return 0;
    }
}
