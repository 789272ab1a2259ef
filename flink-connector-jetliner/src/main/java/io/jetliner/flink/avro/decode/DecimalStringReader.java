package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BytesVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A decimal of precision above 38, wider than Flink's DECIMAL: kept as the exact value's plain
 * string ({@link BigDecimal#toPlainString()}).
 */
final class DecimalStringReader extends DecimalReader {

    private final BigInteger bound;

    DecimalStringReader(int size, int precision, int scale) {
        super(size, precision, scale);
        this.bound = BigInteger.TEN.pow(precision);
    }

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        int length = readUnscaledLength(in);
        BigInteger unscaled = new BigInteger(in.data(), in.position(), length);
        if (unscaled.abs().compareTo(bound) >= 0) {
            throw tooManyDigits(in, length);
        }
        byte[] text =
                new BigDecimal(unscaled, scale).toPlainString().getBytes(StandardCharsets.US_ASCII);
        ((BytesVector) out).append(row, text, 0, text.length);
        in.advance(length);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new BytesVector(capacity);
    }
}
