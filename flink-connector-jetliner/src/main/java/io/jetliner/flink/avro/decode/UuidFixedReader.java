package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BytesVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

import java.nio.charset.StandardCharsets;

/**
 * Avro {@code uuid} on {@code fixed(16)}: written as the canonical 36-character string (8-4-4-4-12
 * lower-case hex digits) straight into the column's buffer.
 */
final class UuidFixedReader extends FieldReader {

    private static final int SIZE = 16;
    private static final int TEXT_LENGTH = 36;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        int end = AvroBinary.require(pos, limit, SIZE, "a uuid");
        BytesVector vector = (BytesVector) out;
        byte[] text = vector.reserve(TEXT_LENGTH);
        int to = vector.appendOffset();
        for (int i = 0; i < SIZE; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                text[to++] = '-';
            }
            int b = data[pos + i];
            text[to++] = HEX[(b >>> 4) & 0xf];
            text[to++] = HEX[b & 0xf];
        }
        vector.commit(row, TEXT_LENGTH);
        return end;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return AvroBinary.require(pos, limit, SIZE, "a uuid");
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new BytesVector(capacity);
    }

    @Override
    int fixedSize() {
        return SIZE;
    }
}
