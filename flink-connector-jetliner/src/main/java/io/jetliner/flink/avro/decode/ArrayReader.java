package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.ArrayVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/**
 * Avro {@code array}: blocks of items (see {@link CollectionBlocks}). The items go one after the
 * other into the element vector, which grows; the row is their range.
 */
final class ArrayReader extends WrappingReader {

    private final int elementSize;

    ArrayReader(FieldReader element) {
        super(element);
        this.elementSize = element.fixedSize();
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row, FieldReader element) {
        ArrayVector vector = (ArrayVector) out;
        GrowableVector elements = vector.elements();
        int end = vector.elementCount();
        for (; ; ) {
            int countEnd = AvroBinary.varintEnd(data, pos, limit);
            int count = CollectionBlocks.itemCount(data, pos, countEnd, limit, elementSize);
            if (count == 0) {
                vector.finishRow(row, end);
                return countEnd;
            }
            int itemsEnd = -1;
            if (CollectionBlocks.hasByteSize(data, pos)) {
                pos = AvroBinary.varintEnd(data, countEnd, limit);
                itemsEnd = CollectionBlocks.itemsEnd(data, countEnd, pos, limit);
            } else {
                pos = countEnd;
            }
            elements.ensureCapacity((long) end + count);
            for (int i = 0; i < count; i++) {
                pos = element.read(data, pos, limit, elements, end++);
            }
            if (itemsEnd >= 0) {
                CollectionBlocks.checkItemsEnd(itemsEnd, pos);
            }
        }
    }

    @Override
    int skip(byte[] data, int pos, int limit, FieldReader element) {
        for (; ; ) {
            int countEnd = AvroBinary.varintEnd(data, pos, limit);
            int count = CollectionBlocks.itemCount(data, pos, countEnd, limit, elementSize);
            if (count == 0) {
                return countEnd;
            }
            if (CollectionBlocks.hasByteSize(data, pos)) {
                int sizeEnd = AvroBinary.varintEnd(data, countEnd, limit);
                pos = CollectionBlocks.itemsEnd(data, countEnd, sizeEnd, limit);
            } else if (elementSize != VARIABLE_SIZE) {
                pos = countEnd + count * elementSize;
            } else {
                pos = countEnd;
                for (int i = 0; i < count; i++) {
                    pos = element.skip(data, pos, limit);
                }
            }
        }
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new ArrayVector(capacity, child.createVector(capacity));
    }
}
