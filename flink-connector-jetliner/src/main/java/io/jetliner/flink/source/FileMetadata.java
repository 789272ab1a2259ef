package io.jetliner.flink.source;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.VarCharType;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A value that comes with a row from the file it was read from rather than from its Avro record: a
 * column of {@link SourceColumn#metadata}. The keys are those of SQL's {@code METADATA FROM}.
 */
@PublicEvolving
public enum FileMetadata {

    /**
     * The file's full path as its file system names it, with scheme: {@code s3://bucket/a.avro}.
     */
    FILE_PATH("file.path", new VarCharType(false, VarCharType.MAX_LENGTH)),

    /** The last name of the file's path: {@code a.avro}. */
    FILE_NAME("file.name", new VarCharType(false, VarCharType.MAX_LENGTH)),

    /** The file's length in bytes when it was found. */
    FILE_SIZE("file.size", new BigIntType(false)),

    /** When the file was last modified, as its file system listed it. */
    FILE_MODIFICATION_TIME("file.modification-time", new LocalZonedTimestampType(false, 3)),

    /**
     * The file offset where the block holding the row starts: together with the file it names the
     * block, and rows of one block share it.
     */
    BLOCK_OFFSET("block.offset", new BigIntType(false));

    private final String key;
    private final LogicalType type;

    FileMetadata(String key, LogicalType type) {
        this.key = key;
        this.type = type;
    }

    /** Its name in SQL: {@code METADATA FROM 'file.name'}. */
    public String key() {
        return key;
    }

    /** The type of its values; never null. */
    public LogicalType type() {
        return type;
    }

    /**
     * The metadata of that key.
     *
     * @throws IllegalArgumentException naming the keys there are, for any other
     */
    public static FileMetadata ofKey(String key) {
        for (FileMetadata metadata : values()) {
            if (metadata.key.equals(key)) {
                return metadata;
            }
        }
        throw new IllegalArgumentException(
                "no metadata '"
                        + key
                        + "'; there are "
                        + Arrays.stream(values())
                                .map(FileMetadata::key)
                                .collect(Collectors.joining(", ")));
    }
}
