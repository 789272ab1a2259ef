package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.schema.AvroTypes;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;

import javax.annotation.Nullable;

/**
 * Decodes the records of decompressed blocks into {@link RowBatch}es. Compiled once per writer
 * schema, reader schema and projection into a tree of field readers, one per Avro type, that read
 * straight from the block's bytes into column vectors; fields outside the projection are skipped,
 * never materialised.
 *
 * <p>With a {@link RowFilter}, each record's filtered fields are read first, skipping the others,
 * and the record is decoded into the batch only if the filter is TRUE for it: the rows of a batch
 * are then the accepted records, each with its index in the block ({@link RowBatch#recordIndex}).
 *
 * <p>Use: {@link #startBlock} with a decompressed block, then {@link #decode} (or {@link #skip})
 * until {@link #remainingRecords()} is 0. A corrupt block is a {@link JetlinerException} of kind
 * {@code RECORD_DECODE_FAILED} located at the record ({@link JetlinerException#recordIndex()},
 * within the block); the block's remaining records are then given up. Not thread-safe.
 */
@Internal
public final class RecordDecoder {

    private final RowType rowType;
    private final RecordReader reader;

    /** Null when every record is decoded. */
    private final RecordFilter filter;

    private byte[] data = new byte[0];
    private int blockStart;
    private int pos;
    private int limit;
    private long recordCount;
    private long remaining;

    private RecordDecoder(RowType rowType, RecordReader reader, RecordFilter filter) {
        this.rowType = rowType;
        this.reader = reader;
        this.filter = filter;
    }

    /**
     * Compiles a decoder for files written with {@code writerSchema}.
     *
     * @param projected null for all fields of {@link AvroTypes#toRowType}, else a row type whose
     *     fields (also those of nested rows) are a subset of it, matched by name, in any order; a
     *     field may be nullable where the file's is NOT NULL. Anything else is {@code
     *     INCOMPATIBLE_SCHEMA}, naming the field and both types.
     */
    public static RecordDecoder compile(Schema writerSchema, RowType projected) {
        return compile(writerSchema, null, projected, null);
    }

    /**
     * Compiles a decoder for files written with {@code writerSchema} that decodes only the records
     * for which {@code filter} is TRUE.
     *
     * @param projected as in {@link #compile(Schema, RowType)}
     * @param filter null for every record, else a filter over top-level primitive fields of {@link
     *     AvroTypes#toRowType}, which need not be projected; a field the file lacks, or whose type
     *     the filter's literals do not fit, is {@code INCOMPATIBLE_SCHEMA}
     */
    public static RecordDecoder compile(Schema writerSchema, RowType projected, RowFilter filter) {
        return compile(writerSchema, null, projected, filter);
    }

    /**
     * Compiles a decoder that reads files written with {@code writerSchema} as records of {@code
     * readerSchema}, resolved by the rules of the Avro specification (as Avro Java resolves them):
     * fields matched by name or alias, reader fields the file lacks filled with their defaults,
     * file fields the reader lacks skipped, numbers and strings promoted, enum symbols and union
     * branches mapped. Parts of the two schemas that are equal read as fast as without a reader
     * schema.
     *
     * @param readerSchema null to read the file's records as written
     * @param projected null for all fields of {@link AvroTypes#toRowType} of the reader schema (or
     *     the writer's, without one), else a projection of it as in {@link #compile(Schema,
     *     RowType)}
     * @throws JetlinerException of kind {@code INCOMPATIBLE_SCHEMA}, naming the field and both
     *     types, if a projected field cannot be read from the file: a value of a union branch or an
     *     enum symbol the reader cannot take fails only when it is read
     */
    public static RecordDecoder compile(
            Schema writerSchema, @Nullable Schema readerSchema, @Nullable RowType projected) {
        return compile(writerSchema, readerSchema, projected, null);
    }

