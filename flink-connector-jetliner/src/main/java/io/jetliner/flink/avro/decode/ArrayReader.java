package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.ArrayVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/**
 * Avro {@code array}: blocks of items, each a count (negative: followed by the block's byte size)
 * then the items, until a zero count. The items go one after the other into the element vector,
 * which grows; the row is their range.
 */
final class ArrayReader extends FieldReader {

    private final FieldReader element;
    private final int elementSize;

    ArrayReader(FieldReader element) {
        this.element = element;
        this.elementSize = element.fixedSize();
    }

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        ArrayVector vector = (ArrayVector) out;
        GrowableVector elements = vector.elements();
        int end = vector.elementCount();
        for (long blockCount = in.readBlockCount();
                blockCount != 0;
                blockCount = in.readBlockCount()) {
            int blockSize = in.blockSize();
            int blockStart = in.position();
            int count = CollectionBlocks.checkCount(in, blockCount, elementSize, "array");
            elements.ensureCapacity((long) end + count);
            for (int i = 0; i < count; i++) {
                element.read(in, elements, end++);
            }
            CollectionBlocks.checkBlockEnd(in, blockStart, blockSize, "array");
        }
        vector.finishRow(row, end);
    }

    @Override
    void skip(BlockCursor in) {
        for (long blockCount = in.readBlockCount();
                blockCount != 0;
                blockCount = in.readBlockCount()) {
            if (in.blockSize() >= 0) {
                in.advance(in.blockSize());
            } else if (elementSize != VARIABLE_SIZE) {
                int count = CollectionBlocks.checkCount(in, blockCount, elementSize, "array");
                in.advance(count * elementSize);
            } else {
                int count = CollectionBlocks.checkCount(in, blockCount, elementSize, "array");
                for (int i = 0; i < count; i++) {
                    element.skip(in);
                }
            }
        }
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new ArrayVector(capacity, element.createVector(capacity));
    }
}
