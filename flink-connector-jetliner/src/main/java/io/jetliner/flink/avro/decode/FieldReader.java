package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

/**
 * Reads the values of one Avro type from a block into a column vector, or moves past them. One
 * subclass per Avro type (and storage); a schema compiles to a tree of them once, and the tree then
 * decodes every block of the file.
 *
 * <p>Both operations take the block's array, the position of the value and the block's limit, and
 * return the position after the value: the position stays in registers as it passes down the tree.
 * {@code read} writes the value of one row; the caller has made sure the vector has room for it,
 * and writes the row's null flag where the type is nullable. Readers hold no per-batch state, so
 * one tree serves any number of batches, and any number of threads decoding blocks at once ({@link
 * RecordDecoder#copy()}): what a reader reuses from value to value is per thread.
 */
abstract class FieldReader {

    /** The {@link #fixedSize()} of a type whose values differ in encoded size. */
    static final int VARIABLE_SIZE = -1;

    /** Decodes one value at {@code pos} into {@code row} of {@code out}, a vector it created. */
    abstract int read(byte[] data, int pos, int limit, GrowableVector out, int row);

    /** Moves past one value at {@code pos} without materialising it. */
    abstract int skip(byte[] data, int pos, int limit);

    /** A vector of this reader's kind for {@code capacity} rows. */
    abstract GrowableVector createVector(int capacity);

    /**
     * The encoded size of every value of this type in bytes, or {@link #VARIABLE_SIZE}; it lets
     * arrays of such values be skipped, and their counts checked, without visiting each value.
     */
    int fixedSize() {
        return VARIABLE_SIZE;
    }
}
