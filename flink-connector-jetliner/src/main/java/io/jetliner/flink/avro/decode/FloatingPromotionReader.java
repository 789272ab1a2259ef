package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.DoubleVector;
import io.jetliner.flink.avro.decode.vector.FloatVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

import org.apache.avro.Schema;

/**
 * An Avro {@code int}, {@code long} or {@code float} written where the reader expects a {@code
 * float} or {@code double}: converted as read, as Java's widening conversions do (a long may lose
 * precision in a float, as in Avro Java).
 */
final class FloatingPromotionReader extends FieldReader {

    private final Schema.Type writer;
    private final boolean toDouble;

    FloatingPromotionReader(Schema.Type writer, Schema.Type reader) {
        if (writer != Schema.Type.INT && writer != Schema.Type.LONG && writer != Schema.Type.FLOAT
                || reader != Schema.Type.FLOAT && reader != Schema.Type.DOUBLE) {
            throw new IllegalArgumentException("no promotion of " + writer + " to " + reader);
        }
        this.writer = writer;
        this.toDouble = reader == Schema.Type.DOUBLE;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        double value;
        int end;
        switch (writer) {
            case INT:
                long packed = AvroBinary.readInt(data, pos, limit);
                value = AvroBinary.value(packed);
                end = AvroBinary.end(packed);
                break;
            case LONG:
                end = AvroBinary.varintEnd(data, pos, limit);
                long longValue = AvroBinary.decodeLong(data, pos, end);
                if (!toDouble) {
                    // Straight to float: rounding through a double first could round twice.
                    ((FloatVector) out).set(row, (float) longValue);
                    return end;
                }
                value = longValue;
                break;
            default:
                end = AvroBinary.require(pos, limit, Float.BYTES, "a float");
                value = (float) AvroBinary.FLOAT_LE.get(data, pos);
        }
        if (toDouble) {
            ((DoubleVector) out).set(row, value);
        } else {
            ((FloatVector) out).set(row, (float) value);
        }
        return end;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return writer == Schema.Type.FLOAT
                ? AvroBinary.require(pos, limit, Float.BYTES, "a float")
                : AvroBinary.varintEnd(data, pos, limit);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return toDouble ? new DoubleVector(capacity) : new FloatVector(capacity);
    }

    @Override
    int fixedSize() {
        return writer == Schema.Type.FLOAT ? Float.BYTES : VARIABLE_SIZE;
    }
}
