package io.jetliner.flink;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Locale;

/**
 * The one exception type Jetliner raises for a file it cannot read: every bad input, whatever the
 * layer that finds it, ends up as a {@code JetlinerException} of a {@link Kind}, naming the file
 * and the byte offset where it is known.
 *
 * <p>Lower layers (codecs, the decoder) know neither the file nor the block they work on; they
 * throw with what they know, and the layer that does know fills the rest in with {@link #at}. The
 * message is composed when asked for, so the location fields always agree with it.
 */
@PublicEvolving
public class JetlinerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely enough to branch on. */
    @PublicEvolving
    public enum Kind {
        NOT_AVRO("not an Avro object container file"),
        BAD_HEADER("bad header"),
        BAD_SCHEMA("bad schema"),
        UNSUPPORTED_CODEC("unsupported codec"),
        BAD_SYNC_MARKER("bad sync marker"),
        DECOMPRESSION_FAILED("decompression failed"),
        RECORD_DECODE_FAILED("record decode failed"),
        SIZE_LIMIT_EXCEEDED("size limit exceeded"),
        TRUNCATED("file truncated"),
        INCOMPATIBLE_SCHEMA("incompatible schema"),
        FILE_CHANGED("file changed while being read"),
        IO("I/O error"),
        /** A {@code key=value} directory of a file's path whose value is not of the key's type. */
        BAD_PARTITION_VALUE("bad partition value");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** Marks a location field that is not known. */
    public static final long UNKNOWN = -1;

    private final Kind kind;
    private final String detail;
    private String file;
    private long fileOffset = UNKNOWN;
    private long blockIndex = UNKNOWN;
    private long recordIndex = UNKNOWN;

    public JetlinerException(Kind kind, String detail) {
        this(kind, detail, null);
    }

    public JetlinerException(Kind kind, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.detail = detail;
    }

    /**
     * Fills in the location fields that are still unknown and returns this exception, so that a
     * layer can locate what a lower one threw: {@code throw e.at(file, blockOffset)}.
     */
    public JetlinerException at(String file, long fileOffset) {
        if (this.file == null) {
            this.file = file;
        }
        if (this.fileOffset == UNKNOWN) {
            this.fileOffset = fileOffset;
        }
        return this;
    }

    /** Fills in the block index (0-based, within the file) if it is still unknown. */
    public JetlinerException inBlock(long blockIndex) {
        if (this.blockIndex == UNKNOWN) {
            this.blockIndex = blockIndex;
        }
        return this;
    }

    /** Fills in the record index (0-based, within its block) if it is still unknown. */
    public JetlinerException atRecord(long recordIndex) {
        if (this.recordIndex == UNKNOWN) {
            this.recordIndex = recordIndex;
        }
        return this;
    }

    public Kind kind() {
        return kind;
    }

    /** The file, as its path was given to the reader; null where not known. */
    public String file() {
        return file;
    }

    /** The byte offset in the file, or {@link #UNKNOWN}. */
    public long fileOffset() {
        return fileOffset;
    }

    /** The block's index within the file, or {@link #UNKNOWN}. */
    public long blockIndex() {
        return blockIndex;
    }

    /** The record's index within its block, or {@link #UNKNOWN}. */
    public long recordIndex() {
        return recordIndex;
    }

    /** The part of the message that says what is wrong, without the location. */
    public String detail() {
        return detail;
    }

    @Override
    public String getMessage() {
        StringBuilder message = new StringBuilder();
        if (file != null) {
            message.append(file).append(": ");
        }
        if (blockIndex != UNKNOWN) {
            message.append("block ").append(blockIndex).append(' ');
        }
        if (fileOffset != UNKNOWN) {
            message.append(blockIndex != UNKNOWN ? "at byte " : "byte ")
                    .append(String.format(Locale.ROOT, "%,d", fileOffset))
                    .append(": ");
        } else if (blockIndex != UNKNOWN) {
            message.setLength(message.length() - 1);
            message.append(": ");
        }
        if (recordIndex != UNKNOWN) {
            message.append("record ").append(recordIndex).append(": ");
        }
        message.append(kind.description()).append(": ").append(detail);
        return message.toString();
    }
}
