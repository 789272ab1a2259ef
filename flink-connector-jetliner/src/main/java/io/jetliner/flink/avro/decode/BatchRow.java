package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BooleanVector;
import io.jetliner.flink.avro.decode.vector.BytesVector;
import io.jetliner.flink.avro.decode.vector.DoubleVector;
import io.jetliner.flink.avro.decode.vector.FloatVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.IntVector;
import io.jetliner.flink.avro.decode.vector.LongVector;
import io.jetliner.flink.avro.decode.vector.StringColumn;
import io.jetliner.flink.avro.decode.vector.TimestampVector;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RawValueData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.columnar.vector.VectorizedColumnBatch;
import org.apache.flink.types.RowKind;
import org.apache.flink.types.variant.Variant;

/**
 * A row of a {@link RowBatch}: a view of one row id over its columns, as Flink's {@code
 * ColumnarRowData} is, but reading the decoder's own vectors directly: a typed getter is a class
 * check and an array load rather than two calls through interfaces, and a string is one object
 * rather than four (see {@link StringColumn}). Each getter expects the vector its type maps to, as
 * {@code ColumnarRowData} expects the column vector interface.
 */
final class BatchRow implements RowData {

    private final VectorizedColumnBatch columns;
    private final GrowableVector[] vectors;
    private RowKind rowKind = RowKind.INSERT;
    private int rowId;

    BatchRow(VectorizedColumnBatch columns, GrowableVector[] vectors) {
        this.columns = columns;
        this.vectors = vectors;
    }

    void setRowId(int rowId) {
        this.rowId = rowId;
    }

    @Override
    public int getArity() {
        return vectors.length;
    }

    @Override
    public RowKind getRowKind() {
        return rowKind;
    }

    @Override
    public void setRowKind(RowKind kind) {
        this.rowKind = kind;
    }

    @Override
    public boolean isNullAt(int pos) {
        return vectors[pos].isNullAt(rowId);
    }

    @Override
    public boolean getBoolean(int pos) {
        return ((BooleanVector) vectors[pos]).getBoolean(rowId);
    }

    @Override
    public byte getByte(int pos) {
        return columns.getByte(rowId, pos);
    }

    @Override
    public short getShort(int pos) {
        return columns.getShort(rowId, pos);
    }

    @Override
    public int getInt(int pos) {
        return ((IntVector) vectors[pos]).getInt(rowId);
    }

    @Override
    public long getLong(int pos) {
        return ((LongVector) vectors[pos]).getLong(rowId);
    }

    @Override
    public float getFloat(int pos) {
        return ((FloatVector) vectors[pos]).getFloat(rowId);
    }

    @Override
    public double getDouble(int pos) {
        return ((DoubleVector) vectors[pos]).getDouble(rowId);
    }

    @Override
    public StringData getString(int pos) {
        return ((StringColumn) vectors[pos]).getString(rowId);
    }

    @Override
    public DecimalData getDecimal(int pos, int precision, int scale) {
        return columns.getDecimal(rowId, pos, precision, scale);
    }

    @Override
    public TimestampData getTimestamp(int pos, int precision) {
        return ((TimestampVector) vectors[pos]).getTimestamp(rowId, precision);
    }

    @Override
    public <T> RawValueData<T> getRawValue(int pos) {
        throw new UnsupportedOperationException("RawValueData is not supported.");
    }

    @Override
    public byte[] getBinary(int pos) {
        // A copy, as the caller may keep the array beyond the batch.
        return ((BytesVector) vectors[pos]).copyOf(rowId);
    }

    @Override
    public ArrayData getArray(int pos) {
        return columns.getArray(rowId, pos);
    }

    @Override
    public MapData getMap(int pos) {
        return columns.getMap(rowId, pos);
    }

    @Override
    public RowData getRow(int pos, int numFields) {
        return columns.getRow(rowId, pos);
    }

    @Override
    public Variant getVariant(int pos) {
        return columns.getVariant(rowId, pos);
    }

    @Override
    public boolean equals(Object o) {
        throw new UnsupportedOperationException(
                "a row of a batch is a view: compare its fields one by one");
    }

    @Override
    public int hashCode() {
        throw new UnsupportedOperationException(
                "a row of a batch is a view: hash its fields one by one");
    }
}