    /**
     * Compiles a decoder that reads files written with {@code writerSchema} as records of {@code
     * readerSchema} (as {@link #compile(Schema, Schema, RowType)}) and decodes only those for which
     * {@code filter} is TRUE (as {@link #compile(Schema, RowType, RowFilter)}), the filter
     * evaluated on the resolved values: a field the file lacks is its default there.
     */
    public static RecordDecoder compile(
            Schema writerSchema,
            @Nullable Schema readerSchema,
            @Nullable RowType projected,
            @Nullable RowFilter filter) {
        Schema resolvedTo =
                readerSchema == null || readerSchema.equals(writerSchema) ? null : readerSchema;
        RowType mapped = AvroTypes.toRowType(resolvedTo == null ? writerSchema : resolvedTo);
        RowType rowType = projected == null ? mapped : projected;
        RecordReader reader =
                resolvedTo == null
                        ? ReaderCompiler.compile(writerSchema, mapped, rowType)
                        : ResolvingCompiler.compile(writerSchema, resolvedTo, mapped, rowType);
        return new RecordDecoder(
                rowType,
                reader,
                filter == null
                        ? null
                        : RecordFilter.compile(writerSchema, resolvedTo, mapped, filter));
    }

    /**
     * A decoder of the same records that shares this one's compiled readers, for another block
     * decoded at the same time, on this thread or another: the readers hold no state of a block.
     * Batches belong to the decoder that created them.
     */
    public RecordDecoder copy() {
        return new RecordDecoder(rowType, reader, filter == null ? null : filter.copy());
    }

    /** The type of the rows this decoder produces: the projected type, or the file's. */
    public RowType rowType() {
        return rowType;
    }

    /** A batch for this decoder, with room for {@code capacity} rows (it grows if need be). */
    public RowBatch createBatch(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        return new RowBatch(this, rowType, reader.createFieldVectors(capacity), filter != null);
    }

