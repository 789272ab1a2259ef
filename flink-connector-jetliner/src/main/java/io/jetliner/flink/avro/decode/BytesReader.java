package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BytesVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/**
 * Avro {@code string} (also as {@code uuid}) and {@code bytes}: a length and the bytes, copied once
 * into the column's buffer; strings stay UTF-8 bytes, never a {@code String}.
 */
final class BytesReader extends FieldReader {

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        int length = in.readLength();
        int start = in.position();
        ((BytesVector) out).append(row, in.data(), start, length);
        in.advance(length);
    }

    @Override
    void skip(BlockCursor in) {
        in.skipLengthPrefixed();
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new BytesVector(capacity);
    }
}
