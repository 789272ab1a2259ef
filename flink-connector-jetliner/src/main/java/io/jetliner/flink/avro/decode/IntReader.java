package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.IntVector;

/** Avro {@code int}, also as {@code date} and {@code time-millis}: a zig-zag varint. */
final class IntReader extends FieldReader {

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        ((IntVector) out).set(row, in.readInt());
    }

    @Override
    void skip(BlockCursor in) {
        in.readInt();
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new IntVector(capacity);
    }
}
