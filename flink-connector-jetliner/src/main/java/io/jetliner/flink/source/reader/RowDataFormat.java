package io.jetliner.flink.source.reader;

import io.jetliner.flink.avro.decode.RecordDecoder;
import io.jetliner.flink.avro.decode.RowBatch;
import io.jetliner.flink.reader.FieldlessRows;
import io.jetliner.flink.reader.PrefetchedBlock;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;

import javax.annotation.Nullable;

/**
 * Records as Flink {@code RowData}, decoded straight from the block's bytes into columnar batches
 * of at most {@code batchSize} rows; the rows are views into the batch, or {@link FlattenedRowData}
 * views of them where nested fields are emitted as columns of their own. Rows without fields
 * ({@code SELECT COUNT(*)}) come from the blocks' record counts alone: see {@link FieldlessRows}.
 */
@Internal
public final class RowDataFormat implements RecordFormat<RowData> {

    private static final long serialVersionUID = 1L;

    private final RowType rowType;
    private final int batchSize;
    @Nullable private final int[][] outputPaths;
    private final RowType outputType;

    /**
     * @param rowType the type of the rows decoded and emitted: every file's fields are matched to
     *     it by name, so that files of different schemas yield rows of one type
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
        this.rowType = rowType;
        this.batchSize = batchSize;
        this.outputPaths = outputPaths == null ? null : outputPaths.clone();
        this.outputType = outputType;
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
    public boolean readsPayloads() {
        return !FieldlessRows.needNoPayload(rowType);
    }

    @Override
    public BlockDecoder<RowData> createDecoder(Schema writerSchema) {
        RecordDecoder decoder =
                readsPayloads()
                        ? RecordDecoder.compile(writerSchema, rowType)
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
        public RowData next() {
            if (next == batch.size()) {
                if (decoder.remainingRecords() == 0) {
                    return null;
                }
                decoder.decode(batch, batchSize);
                next = 0;
            }
            RowData row = batch.row(next++);
            return flattened == null ? row : flattened.replace(row);
        }
    }
}
