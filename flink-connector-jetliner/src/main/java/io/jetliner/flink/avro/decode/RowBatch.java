package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.columnar.vector.VectorizedColumnBatch;
import org.apache.flink.table.types.logical.RowType;

import java.util.Objects;

/**
 * Decoded rows, column by column: a Flink {@link VectorizedColumnBatch} whose columns are vectors
 * that the decoder fills. Rows are views over the columns, so no row is copied to be read.
 *
 * <p>A batch is reused: its content, and every view and byte array taken from it, is valid until
 * the next decode into it. Create batches with {@link RecordDecoder#createBatch(int)}; a batch
 * belongs to the decoder that created it. Not thread-safe.
 */
@PublicEvolving
public final class RowBatch {

    private final RecordDecoder owner;
    private final RowType rowType;
    private final GrowableVector[] vectors;
    private final VectorizedColumnBatch columns;
    private final BatchRow row;
    private int size;

    RowBatch(RecordDecoder owner, RowType rowType, GrowableVector[] vectors) {
        this.owner = owner;
        this.rowType = rowType;
        this.vectors = vectors;
        this.columns = new VectorizedColumnBatch(vectors);
        this.row = new BatchRow(columns, vectors);
    }

    /** The number of rows in the batch. */
    public int size() {
        return size;
    }

    /**
     * Row {@code i}, as one view that this batch reuses (reading its columns, like Flink's {@code
     * ColumnarRowData}): each call moves the same view, so copy what must outlive the next call.
     */
    public RowData row(int i) {
        Objects.checkIndex(i, size);
        row.setRowId(i);
        return row;
    }

    /** The columns, in the order of {@link #rowType()}. */
    public VectorizedColumnBatch columns() {
        return columns;
    }

    public RowType rowType() {
        return rowType;
    }

    RecordDecoder owner() {
        return owner;
    }

    GrowableVector[] vectors() {
        return vectors;
    }

    /** Empties the batch and makes room for {@code rows} rows. */
    void clear(int rows) {
        size = 0;
        columns.setNumRows(0);
        for (GrowableVector vector : vectors) {
            vector.ensureCapacity(rows);
            vector.reset();
        }
    }

    void setSize(int rows) {
        size = rows;
        columns.setNumRows(rows);
    }
}
