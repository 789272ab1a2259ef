package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.columnar.ColumnarRowData;
import org.apache.flink.table.data.columnar.vector.RowColumnVector;
import org.apache.flink.table.data.columnar.vector.VectorizedColumnBatch;

/**
 * A column of nested rows: one child vector per field, sharing this vector's row ids, so that row
 * {@code i} is a {@link ColumnarRowData} at {@code i} over the children.
 */
@Internal
public final class RowVector extends GrowableVector implements RowColumnVector {

    private final GrowableVector[] fields;
    private final VectorizedColumnBatch fieldBatch;

    /** {@code fields}: one vector per field, each of at least {@code capacity}. */
    public RowVector(int capacity, GrowableVector[] fields) {
        super(capacity);
        this.fields = fields;
        this.fieldBatch = new VectorizedColumnBatch(fields);
    }

    public GrowableVector field(int index) {
        return fields[index];
    }

    public int fieldCount() {
        return fields.length;
    }

    /** The field vectors themselves, for decoders to write; not a copy. */
    public GrowableVector[] fields() {
        return fields;
    }

    @Override
    public ColumnarRowData getRow(int row) {
        return new ColumnarRowData(fieldBatch, row);
    }

    @Override
    protected void resize(int capacity) {
        for (GrowableVector field : fields) {
            field.ensureCapacity(capacity);
        }
    }

    @Override
    public void reset() {
        for (GrowableVector field : fields) {
            field.reset();
        }
    }
}
