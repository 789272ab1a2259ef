package io.jetliner.flink.source.reader;

import io.jetliner.flink.avro.decode.RowFilter;
import io.jetliner.flink.reader.BlockContent;
import io.jetliner.flink.reader.PrefetchRange;
import io.jetliner.flink.reader.PrefetchedBlock;
import io.jetliner.flink.source.SourceColumn;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rows of {@link SourceColumn}s: the columns of records that another format decodes, joined with
 * file metadata and partition values, in any order. The file's values are computed once per file
 * and each row is a view of the decoded record and them, so joining costs no copy per row.
 */
@Internal
public final class FileColumnsFormat implements RecordFormat<RowData> {

    private static final long serialVersionUID = 1L;

    private final RecordFormat<RowData> records;
    private final RowType rowType;
    private final boolean[] fromRecord;
    private final int[] index;
    private final FileValues fileValues;

    /**
     * @param records decodes the records' columns
     * @param recordType the type of the rows {@code records} makes; every {@link
     *     SourceColumn.Origin#AVRO_FIELD} column names one of its fields
     * @param columns the columns of the rows, in order
     * @param defaultPartitionName the directory value that means a NULL partition value
     * @throws IllegalArgumentException for a column that is not a field of {@code recordType}
     */
    public FileColumnsFormat(
            RecordFormat<RowData> records,
            RowType recordType,
            List<SourceColumn> columns,
            String defaultPartitionName) {
        this.records = Objects.requireNonNull(records, "records");
        this.fromRecord = new boolean[columns.size()];
        this.index = new int[columns.size()];
        List<SourceColumn> fileColumns = new ArrayList<>();
        List<RowType.RowField> fields = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            SourceColumn column = columns.get(i);
            LogicalType type;
            switch (column.origin()) {
                case AVRO_FIELD:
                    int field = recordType.getFieldIndex(column.name());
                    if (field < 0) {
                        throw new IllegalArgumentException(
                                "no field '"
                                        + column.name()
                                        + "' in the records, which have "
                                        + recordType.getFieldNames());
                    }
                    fromRecord[i] = true;
                    index[i] = field;
                    type = recordType.getTypeAt(field);
                    break;
                case METADATA:
                    index[i] = fileColumns.size();
                    fileColumns.add(column);
                    type = column.metadata().type();
                    break;
                default:
                    index[i] = fileColumns.size();
                    fileColumns.add(column);
                    type = column.partitionType();
                    break;
            }
            fields.add(new RowType.RowField(column.name(), type));
        }
        this.rowType = new RowType(recordType.isNullable(), fields);
        this.fileValues = new FileValues(fileColumns, defaultPartitionName);
    }

    /** The type of the rows: the columns' names and types, in order. */
    public RowType rowType() {
        return rowType;
    }

    @Override
    public TypeInformation<RowData> producedType() {
        return InternalTypeInfo.of(rowType);
    }

    @Override
    public int batchSize() {
        return records.batchSize();
    }

    /**
     * As the records' format: columns of the file alone ({@code SELECT file_name, COUNT(*) ...
     * GROUP BY file_name}) read only the block headers.
     */
    @Override
    public BlockContent blockContent() {
        return records.blockContent();
    }

    @Override
    public void checkWriterSchema(Schema writerSchema) {
        records.checkWriterSchema(writerSchema);
    }

    @Override
    public Optional<RowFilter> filter() {
        return records.filter();
    }

    @Override
    public BlockDecoder<RowData> createDecoder(Schema writerSchema) {
        return new FileColumnsDecoder(
                records.createDecoder(writerSchema),
                fileValues,
                new RecordAndFileRow(fromRecord, index));
    }

    /** Joins each record to the values of its file, made anew whenever the file changes. */
    private static final class FileColumnsDecoder implements BlockDecoder<RowData> {
        private final BlockDecoder<RowData> records;
        private final FileValues fileValues;
        private final RecordAndFileRow row;

        private PrefetchRange range;
        private String file;
        private long fileSize;
        private long modificationTime;
        private GenericRowData values;

        FileColumnsDecoder(
                BlockDecoder<RowData> records, FileValues fileValues, RecordAndFileRow row) {
            this.records = records;
            this.fileValues = fileValues;
            this.row = row;
        }

        @Override
        public void start(PrefetchedBlock block) {
            if (block.range() != range) {
                startRange(block);
            }
            fileValues.setBlockOffset(values, block.offset());
            records.start(block);
        }

        /** Splits of one file follow each other: their values are made once. */
        private void startRange(PrefetchedBlock block) {
            PrefetchRange next = block.range();
            long nextSize = block.header().fileLength();
            if (values == null
                    || !next.file().equals(file)
                    || nextSize != fileSize
                    || next.modificationTime() != modificationTime) {
                values = fileValues.of(next.file(), nextSize, next.modificationTime());
                row.setFile(values);
                file = next.file();
                fileSize = nextSize;
                modificationTime = next.modificationTime();
            }
            range = next;
        }

        @Override
        public void skip(long records) {
            this.records.skip(records);
        }

        @Override
        public void decodeAhead() {
            records.decodeAhead();
        }

        @Override
        public RowData next() {
            RowData record = records.next();
            return record == null ? null : row.replaceRecord(record);
        }

        @Override
        public long recordIndex() {
            return records.recordIndex();
        }
    }
}
