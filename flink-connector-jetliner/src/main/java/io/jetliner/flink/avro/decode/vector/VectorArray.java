package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RawValueData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.columnar.vector.ArrayColumnVector;
import org.apache.flink.table.data.columnar.vector.DecimalColumnVector;
import org.apache.flink.table.data.columnar.vector.MapColumnVector;
import org.apache.flink.table.data.columnar.vector.RowColumnVector;
import org.apache.flink.types.variant.Variant;

/**
 * An array value: a view of a range of an element vector, as Flink's {@code ColumnarArrayData} is,
 * but reading the decoder's own vectors directly, with strings as one object each (see {@link
 * StringColumn}). Each getter expects the vector its element type maps to.
 */
@Internal
public final class VectorArray implements ArrayData {

    private final GrowableVector elements;
    private final int offset;
    private final int size;

    public VectorArray(GrowableVector elements, int offset, int size) {
        this.elements = elements;
        this.offset = offset;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isNullAt(int pos) {
        return elements.isNullAt(offset + pos);
    }

    @Override
    public boolean getBoolean(int pos) {
        return ((BooleanVector) elements).getBoolean(offset + pos);
    }

    @Override
    public byte getByte(int pos) {
        throw new UnsupportedOperationException("no Avro type is a TINYINT");
    }

    @Override
    public short getShort(int pos) {
        throw new UnsupportedOperationException("no Avro type is a SMALLINT");
    }

    @Override
    public int getInt(int pos) {
        return ((IntVector) elements).getInt(offset + pos);
    }

    @Override
    public long getLong(int pos) {
        return ((LongVector) elements).getLong(offset + pos);
    }

    @Override
    public float getFloat(int pos) {
        return ((FloatVector) elements).getFloat(offset + pos);
    }

    @Override
    public double getDouble(int pos) {
        return ((DoubleVector) elements).getDouble(offset + pos);
    }

    @Override
    public StringData getString(int pos) {
        return ((StringColumn) elements).getString(offset + pos);
    }

    @Override
    public DecimalData getDecimal(int pos, int precision, int scale) {
        return ((DecimalColumnVector) elements).getDecimal(offset + pos, precision, scale);
    }

    @Override
    public TimestampData getTimestamp(int pos, int precision) {
        return ((TimestampVector) elements).getTimestamp(offset + pos, precision);
    }

    @Override
    public <T> RawValueData<T> getRawValue(int pos) {
        throw new UnsupportedOperationException("RawValueData is not supported.");
    }

    @Override
    public Variant getVariant(int pos) {
        throw new UnsupportedOperationException("no Avro type is a VARIANT");
    }

    @Override
    public byte[] getBinary(int pos) {
        return ((BytesVector) elements).copyOf(offset + pos);
    }

    @Override
    public ArrayData getArray(int pos) {
        return ((ArrayColumnVector) elements).getArray(offset + pos);
    }

    @Override
    public MapData getMap(int pos) {
        return ((MapColumnVector) elements).getMap(offset + pos);
    }

    @Override
    public RowData getRow(int pos, int numFields) {
        return ((RowColumnVector) elements).getRow(offset + pos);
    }

    @Override
    public boolean[] toBooleanArray() {
        requireNoNulls();
        boolean[] values = new boolean[size];
        for (int i = 0; i < size; i++) {
            values[i] = getBoolean(i);
        }
        return values;
    }

    @Override
    public byte[] toByteArray() {
        throw new UnsupportedOperationException("no Avro type is a TINYINT");
    }

    @Override
    public short[] toShortArray() {
        throw new UnsupportedOperationException("no Avro type is a SMALLINT");
    }

    @Override
    public int[] toIntArray() {
        requireNoNulls();
        int[] values = new int[size];
        for (int i = 0; i < size; i++) {
            values[i] = getInt(i);
        }
        return values;
    }

    @Override
    public long[] toLongArray() {
        requireNoNulls();
        long[] values = new long[size];
        for (int i = 0; i < size; i++) {
            values[i] = getLong(i);
        }
        return values;
    }

    @Override
    public float[] toFloatArray() {
        requireNoNulls();
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = getFloat(i);
        }
        return values;
    }

    @Override
    public double[] toDoubleArray() {
        requireNoNulls();
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = getDouble(i);
        }
        return values;
    }

    private void requireNoNulls() {
        for (int i = 0; i < size; i++) {
            if (isNullAt(i)) {
                throw new IllegalStateException("a primitive array cannot hold the null at " + i);
            }
        }
    }
}
