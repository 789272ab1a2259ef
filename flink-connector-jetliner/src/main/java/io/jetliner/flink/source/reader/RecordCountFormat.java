package io.jetliner.flink.source.reader;

import io.jetliner.flink.reader.BlockContent;
import io.jetliner.flink.reader.PrefetchedBlock;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;

/**
 * One row per split (a block range) holding the record count of its blocks, from the block headers
 * alone: no payload is read, decompressed or decoded. The counts sum to the files' record count,
 * which is all {@code SELECT COUNT(*)} asks; one row per split, rather than one per record or per
 * block, keeps what flows downstream of the source to a handful of rows for millions of records. A
 * split without records yields no row.
 *
 * <p>The prefetcher hands a split's blocks over as one block without payload ({@link
 * io.jetliner.flink.reader.BlockPrefetcher}), and its one row is the unit of position: a checkpoint
 * taken after it resumes past the whole split, one taken before it resumes at its start. {@link
 * BlockDecoder#skip} of any positive count thus skips the row.
 */
@Internal
public final class RecordCountFormat implements RecordFormat<RowData> {

    private static final long serialVersionUID = 1L;

    /** The rows: a block's record count. */
    public static final RowType ROW_TYPE =
            RowType.of(new LogicalType[] {new BigIntType(false)}, new String[] {"record_count"});

    @Override
    public TypeInformation<RowData> producedType() {
        return InternalTypeInfo.of(ROW_TYPE);
    }

    /** One row per split. */
    @Override
    public int batchSize() {
        return 1;
    }

    @Override
    public BlockContent blockContent() {
        return BlockContent.RANGE_COUNT;
    }

    @Override
    public BlockDecoder<RowData> createDecoder(Schema writerSchema) {
        return new CountDecoder();
    }

    /** Hands out one row with the count of each block that has records. */
    private static final class CountDecoder implements BlockDecoder<RowData> {
        private final GenericRowData row = new GenericRowData(1);
        private long recordCount;
        private boolean rowPending;

        @Override
        public void start(PrefetchedBlock block) {
            recordCount = block.recordCount();
            rowPending = recordCount > 0;
        }

        @Override
        public void skip(long records) {
            if (records > 0) {
                rowPending = false;
            }
        }

        @Override
        public RowData next() {
            if (!rowPending) {
                return null;
            }
            rowPending = false;
            row.setField(0, recordCount);
            return row;
        }

        /** The block's one row stands at index 0: the position after it is past the block. */
        @Override
        public long recordIndex() {
            return 0;
        }
    }
}
