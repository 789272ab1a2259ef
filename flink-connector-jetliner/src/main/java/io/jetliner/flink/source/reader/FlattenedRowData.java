package io.jetliner.flink.source.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RawValueData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.flink.types.variant.Variant;

import java.util.Arrays;

/**
 * A row whose fields are fields of nested rows of another row, picked by index paths: field {@code
 * i} is the value at {@code paths[i]}, and null where a row on the way is null. A view: it copies
 * nothing, so SQL's nested projection ({@code SELECT r.a}) reads a nested field as a column of its
 * own straight from the decoded batch.
 */
@Internal
public final class FlattenedRowData implements RowData {

    private final int[][] paths;

    /** {@code arities[i][k]}: the field count of the row at {@code paths[i][0..k]}. */
    private final int[][] arities;

    private RowData row;

    /**
     * @param paths index paths into rows of {@code type}, each through ROW fields only
     * @throws IllegalArgumentException if a path is empty or leaves the type
     */
    public FlattenedRowData(RowType type, int[][] paths) {
        this.paths = new int[paths.length][];
        this.arities = new int[paths.length][];
        for (int i = 0; i < paths.length; i++) {
            this.paths[i] = paths[i].clone();
            this.arities[i] = aritiesAlong(type, paths[i]);
        }
    }

    /** The type of the field at {@code path} of {@code type}. */
    public static LogicalType typeAt(RowType type, int[] path) {
        if (path.length == 0) {
            throw new IllegalArgumentException("an empty field path");
        }
        LogicalType current = type;
        for (int index : path) {
            if (!(current instanceof RowType)
                    || index < 0
                    || index >= ((RowType) current).getFieldCount()) {
                throw new IllegalArgumentException(
                        "field path " + Arrays.toString(path) + " leaves " + type);
            }
            current = ((RowType) current).getTypeAt(index);
        }
        return current;
    }

    private static int[] aritiesAlong(RowType type, int[] path) {
        typeAt(type, path);
        int[] arities = new int[path.length - 1];
        RowType current = type;
        for (int k = 0; k < arities.length; k++) {
            current = (RowType) current.getTypeAt(path[k]);
            arities[k] = current.getFieldCount();
        }
        return arities;
    }

    /** Makes this a view of {@code row}; returns this. */
    public FlattenedRowData replace(RowData row) {
        this.row = row;
        return this;
    }

    /** The row holding field {@code pos}, or null if a row on the way is null. */
    private RowData holder(int pos) {
        int[] path = paths[pos];
        RowData current = row;
        for (int k = 0; k < path.length - 1; k++) {
            if (current.isNullAt(path[k])) {
                return null;
            }
            current = current.getRow(path[k], arities[pos][k]);
        }
        return current;
    }

    private int leaf(int pos) {
        int[] path = paths[pos];
        return path[path.length - 1];
    }

    @Override
    public int getArity() {
        return paths.length;
    }

    @Override
    public RowKind getRowKind() {
        return row.getRowKind();
    }

    @Override
    public void setRowKind(RowKind kind) {
        row.setRowKind(kind);
    }

    @Override
    public boolean isNullAt(int pos) {
        RowData holder = holder(pos);
        return holder == null || holder.isNullAt(leaf(pos));
    }

    @Override
    public boolean getBoolean(int pos) {
        return holder(pos).getBoolean(leaf(pos));
    }

    @Override
    public byte getByte(int pos) {
        return holder(pos).getByte(leaf(pos));
    }

    @Override
    public short getShort(int pos) {
        return holder(pos).getShort(leaf(pos));
    }

    @Override
    public int getInt(int pos) {
        return holder(pos).getInt(leaf(pos));
    }

    @Override
    public long getLong(int pos) {
        return holder(pos).getLong(leaf(pos));
    }

    @Override
    public float getFloat(int pos) {
        return holder(pos).getFloat(leaf(pos));
    }

    @Override
    public double getDouble(int pos) {
        return holder(pos).getDouble(leaf(pos));
    }

    @Override
    public StringData getString(int pos) {
        return holder(pos).getString(leaf(pos));
    }

    @Override
    public DecimalData getDecimal(int pos, int precision, int scale) {
        return holder(pos).getDecimal(leaf(pos), precision, scale);
    }

    @Override
    public TimestampData getTimestamp(int pos, int precision) {
        return holder(pos).getTimestamp(leaf(pos), precision);
    }

    @Override
    public <T> RawValueData<T> getRawValue(int pos) {
        return holder(pos).getRawValue(leaf(pos));
    }

    @Override
    public byte[] getBinary(int pos) {
        return holder(pos).getBinary(leaf(pos));
    }

    @Override
    public ArrayData getArray(int pos) {
        return holder(pos).getArray(leaf(pos));
    }

    @Override
    public MapData getMap(int pos) {
        return holder(pos).getMap(leaf(pos));
    }

    @Override
    public RowData getRow(int pos, int numFields) {
        return holder(pos).getRow(leaf(pos), numFields);
    }

    @Override
    public Variant getVariant(int pos) {
        return holder(pos).getVariant(leaf(pos));
    }
}
