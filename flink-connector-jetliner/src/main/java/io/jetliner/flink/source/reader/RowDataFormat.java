package io.jetliner.flink.source.reader;

import io.jetliner.flink.avro.decode.RecordDecoder;
import io.jetliner.flink.avro.decode.RowBatch;
import io.jetliner.flink.avro.decode.RowFilter;
import io.jetliner.flink.reader.PrefetchedBlock;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;

/**
 * Records as Flink {@code RowData}, decoded straight from the block's bytes into columnar batches
 * of at most {@code batchSize} rows; the rows are views into the batch. With a {@link RowFilter},
 * only the records it accepts are decoded.
 */
@Internal
public final class RowDataFormat implements RecordFormat<RowData> {

    private static final long serialVersionUID = 1L;

    private final RowType rowType;
    private final int batchSize;
    private final RowFilter filter;

    /**
     * @param rowType the type of the rows emitted: every file's fields are matched to it by name,
     *     so that files of different schemas yield rows of one type
     * @param batchSize the most rows decoded at once
     */
    public RowDataFormat(RowType rowType, int batchSize) {
        this(rowType, batchSize, null);
    }

    /**
     * @param filter null for every record, else the filter a record must pass to be emitted; its
     *     fields are matched by name to each file's and need not be in {@code rowType}
     */
    public RowDataFormat(RowType rowType, int batchSize, RowFilter filter) {
        this.rowType = rowType;
        this.batchSize = batchSize;
        this.filter = filter;
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
    public BlockDecoder<RowData> createDecoder(Schema writerSchema) {
        return new RowDataBlockDecoder(
                RecordDecoder.compile(writerSchema, rowType, filter), batchSize);
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
                // a filtering decoder reads on until it fills a batch, so an empty one ends the
                // block
                if (decoder.remainingRecords() == 0 || decoder.decode(batch, batchSize) == 0) {
                    return null;
                }
                next = 0;
            }
            return batch.row(next++);
        }

        @Override
        public long recordIndex() {
            return batch.recordIndex(next - 1);
        }
    }
}
