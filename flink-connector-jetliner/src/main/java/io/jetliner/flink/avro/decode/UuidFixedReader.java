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
    void read(BlockCursor in, GrowableVector out, int row) {
        int from = in.require(SIZE);
        byte[] source = in.data();
        BytesVector vector = (BytesVector) out;
        byte[] target = vector.reserve(TEXT_LENGTH);
        int to = vector.appendOffset();
        for (int i = 0; i < SIZE; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                target[to++] = '-';
            }
            int b = source[from + i];
            target[to++] = HEX[(b >>> 4) & 0xf];
            target[to++] = HEX[b & 0xf];
        }
        vector.commit(row, TEXT_LENGTH);
        in.advance(SIZE);
    }

    @Override
    void skip(BlockCursor in) {
        in.skip(SIZE);
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
