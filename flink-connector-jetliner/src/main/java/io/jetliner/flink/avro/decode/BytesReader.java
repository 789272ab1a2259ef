package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BytesVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/**
 * Avro {@code string} (also as {@code uuid}) and {@code bytes}: a length and the bytes, copied once
 * into the column's buffer; strings stay UTF-8 bytes, never a {@code String}.
 */
final class BytesReader extends FieldReader {

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        long length = AvroBinary.readLength(data, pos, limit);
        int start = AvroBinary.end(length);
        ((BytesVector) out).append(row, data, start, AvroBinary.value(length));
        return start + AvroBinary.value(length);
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return AvroBinary.skipLengthPrefixed(data, pos, limit);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new BytesVector(capacity);
    }
}