    /**
     * Starts a decompressed block holding recordCount records in data[offset, offset+length). The
     * array must not change until the block is done.
     */
    public void startBlock(byte[] data, int offset, int length, long recordCount) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IllegalArgumentException(
                    "block [" + offset + ", " + offset + " + " + length + ") outside its array");
        }
        if (recordCount < 0) {
            throw new JetlinerException(
                    JetlinerException.Kind.RECORD_DECODE_FAILED,
                    "negative record count " + recordCount);
        }
        // Checked before any record is decoded: a corrupt count could otherwise make the decoder
        // produce rows of garbage until the bytes run out, or spin on a count of billions.
        int size = reader.fixedSize();
        long minRecordSize = size == FieldReader.VARIABLE_SIZE ? 1 : size;
        if (minRecordSize > 0 && recordCount > length / minRecordSize) {
            throw new JetlinerException(
                    JetlinerException.Kind.RECORD_DECODE_FAILED,
                    "the block declares "
                            + recordCount
                            + " records, more than its "
                            + length
                            + " decompressed bytes can hold");
        }
        this.data = data;
        this.blockStart = offset;
        this.pos = offset;
        this.limit = offset + length;
        this.recordCount = recordCount;
        this.remaining = recordCount;
        if (recordCount == 0) {
            requireBlockConsumed();
        }
    }

    /**
     * Clears batch, decodes the next min(maxRows, remaining) records into it, returns how many.
     * With a filter, decodes the next accepted records instead, up to maxRows of them, reading on
     * until it has maxRows or the block ends. After the block's last record, the bytes must be
     * exactly consumed, else RECORD_DECODE_FAILED.
     */
    public int decode(RowBatch batch, int maxRows) {
        if (batch.owner() != this) {
            throw new IllegalArgumentException("the batch was created by another decoder");
        }
        if (maxRows < 0) {
            throw new IllegalArgumentException("negative maxRows " + maxRows);
        }
        int rows = (int) Math.min(maxRows, remaining);
        long first = recordCount - remaining;
        batch.clear(rows, first);
        if (filter != null) {
            return decodeAccepted(batch, rows, first);
        }
        GrowableVector[] columns = batch.vectors();
        RecordReader reader = this.reader;
        byte[] data = this.data;
        int limit = this.limit;
        int pos = this.pos;
        int row = 0;
        try {
            for (; row < rows; row++) {
                pos = reader.readFields(data, pos, limit, columns, row);
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw failed(e, first + row);
        }
        this.pos = pos;
        batch.setSize(rows);
        advance(rows);
        return rows;
    }

    /**
     * Decodes into {@code batch} the records the filter accepts, from record {@code first} on,
     * until it holds {@code maxRows} or the block ends.
     */
    private int decodeAccepted(RowBatch batch, int maxRows, long first) {
        GrowableVector[] columns = batch.vectors();
        long[] recordIndices = batch.recordIndices();
        RecordFilter filter = this.filter;
        RecordReader reader = this.reader;
        byte[] data = this.data;
        int limit = this.limit;
        int pos = this.pos;
        long record = first;
        int row = 0;
        try {
            for (; row < maxRows && record < recordCount; record++) {
                int next = filter.read(data, pos, limit);
                if (filter.accepts()) {
                    reader.readFields(data, pos, limit, columns, row);
                    recordIndices[row++] = record;
                }
                pos = next;
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw failed(e, record);
        }
        this.pos = pos;
        batch.setSize(row);
        advance(record - first);
        return row;
    }

    /** Skips records of the current block without materialising them. */
    public void skip(long records) {
        if (records < 0 || records > remaining) {
            throw new IllegalArgumentException(
                    "cannot skip "
                            + records
                            + " of the block's "
                            + remaining
                            + " remaining records");
        }
        int size = reader.fixedSize();
        long record = 0;
        try {
            if (size != FieldReader.VARIABLE_SIZE) {
                if (size > 0 && records > (limit - pos) / size) {
                    throw new DecodeException(
                            pos, records + " records of " + size + " bytes exceed the block");
                }
                pos += (int) (records * size);
            } else {
                for (; record < records; record++) {
                    pos = reader.skip(data, pos, limit);
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw failed(e, recordCount - remaining + record);
        }
        advance(records);
    }

    /** The records of the current block not yet decoded or skipped. */
    public long remainingRecords() {
        return remaining;
    }

    private void advance(long records) {
        remaining -= records;
        if (records > 0 && remaining == 0) {
            try {
                requireBlockConsumed();
            } catch (JetlinerException e) {
                throw e.atRecord(recordCount - 1);
            }
        }
    }

    private void requireBlockConsumed() {
        if (pos != limit) {
            throw located(
                    new DecodeException(
                            pos, (limit - pos) + " bytes left over after the block's last record"));
        }
    }

    /** Locates a failure at its record (its index in the block) and gives up the rest. */
    private JetlinerException failed(Throwable e, long record) {
        remaining = 0;
        pos = limit;
        JetlinerException failure;
        if (e instanceof JetlinerException) {
            failure = (JetlinerException) e;
        } else if (e instanceof DecodeException) {
            failure = located((DecodeException) e);
        } else if (e instanceof StackOverflowError) {
            // Recursion is bounded, but a thread with a small stack may not reach the bound.
            failure =
                    new JetlinerException(
                            JetlinerException.Kind.RECORD_DECODE_FAILED,
                            "values nested too deeply for this thread's stack");
        } else {
            // A check that should have caught the bad value did not: still a bad block.
            failure =
                    new JetlinerException(
                            JetlinerException.Kind.RECORD_DECODE_FAILED, "corrupt record: " + e, e);
        }
        return failure.atRecord(record);
    }

    private JetlinerException located(DecodeException e) {
        return new JetlinerException(
                JetlinerException.Kind.RECORD_DECODE_FAILED,
                e.getMessage()
                        + " (at byte "
                        + (e.position - blockStart)
                        + " of the decompressed block)",
                e.getCause());
    }
}
