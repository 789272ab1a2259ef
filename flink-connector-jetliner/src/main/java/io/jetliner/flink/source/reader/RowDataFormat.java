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

/**
 * Records as Flink {@code RowData}, decoded straight from the block's bytes into columnar batches
 * of at most {@code batchSize} rows; the rows are views into the batch. Rows without fields ({@code
 * SELECT COUNT(*)}) come from the blocks' record counts alone: see {@link FieldlessRows}.
 */
@Internal
public final class RowDataFormat implements RecordFormat<RowData> {

    private static final long serialVersionUID = 1L;

    private final RowType rowType;
    private final int batchSize;

    /**
     * @param rowType the type of the rows emitted: every file's fields are matched to it by name,
     *     so that files of different schemas yield rows of one type
     * @param batchSize the most rows decoded at once
     */
    public RowDataFormat(RowType rowType, int batchSize) {
        this.rowType = rowType;
        this.batchSize = batchSize;
    }

    @Override
    public TypeInformation<RowData> producedType() {
        return InternalTypeInfo.of(rowType);
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
        return new RowDataBlockDecoder(decoder, batchSize);
    }

    /** Decodes a batch whenever the one before is used up. */
    private static final class RowDataBlockDecoder implements BlockDecoder<RowData> {
        private final RecordDecoder decoder;
        private final RowBatch batch;
        private final int batchSize;
        private int next;

        RowDataBlockDecoder(RecordDecoder decoder, int batchSize) {
            this.decoder = decoder;
            this.batchSize = batchSize;
            this.batch = decoder.createBatch(batchSize);
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
            return batch.row(next++);
        }
    }
}
