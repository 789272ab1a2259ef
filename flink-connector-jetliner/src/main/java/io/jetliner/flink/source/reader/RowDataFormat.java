package io.jetliner.flink.source.reader;

import io.jetliner.flink.avro.decode.RecordDecoder;
import io.jetliner.flink.avro.decode.RowBatch;
import io.jetliner.flink.avro.decode.RowFilter;
import io.jetliner.flink.reader.BlockContent;
import io.jetliner.flink.reader.FieldlessRows;
import io.jetliner.flink.reader.PrefetchedBlock;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;

import javax.annotation.Nullable;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records as Flink {@code RowData}, decoded straight from the block's bytes into columnar batches
 * of at most {@code batchSize} rows; the rows are views into the batch, or {@link FlattenedRowData}
 * views of them where nested fields are emitted as columns of their own. With a {@link RowFilter}
 * ({@link #withFilter}), only the records it accepts are decoded. Rows without fields and without a
 * filter ({@code SELECT COUNT(*)}) come from the blocks' record counts alone: see {@link
 * FieldlessRows}.
 */
@Internal
public final class RowDataFormat implements RecordFormat<RowData> {

    private static final long serialVersionUID = 1L;

    private final RowType rowType;
    private final int batchSize;
    @Nullable private final int[][] outputPaths;
    private final RowType outputType;
    @Nullable private final RowFilter filter;

    /** The reader schema's JSON, or null to read each file's records as written. */
    @Nullable private final String readerSchemaJson;

    @Nullable private transient Schema readerSchema;

    /**
     * A decoder compiled per writer schema, which the decoders of blocks in flight copy: they then
     * share its compiled readers, so each call site of the decoding loop sees one reader class and
     * the JIT inlines it.
     */
    @Nullable private transient Map<Schema, RecordDecoder> compiled;

    /**
     * @param rowType the type of the rows decoded and emitted: every file's fields are matched to
     *     it by name, so that files of different schemas yield rows of one type, each file's
     *     records read as written
     * @param batchSize the most rows decoded at once
     */
    public RowDataFormat(RowType rowType, int batchSize) {
        this(rowType, batchSize, null, rowType);
    }

    /**
     * @param rowType the type of the rows decoded, as above
     * @param batchSize the most rows decoded at once
     * @param outputPaths the index paths into {@code rowType} of the fields emitted (see {@link
     *     FlattenedRowData}); null emits the decoded rows
     * @param outputType the type of the rows emitted
     */
    public RowDataFormat(
            RowType rowType, int batchSize, @Nullable int[][] outputPaths, RowType outputType) {
        this(rowType, batchSize, outputPaths, outputType, null, null);
    }

    /**
     * As above, every file's records resolved to {@code readerSchema}.
     *
     * @param readerSchema the schema every file's records are resolved to, whose row type {@code
     *     rowType} is a projection of; null reads each file's records as written
     */
    public RowDataFormat(
            RowType rowType,
            int batchSize,
            @Nullable int[][] outputPaths,
            RowType outputType,
            @Nullable Schema readerSchema) {
        this(
                rowType,
                batchSize,
                outputPaths,
                outputType,
                readerSchema == null ? null : readerSchema.toString(),
                null);
        this.readerSchema = readerSchema;
    }

    private RowDataFormat(
            RowType rowType,
            int batchSize,
            @Nullable int[][] outputPaths,
            RowType outputType,
            @Nullable String readerSchemaJson,
            @Nullable RowFilter filter) {
        this.rowType = rowType;
        this.batchSize = batchSize;
        this.outputPaths = outputPaths == null ? null : outputPaths.clone();
        this.outputType = outputType;
        this.readerSchemaJson = readerSchemaJson;
        this.filter = filter;
    }

    @Nullable
    private Schema readerSchema() {
        if (readerSchema == null && readerSchemaJson != null) {
            readerSchema = new Schema.Parser().parse(readerSchemaJson);
        }
        return readerSchema;
    }

    /**
     * This format emitting only the records {@code filter} accepts (null: every record). Its fields
     * are matched by name to the reader schema's, or each file's, and need not be in the row type.
     */
    public RowDataFormat withFilter(@Nullable RowFilter filter) {
        return new RowDataFormat(
                rowType, batchSize, outputPaths, outputType, readerSchemaJson, filter);
    }

    @Override
    public Optional<RowFilter> filter() {
        return Optional.ofNullable(filter);
    }

    @Override
    public TypeInformation<RowData> producedType() {
        return InternalTypeInfo.of(outputType);
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void checkWriterSchema(Schema writerSchema) {
        if (decodesPayloads()) {
            compile(writerSchema);
        }
    }

    @Override
    public BlockContent blockContent() {
        // each row of no fields may carry its block's offset (a metadata column)
        return decodesPayloads() ? BlockContent.PAYLOAD : BlockContent.HEADER;
    }

    private boolean decodesPayloads() {
        // a filter reads its fields from the records, projected or not
        return filter != null || !FieldlessRows.needNoPayload(rowType);
    }

    private Map<Schema, RecordDecoder> compiled() {
        if (compiled == null) {
            compiled = new ConcurrentHashMap<>();
        }
        return compiled;
    }

    private RecordDecoder compile(Schema writerSchema) {
        return RecordDecoder.compile(writerSchema, readerSchema(), rowType, filter);
    }

    @Override
    public BlockDecoder<RowData> createDecoder(Schema writerSchema) {
        RecordDecoder decoder =
                decodesPayloads()
                        ? compiled().computeIfAbsent(writerSchema, this::compile).copy()
                        : FieldlessRows.decoder(rowType);
        return new RowDataBlockDecoder(
                decoder,
                batchSize,
                outputPaths == null ? null : new FlattenedRowData(rowType, outputPaths));
    }

    /** Decodes a batch whenever the one before is used up. */
    private static final class RowDataBlockDecoder implements BlockDecoder<RowData> {
        private final RecordDecoder decoder;
        private final RowBatch batch;
        private final int batchSize;
        @Nullable private final FlattenedRowData flattened;
        private int next;

        RowDataBlockDecoder(
                RecordDecoder decoder, int batchSize, @Nullable FlattenedRowData flattened) {
            this.decoder = decoder;
            this.batchSize = batchSize;
            this.batch = decoder.createBatch(batchSize);
            this.flattened = flattened;
        }

        @Override
        public void start(PrefetchedBlock block) {
            decoder.startBlock(block.data().array(), 0, block.data().length(), block.recordCount());
            next = batch.size();
        }

        @Override
        public void skip(long records) {
            decoder.skip(records);
        }

        @Override
        public void decodeAhead() {
            hasRows();
        }

        @Override
        public RowData next() {
            if (!hasRows()) {
                return null;
            }
            RowData row = batch.row(next++);
            return flattened == null ? row : flattened.replace(row);
        }

        /** Whether the batch has a row left, decoding the next batch once this one is used up. */
        private boolean hasRows() {
            if (next < batch.size()) {
                return true;
            }
            if (decoder.remainingRecords() == 0) {
                return false;
            }
            decoder.decode(batch, batchSize);
            next = 0;
            // a filtering decoder reads on until it fills a batch, so an empty one ends the block
            return batch.size() > 0;
        }

        @Override
        public long recordIndex() {
            return batch.recordIndex(next - 1);
        }
    }
}
