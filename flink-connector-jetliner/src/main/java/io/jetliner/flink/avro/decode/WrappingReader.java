package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

/**
 * A reader of values that hold values of one other type: a nullable union, an array, a map. Its
 * {@code read} and {@code skip} take the reader of that type as an argument, so that generated code
 * ({@link FieldSequenceBytecode}) can pass it as a constant, and the JIT inline the child's reader
 * into the parent's: through the field, the call would see the children of every such reader of the
 * class, and could not.
 */
abstract class WrappingReader extends FieldReader {

    /** The reader of the values this one holds. */
    final FieldReader child;

    WrappingReader(FieldReader child) {
        this.child = child;
    }

    /** As {@link #read(byte[], int, int, GrowableVector, int)}, with {@link #child} given. */
    abstract int read(
            byte[] data, int pos, int limit, GrowableVector out, int row, FieldReader child);

    /** As {@link #skip(byte[], int, int)}, with {@link #child} given. */
    abstract int skip(byte[] data, int pos, int limit, FieldReader child);

    @Override
    final int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        return read(data, pos, limit, out, row, child);
    }

    @Override
    final int skip(byte[] data, int pos, int limit) {
        return skip(data, pos, limit, child);
    }
}
