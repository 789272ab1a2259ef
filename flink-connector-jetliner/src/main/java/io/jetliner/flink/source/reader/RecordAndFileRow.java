package io.jetliner.flink.source.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RawValueData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.types.RowKind;
import org.apache.flink.types.bitmap.Bitmap;
import org.apache.flink.types.variant.Variant;

/**
 * A row whose columns are, each in any order, a column of a decoded record or a value of the file
 * the record was read from: a view over both, reused for every row, that copies nothing. Valid as
 * long as the record it was given is.
 *
 * <p>Like Flink's other views of rows it cannot be compared or hashed; copy it with the row type's
 * serializer for that.
 */
@Internal
final class RecordAndFileRow implements RowData {

    private final boolean[] fromRecord;
    private final int[] index;
    private RowData record;
    private RowData file;

    /**
     * @param fromRecord for each column, whether it is one of the record's or one of the file's
     * @param index for each column, its position in the record or in the file's values
     */
    RecordAndFileRow(boolean[] fromRecord, int[] index) {
        if (fromRecord.length != index.length) {
            throw new IllegalArgumentException("one origin and one index per column are needed");
        }
        this.fromRecord = fromRecord;
        this.index = index;
    }

    /** The values of the file that the following records come from. */
    void setFile(RowData file) {
        this.file = file;
    }

    /** Makes this row the view of {@code record} and the file's values; returns it. */
    RecordAndFileRow replaceRecord(RowData record) {
        this.record = record;
        return this;
    }

    private RowData of(int pos) {
        return fromRecord[pos] ? record : file;
    }

    @Override
    public int getArity() {
        return index.length;
    }

    @Override
    public RowKind getRowKind() {
        return record.getRowKind();
    }

    @Override
    public void setRowKind(RowKind kind) {
        record.setRowKind(kind);
    }

    @Override
    public boolean isNullAt(int pos) {
        return of(pos).isNullAt(index[pos]);
    }

    @Override
    public boolean getBoolean(int pos) {
        return of(pos).getBoolean(index[pos]);
    }

    @Override
    public byte getByte(int pos) {
        return of(pos).getByte(index[pos]);
    }

    @Override
    public short getShort(int pos) {
        return of(pos).getShort(index[pos]);
    }

    @Override
    public int getInt(int pos) {
        return of(pos).getInt(index[pos]);
    }

    @Override
    public long getLong(int pos) {
        return of(pos).getLong(index[pos]);
    }

    @Override
    public float getFloat(int pos) {
        return of(pos).getFloat(index[pos]);
    }

    @Override
    public double getDouble(int pos) {
        return of(pos).getDouble(index[pos]);
    }

    @Override
    public StringData getString(int pos) {
        return of(pos).getString(index[pos]);
    }

    @Override
    public DecimalData getDecimal(int pos, int precision, int scale) {
        return of(pos).getDecimal(index[pos], precision, scale);
    }

    @Override
    public TimestampData getTimestamp(int pos, int precision) {
        return of(pos).getTimestamp(index[pos], precision);
    }

    @Override
    public <T> RawValueData<T> getRawValue(int pos) {
        return of(pos).getRawValue(index[pos]);
    }

    @Override
    public byte[] getBinary(int pos) {
        return of(pos).getBinary(index[pos]);
    }

    @Override
    public ArrayData getArray(int pos) {
        return of(pos).getArray(index[pos]);
    }

    @Override
    public MapData getMap(int pos) {
        return of(pos).getMap(index[pos]);
    }

    @Override
    public RowData getRow(int pos, int numFields) {
        return of(pos).getRow(index[pos], numFields);
    }

    @Override
    public Variant getVariant(int pos) {
        return of(pos).getVariant(index[pos]);
    }

    @Override
    public Bitmap getBitmap(int pos) {
        return of(pos).getBitmap(index[pos]);
    }

    @Override
    public boolean equals(Object o) {
        throw new UnsupportedOperationException(
                "a view of a record and its file's values cannot be compared; copy it first");
    }

    @Override
    public int hashCode() {
        throw new UnsupportedOperationException(
                "a view of a record and its file's values cannot be hashed; copy it first");
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(getRowKind().shortString()).append('(');
        for (int pos = 0; pos < index.length; pos++) {
            s.append(pos == 0 ? "" : ", ").append(fromRecord[pos] ? "record." : "file.");
            s.append(index[pos]);
        }
        return s.append(')').toString();
    }
}
