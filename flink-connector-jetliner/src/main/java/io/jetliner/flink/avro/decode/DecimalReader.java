package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Avro {@code decimal(p, s)} on {@code bytes} or {@code fixed}: the unscaled value as big-endian
 * two's complement bytes. Subclasses keep it by precision; a value with more digits than {@code p}
 * is a decode error, never a wrong number.
 */
abstract class DecimalReader extends FieldReader {

    /** {@link #VARIABLE_SIZE} for {@code bytes}, else the size of the {@code fixed}. */
    private final int size;

    final int precision;
    final int scale;

    DecimalReader(int size, int precision, int scale) {
        this.size = size;
        this.precision = precision;
        this.scale = scale;
    }

    /**
     * Reads the length of the unscaled value and checks that the block holds it; the value then
     * starts at {@code in.position()}.
     */
    final int readUnscaledLength(BlockCursor in) {
        if (size != VARIABLE_SIZE) {
            in.require(size);
            return size;
        }
        int length = in.readLength();
        if (length == 0) {
            throw in.error("decimal value of zero bytes");
        }
        return length;
    }

    final JetlinerException tooManyDigits(BlockCursor in, int length) {
        BigDecimal value = new BigDecimal(new BigInteger(in.data(), in.position(), length), scale);
        return in.error(
                "decimal value "
                        + value.toPlainString()
                        + " has more digits than its precision "
                        + precision);
    }

    @Override
    final void skip(BlockCursor in) {
        if (size == VARIABLE_SIZE) {
            in.skipLengthPrefixed();
        } else {
            in.skip(size);
        }
    }

    @Override
    final int fixedSize() {
        return size;
    }
}
