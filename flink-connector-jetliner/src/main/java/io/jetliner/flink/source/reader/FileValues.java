package io.jetliner.flink.source.reader;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.source.FileMetadata;
import io.jetliner.flink.source.SourceColumn;
import io.jetliner.flink.source.enumerator.PartitionSpecs;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The values that a file gives every row read from it, one per metadata or partition column: made
 * into a row once per file, which the rows of the file then share. The block offset is the one
 * value that changes within a file; its reader sets it at each block ({@link #setBlockOffset}).
 */
@Internal
final class FileValues implements Serializable {

    private static final long serialVersionUID = 1L;

    private final SourceColumn[] columns;
    private final String defaultPartitionName;
    private final int blockOffsetIndex;

    /**
     * @param columns metadata and partition columns, in the order of the row made
     * @param defaultPartitionName the directory value that means a NULL partition value
     */
    FileValues(List<SourceColumn> columns, String defaultPartitionName) {
        this.columns = columns.toArray(new SourceColumn[0]);
        this.defaultPartitionName = defaultPartitionName;
        int blockOffset = -1;
        for (int i = 0; i < this.columns.length; i++) {
            if (this.columns[i].metadata() == FileMetadata.BLOCK_OFFSET) {
                blockOffset = i;
            }
        }
        this.blockOffsetIndex = blockOffset;
    }

    /**
     * The values of a file, the block offset still unset.
     *
     * @param file the file's path as its split names it
     * @throws JetlinerException of kind {@link JetlinerException.Kind#BAD_PARTITION_VALUE} for a
     *     partition value that its column's type cannot hold
     */
    GenericRowData of(String file, long size, long modificationTime) {
        Path path = new Path(file);
        Map<String, String> partitions = null;
        GenericRowData values = new GenericRowData(columns.length);
        for (int i = 0; i < columns.length; i++) {
            SourceColumn column = columns[i];
            if (column.origin() == SourceColumn.Origin.PARTITION) {
                if (partitions == null) {
                    partitions = PartitionSpecs.ofFile(path);
                }
                values.setField(i, partitionValue(file, column, partitions.get(column.name())));
            } else {
                values.setField(i, metadataValue(column.metadata(), path, size, modificationTime));
            }
        }
        return values;
    }

    /** Sets the block offset in {@code values}, if there is a column of it. */
    void setBlockOffset(GenericRowData values, long blockOffset) {
        if (blockOffsetIndex >= 0) {
            values.setField(blockOffsetIndex, blockOffset);
        }
    }

    private static Object metadataValue(
            FileMetadata metadata, Path path, long size, long modificationTime) {
        switch (metadata) {
            case FILE_PATH:
                return StringData.fromString(path.toString());
            case FILE_NAME:
                return StringData.fromString(path.getName());
            case FILE_SIZE:
                return size;
            case FILE_MODIFICATION_TIME:
                return TimestampData.fromEpochMillis(modificationTime);
            case BLOCK_OFFSET:
                return null; // set per block
            default:
                throw new IllegalStateException("no value for " + metadata);
        }
    }

    private Object partitionValue(String file, SourceColumn column, String value) {
        if (value == null || value.equals(defaultPartitionName)) {
            if (!column.partitionType().isNullable()) {
                throw new JetlinerException(
                                JetlinerException.Kind.BAD_PARTITION_VALUE,
                                "the path has no value of the NOT NULL partition column '"
                                        + column.name()
                                        + "'")
                        .at(file, JetlinerException.UNKNOWN);
            }
            return null;
        }
        try {
            return PartitionValues.parse(value, column.partitionType());
        } catch (IllegalArgumentException e) {
            throw new JetlinerException(
                            JetlinerException.Kind.BAD_PARTITION_VALUE,
                            "partition '" + column.name() + "': " + e.getMessage(),
                            e)
                    .at(file, JetlinerException.UNKNOWN);
        }
    }
}
