package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.LongVector;

/** An Avro {@code int} written where the reader expects a {@code long}: widened as read. */
final class IntToLongReader extends FieldReader {

    /** Makes the reader's column: that of the reader's long, a plain or timestamp one. */
    private final FieldReader readerType;

    IntToLongReader(FieldReader readerType) {
        this.readerType = readerType;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        long value = AvroBinary.readInt(data, pos, limit);
        ((LongVector) out).set(row, AvroBinary.value(value));
        return AvroBinary.end(value);
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return AvroBinary.varintEnd(data, pos, limit);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return readerType.createVector(capacity);
    }
}
