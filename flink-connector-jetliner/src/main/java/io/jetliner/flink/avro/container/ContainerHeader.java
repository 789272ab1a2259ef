package io.jetliner.flink.avro.container;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import org.apache.flink.annotation.Internal;

import org.apache.avro.NameValidator;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileConstants;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header of an Avro object container file: the magic {@code Obj\u0001}, the metadata map (the
 * writer schema under {@code avro.schema}, the codec under {@code avro.codec}, and whatever else
 * the writer put there), and the 16-byte sync marker that ends the header and every block.
 *
 * <p>A header of any size is read, a schema of many megabytes included, up to {@link
 * #MAX_HEADER_SIZE} bytes and {@link #MAX_METADATA_ENTRIES} entries. Every declared count and
 * length is checked against the bytes left in the file before anything is allocated, so a corrupt
 * header fails with a {@link JetlinerException} rather than an attempt to allocate gigabytes.
 *
 * <p>The schema is parsed leniently, as Avro's own readers do with real files in the wild: names
 * are not validated and neither are default values.
 *
 * <p>Immutable, hence thread-safe once read: one header can be cached per file and shared by the
 * readers of its splits. The byte arrays of {@link #metadata()} are shared and must not be
 * modified. Reading one ({@link #read}) uses the given input, which, like any {@link
 * SeekableInput}, belongs to one thread at a time.
 */
@Internal
public final class ContainerHeader {

    /**
     * The largest header read, in bytes. Far above real headers (a schema of several megabytes is
     * rare) yet bounds what a corrupt or hostile file can make a reader hold.
     */
    public static final int MAX_HEADER_SIZE = 64 << 20;

    /**
     * The most metadata entries read. Real files hold a handful; the bound keeps the map's own
     * overhead (far larger than a tiny entry's bytes) in proportion.
     */
    public static final int MAX_METADATA_ENTRIES = 1 << 16;

    private static final int READ_BUFFER_SIZE = 64 << 10;

    /** The fewest bytes a metadata entry takes: the two lengths of an empty key and value. */
    private static final int MIN_ENTRY_SIZE = 2;

    private final Schema schema;
    private final String codecName;
    private final Map<String, byte[]> metadata;
    private final byte[] syncMarker;
    private final long end;
    private final long fileLength;

    private ContainerHeader(
            Schema schema,
            String codecName,
            Map<String, byte[]> metadata,
            byte[] syncMarker,
            long end,
            long fileLength) {
        this.schema = schema;
        this.codecName = codecName;
        this.metadata = metadata;
        this.syncMarker = syncMarker;
        this.end = end;
        this.fileLength = fileLength;
    }

    /**
     * Reads the header from the start of {@code in}, whatever the input's current position.
     *
     * @param file the file's name for error messages
     * @throws JetlinerException {@link Kind#NOT_AVRO} when the file does not begin with the magic,
     *     {@link Kind#TRUNCATED} when it ends inside the header, {@link Kind#BAD_HEADER} for an
     *     impossible count or length or a missing schema, {@link Kind#SIZE_LIMIT_EXCEEDED} beyond
     *     {@link #MAX_HEADER_SIZE} or {@link #MAX_METADATA_ENTRIES}, {@link Kind#BAD_SCHEMA} when
     *     {@code avro.schema} does not parse, {@link Kind#IO} when the input fails
     */
    public static ContainerHeader read(SeekableInput in, String file) {
        long fileLength;
        try {
            fileLength = in.length();
        } catch (IOException e) {
            throw new JetlinerException(
                            Kind.IO, "cannot get the file's length: " + e.getMessage(), e)
                    .at(file, 0);
        }
        return new Parser(new BufferedInput(in, file, fileLength, READ_BUFFER_SIZE), file).parse();
    }

    /** The writer schema, from {@code avro.schema}. */
    public Schema schema() {
        return schema;
    }

    /** The codec's name as written in {@code avro.codec}; {@code "null"} when the key is absent. */
    public String codecName() {
        return codecName;
    }

    /**
     * Every metadata entry, in the file's order; unmodifiable, and its arrays must not be changed.
     */
    public Map<String, byte[]> metadata() {
        return metadata;
    }

    /** The value of {@code key} decoded as UTF-8, or null if the header has no such key. */
    public String metadataString(String key) {
        byte[] value = metadata.get(key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** A copy of the 16-byte sync marker. */
    public byte[] syncMarker() {
        return syncMarker.clone();
    }

    /** The file offset just past the header's sync marker: where the first block starts. */
    public long end() {
        return end;
    }

    /** The file's length in bytes, as the input reported it when the header was read. */
    public long fileLength() {
        return fileLength;
    }

    @Override
    public String toString() {
        return "ContainerHeader{codec="
                + codecName
                + ", metadataKeys="
                + metadata.keySet()
                + ", end="
                + end
                + ", fileLength="
                + fileLength
                + '}';
    }

    /** One read of one header. */
    private static final class Parser {

        private final BufferedInput input;
        private final String file;
        private final Map<String, byte[]> metadata = new LinkedHashMap<>();
        private long schemaOffset = -1;

        Parser(BufferedInput input, String file) {
            this.input = input;
            this.file = file;
        }

        ContainerHeader parse() {
            readMagic();
            readMetadata();
            long markerOffset = input.position();
            if (input.remaining() < DataFileConstants.SYNC_SIZE) {
                throw new JetlinerException(
                                Kind.TRUNCATED, "the file ends inside the header's sync marker")
                        .at(file, markerOffset);
            }
            byte[] syncMarker = new byte[DataFileConstants.SYNC_SIZE];
            input.readFully(syncMarker, 0, syncMarker.length, "header's sync marker");
            long end = input.position();
            Schema schema = parseSchema();
            byte[] codec = metadata.get(DataFileConstants.CODEC);
            String codecName =
                    codec == null
                            ? DataFileConstants.NULL_CODEC
                            : new String(codec, StandardCharsets.UTF_8);
            return new ContainerHeader(
                    schema,
                    codecName,
                    Collections.unmodifiableMap(metadata),
                    syncMarker,
                    end,
                    input.length());
        }

        private void readMagic() {
            byte[] magic = DataFileConstants.MAGIC;
            if (input.length() < magic.length) {
                throw new JetlinerException(
                                Kind.NOT_AVRO,
                                "the file has "
                                        + input.length()
                                        + " bytes, fewer than the "
                                        + magic.length
                                        + " of the magic 'Obj' 1")
                        .at(file, 0);
            }
            byte[] actual = new byte[magic.length];
            input.readFully(actual, 0, actual.length, "magic");
            if (!Arrays.equals(magic, actual)) {
                String detail =
                        Arrays.equals(magic, 0, 3, actual, 0, 3)
                                ? "unsupported container format version " + (actual[3] & 0xff)
                                : "the file does not begin with the magic 'Obj' 1";
                throw new JetlinerException(Kind.NOT_AVRO, detail).at(file, 0);
            }
        }

        /** An Avro map of bytes: blocks of entries, each block's count first, a count of 0 last. */
        private void readMetadata() {
            long entries = 0;
            while (true) {
                long countOffset = input.position();
                long count = input.readLong("metadata block count");
                if (count == 0) {
                    return;
                }
                if (count < 0) {
                    // A negative count is followed by the block's size in bytes, which only a
                    // reader skipping the map needs; it must still be possible.
                    if (count == Long.MIN_VALUE) {
                        throw badHeader("metadata block count " + count, countOffset);
                    }
                    count = -count;
                    long sizeOffset = input.position();
                    long size = input.readLong("metadata block size");
                    if (size < 0 || size > input.remaining()) {
                        throw badHeader(
                                "metadata block size "
                                        + size
                                        + " with "
                                        + input.remaining()
                                        + " bytes left in the file; the file is corrupt or was cut short",
                                sizeOffset);
                    }
                }
                if (count > input.remaining() / MIN_ENTRY_SIZE) {
                    throw badHeader(
                            "metadata block of "
                                    + count
                                    + " entries with "
                                    + input.remaining()
                                    + " bytes left in the file; the file is corrupt or was cut short",
                            countOffset);
                }
                entries += count;
                if (entries > MAX_METADATA_ENTRIES) {
                    throw new JetlinerException(
                                    Kind.SIZE_LIMIT_EXCEEDED,
                                    "the metadata holds more than "
                                            + MAX_METADATA_ENTRIES
                                            + " entries")
                            .at(file, countOffset);
                }
                for (long i = 0; i < count; i++) {
                    String key = new String(readBytes("metadata key"), StandardCharsets.UTF_8);
                    long valueOffset = input.position();
                    byte[] value = readBytes("value of metadata key '" + key + "'");
                    if (key.equals(DataFileConstants.SCHEMA)) {
                        schemaOffset = valueOffset;
                    }
                    metadata.put(key, value);
                }
            }
        }

        /** An Avro bytes or string: its length, then as many bytes. */
        private byte[] readBytes(String what) {
            long lengthOffset = input.position();
            long length = input.readLong("length of the " + what);
            if (length < 0 || length > input.remaining()) {
                throw badHeader(
                        "the "
                                + what
                                + " has length "
                                + length
                                + " with "
                                + input.remaining()
                                + " bytes left in the file; the file is corrupt or was cut short",
                        lengthOffset);
            }
            if (input.position() + length > MAX_HEADER_SIZE) {
                throw new JetlinerException(
                                Kind.SIZE_LIMIT_EXCEEDED,
                                "the "
                                        + what
                                        + " of "
                                        + length
                                        + " bytes would make the header larger than "
                                        + MAX_HEADER_SIZE
                                        + " bytes")
                        .at(file, lengthOffset);
            }
            byte[] bytes = new byte[(int) length];
            input.readFully(bytes, 0, bytes.length, what);
            return bytes;
        }

        private Schema parseSchema() {
            byte[] json = metadata.get(DataFileConstants.SCHEMA);
            if (json == null) {
                throw badHeader("the metadata has no '" + DataFileConstants.SCHEMA + "'", 4);
            }
            try {
                return new Schema.Parser(NameValidator.NO_VALIDATION)
                        .setValidateDefaults(false)
                        .parse(new String(json, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new JetlinerException(
                                Kind.BAD_SCHEMA, "avro.schema does not parse: " + e.getMessage(), e)
                        .at(file, schemaOffset);
            } catch (StackOverflowError e) {
                throw new JetlinerException(
                                Kind.BAD_SCHEMA, "avro.schema is nested too deeply to parse", e)
                        .at(file, schemaOffset);
            }
        }

        private JetlinerException badHeader(String detail, long offset) {
            return new JetlinerException(Kind.BAD_HEADER, detail).at(file, offset);
        }
    }
}
