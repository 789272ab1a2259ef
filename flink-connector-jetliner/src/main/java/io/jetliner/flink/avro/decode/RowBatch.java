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

    /** The index in its block of the record of row 0, when the rows are consecutive records. */
    private long firstRecord;

    /** The index in its block of each row's record, when a filter drops records; else null. */
    private long[] recordIndices;

    RowBatch(RecordDecoder owner, RowType rowType, GrowableVector[] vectors, boolean filtered) {
        this.owner = owner;
        this.rowType = rowType;
        this.vectors = vectors;
        this.columns = new VectorizedColumnBatch(vectors);
        this.row = new BatchRow(columns, vectors);
        this.recordIndices = filtered ? new long[0] : null;
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

    /**
     * The index within its block of the record that row {@code i} was decoded from: the position to
     * resume after the row is this index + 1. Rows are consecutive records unless the decoder
     * filters them.
     */
    public long recordIndex(int i) {
        Objects.checkIndex(i, size);
        return recordIndices == null ? firstRecord + i : recordIndices[i];
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

    /**
     * The array where a filtering decoder writes each row's record index, with room for the rows of
     * the batch.
     */
    long[] recordIndices() {
        return recordIndices;
    }

    /**
     * Empties the batch and makes room for {@code rows} rows, the first from record {@code
     * firstRecord} of the block.
     */
    void clear(int rows, long firstRecord) {
        size = 0;
        columns.setNumRows(0);
        this.firstRecord = firstRecord;
        for (GrowableVector vector : vectors) {
            vector.ensureCapacity(rows);
            vector.reset();
        }
        if (recordIndices != null && recordIndices.length < rows) {
            recordIndices = new long[rows];
        }
    }

    void setSize(int rows) {
        size = rows;
        columns.setNumRows(rows);
    }
}
