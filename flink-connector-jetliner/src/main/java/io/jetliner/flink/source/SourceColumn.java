package io.jetliner.flink.source;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.LogicalType;

import java.io.Serializable;
import java.util.Objects;

/**
 * One column of the rows a {@link JetlinerSource} emits, given to {@link
 * JetlinerSource.Builder#columns}: a field of the Avro records, a {@link FileMetadata} value of the
 * file read, or a partition value taken from a {@code key=value} directory of the file's path.
 *
 * <p>File metadata and partition values are the same for every row of a file (the block offset for
 * every row of a block); rows join them to the decoded record without copying either.
 */
@PublicEvolving
public final class SourceColumn implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where a column's values come from. */
    @PublicEvolving
    public enum Origin {
        /** A field of the Avro record, decoded. */
        AVRO_FIELD,
        /** A value of the file or block: {@link #metadata()}. */
        METADATA,
        /** The value of a {@code key=value} directory of the file's path. */
        PARTITION
    }

    private final String name;
    private final Origin origin;
    private final FileMetadata metadata;
    private final LogicalType partitionType;

    private SourceColumn(
            String name, Origin origin, FileMetadata metadata, LogicalType partitionType) {
        this.name = name;
        this.origin = origin;
        this.metadata = metadata;
        this.partitionType = partitionType;
    }

    /**
     * The top-level Avro field of this name, of the type the source's row type gives it (the
     * projection's, if one is set).
     */
    public static SourceColumn avroField(String name) {
        return new SourceColumn(requireName(name), Origin.AVRO_FIELD, null, null);
    }

    /** A file metadata value, in a column named by its {@link FileMetadata#key() key}. */
    public static SourceColumn metadata(FileMetadata metadata) {
        return metadata(Objects.requireNonNull(metadata, "metadata").key(), metadata);
    }

    /** A file metadata value, in a column of this name. */
    public static SourceColumn metadata(String name, FileMetadata metadata) {
        return new SourceColumn(
                requireName(name),
                Origin.METADATA,
                Objects.requireNonNull(metadata, "metadata"),
                null);
    }

    /**
     * The partition value of {@code key}: the value of the {@code key=value} directory nearest the
     * file in its path, unescaped as Flink's file system connector escapes it, and parsed as {@code
     * type} (character strings, BOOLEAN, TINYINT to BIGINT, FLOAT, DOUBLE, DECIMAL, DATE and
     * TIMESTAMP as {@code 2024-01-31 23:59:59.123} or with {@code T}). A path without {@code key},
     * or with the default partition name as its value, gives NULL.
     */
    public static SourceColumn partition(String key, LogicalType type) {
        return new SourceColumn(
                requireName(key), Origin.PARTITION, null, Objects.requireNonNull(type, "type"));
    }

    private static String requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a column needs a name, but got '" + name + "'");
        }
        return name;
    }

    /** The column's name in the row type; for a partition, its key. */
    public String name() {
        return name;
    }

    public Origin origin() {
        return origin;
    }

    /** Which value of the file a {@link Origin#METADATA} column holds; null for the others. */
    public FileMetadata metadata() {
        return metadata;
    }

    /** The type of a {@link Origin#PARTITION} column; null for the others. */
    public LogicalType partitionType() {
        return partitionType;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SourceColumn)) {
            return false;
        }
        SourceColumn that = (SourceColumn) o;
        return name.equals(that.name)
                && origin == that.origin
                && metadata == that.metadata
                && Objects.equals(partitionType, that.partitionType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, origin, metadata, partitionType);
    }

    @Override
    public String toString() {
        switch (origin) {
            case METADATA:
                return name + " METADATA FROM '" + metadata.key() + "'";
            case PARTITION:
                return name + " PARTITION " + partitionType.asSummaryString();
            default:
                return name;
        }
    }
}
