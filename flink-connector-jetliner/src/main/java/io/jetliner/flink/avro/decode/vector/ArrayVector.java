package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.columnar.vector.ArrayColumnVector;

import java.util.Arrays;

/**
 * A column of arrays: each row is a range of an element vector that holds the elements of every row
 * of the batch, one after the other.
 */
@Internal
public final class ArrayVector extends GrowableVector implements ArrayColumnVector {

    private final GrowableVector elements;
    private final ElementRanges ranges;

    public ArrayVector(int capacity, GrowableVector elements) {
        super(capacity);
        this.elements = elements;
        this.ranges = new ElementRanges(capacity);
    }

    public GrowableVector elements() {
        return elements;
    }

    /** The number of elements the batch holds so far: where the next row's elements start. */
    public int elementCount() {
        return ranges.elementCount;
    }

    /** Makes elements {@code [elementCount(), end)} the value of {@code row}. */
    public void finishRow(int row, int end) {
        ranges.finishRow(row, end);
    }

    @Override
    public ArrayData getArray(int row) {
        return new VectorArray(elements, ranges.offsets[row], ranges.lengths[row]);
    }

    @Override
    protected void resize(int capacity) {
        ranges.resize(capacity);
    }

    @Override
    public void reset() {
        ranges.elementCount = 0;
        elements.reset();
    }

    /** The offsets and lengths of the rows' element ranges, shared by arrays and maps. */
    static final class ElementRanges {
        int[] offsets;
        int[] lengths;
        int elementCount;

        ElementRanges(int capacity) {
            offsets = new int[capacity];
            lengths = new int[capacity];
        }

        void finishRow(int row, int end) {
            offsets[row] = elementCount;
            lengths[row] = end - elementCount;
            elementCount = end;
        }

        void resize(int capacity) {
            offsets = Arrays.copyOf(offsets, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
        }
    }
}
