package io.jetliner.flink.avro.container;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static io.jetliner.flink.avro.container.RawContainer.SYNC;
import static io.jetliner.flink.avro.container.RawContainer.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ContainerHeaderTest {

    @Test
    void readsTheSchemaCodecMetadataAndSyncMarkerAvroWrote() {
        Map<String, byte[]> custom = new LinkedHashMap<>();
        custom.put("writer", utf8("jetliner-test"));
        custom.put("binary", new byte[] {0, (byte) 0xff, 7});
        byte[] file =
                AvroFiles.write(
                        new AvroFiles.Spec(
                                100, CodecFactory.deflateCodec(6), 1024, 0, SYNC, custom),
                        new Random(1));

        ContainerHeader header = ContainerReads.header(file);

        assertThat(header.schema()).isEqualTo(AvroFiles.RECORD_SCHEMA);
        assertThat(header.codecName()).isEqualTo("deflate");
        assertThat(header.syncMarker()).isEqualTo(SYNC);
        assertThat(header.fileLength()).isEqualTo(file.length);
        assertThat(header.metadata())
                .containsKeys("avro.schema", "avro.codec", "writer", "binary")
                .hasSize(4);
        assertThat(header.metadata().get("binary")).containsExactly(0, 0xff, 7);
        assertThat(header.metadataString("writer")).isEqualTo("jetliner-test");
        assertThat(header.metadataString("absent")).isNull();
        // The header ends with its marker; the first block follows.
        assertThat(Arrays.copyOfRange(file, (int) header.end() - 16, (int) header.end()))
                .isEqualTo(SYNC);
        assertThat(AvroFiles.blocks(file).get(0)[0]).isEqualTo(header.end());
    }

    @Test
    void exposesEveryMetadataKeyInTheFileOrder() {
        Map<String, byte[]> metadata = new LinkedHashMap<>();
        metadata.put("zeta", utf8("last letter"));
        metadata.put(DataFileConstants.SCHEMA, utf8(RawContainer.LONG_SCHEMA));
        metadata.put("alpha", new byte[0]);
        metadata.put("ünïcode", new byte[] {1, 2, 3});
        byte[] file = RawContainer.withHeader(metadata).toByteArray();

        ContainerHeader header = ContainerReads.header(file);

        assertThat(header.metadata().keySet())
                .containsExactly("zeta", "avro.schema", "alpha", "ünïcode");
        assertThat(header.metadata().get("ünïcode")).containsExactly(1, 2, 3);
        assertThat(header.metadata().get("alpha")).isEmpty();
        assertThat(header.end()).isEqualTo(file.length);
        assertThatThrownBy(() -> header.metadata().put("more", new byte[0]))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readsMetadataInSeveralBlocksWithByteSizes() {
        // Avro's map encoding lets a writer split the map in blocks, a negative count announcing
        // the block's byte size.
        RawContainer entry = new RawContainer().string("k2").bytes(utf8("v2"));
        byte[] file =
                new RawContainer()
                        .magic()
                        .varint(1)
                        .string(DataFileConstants.SCHEMA)
                        .string(RawContainer.LONG_SCHEMA)
                        .varint(-1)
                        .varint(entry.size())
                        .raw(entry.toByteArray())
                        .varint(0)
                        .raw(SYNC)
                        .toByteArray();

        ContainerHeader header = ContainerReads.header(file);

        assertThat(header.metadata().keySet()).containsExactly("avro.schema", "k2");
        assertThat(header.metadataString("k2")).isEqualTo("v2");
        assertThat(header.schema().getType()).isEqualTo(Schema.Type.LONG);
    }

    @Test
    void callsTheCodecNullWhenTheKeyIsAbsent() {
        ContainerHeader header = ContainerReads.header(RawContainer.withLongSchema().toByteArray());

        assertThat(header.codecName()).isEqualTo("null");
        assertThat(header.metadata()).doesNotContainKey("avro.codec");
    }

    @Test
    void readsAHeaderOfSeveralMegabytes() throws IOException {
        SchemaBuilder.FieldAssembler<Schema> fields =
                SchemaBuilder.record("Wide").doc("x".repeat(2 << 20)).fields();
        for (int i = 0; i < 20_000; i++) {
            fields =
                    fields.name("field_" + i)
                            .doc("the field number " + i)
                            .type()
                            .longType()
                            .noDefault();
        }
        Schema wide = fields.endRecord();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(wide))) {
            writer.create(wide, out, SYNC);
        }
        byte[] file = out.toByteArray();
        CountingInput input = new CountingInput(file);

        ContainerHeader header = ContainerHeader.read(input, "wide.avro");

        assertThat(file.length).isGreaterThan(3 << 20);
        assertThat(header.schema()).isEqualTo(wide);
        assertThat(header.schema().getFields()).hasSize(20_000);
        assertThat(header.end()).isEqualTo(file.length);
        // Read through the buffer in big pieces; the schema value is read straight through.
        assertThat(input.reads()).isLessThan(10);
    }

    @Test
    void readsTheHeaderFromTheStartWhateverTheInputPosition() {
        byte[] file = AvroFiles.write(AvroFiles.Spec.of(10), new Random(2));
        ByteArrayInput input = new ByteArrayInput(file);
        input.seek(file.length / 2);

        assertThat(ContainerHeader.read(input, "f").schema()).isEqualTo(AvroFiles.RECORD_SCHEMA);
    }

    @Test
    void acceptsNamesAndDefaultsThatAvroWouldNotValidate() {
        String schema =
                "{\"type\":\"record\",\"name\":\"bad-name\",\"fields\":["
                        + "{\"name\":\"1st field\",\"type\":\"int\",\"default\":\"not an int\"}]}";
        byte[] file =
                RawContainer.withHeader(Map.of(DataFileConstants.SCHEMA, utf8(schema)))
                        .toByteArray();

        ContainerHeader header = ContainerReads.header(file);

        assertThat(header.schema().getName()).isEqualTo("bad-name");
        assertThat(header.schema().getFields().get(0).name()).isEqualTo("1st field");
    }

    @Test
    void rejectsAnEmptyFileAsNotAvro() {
        assertFailure(new byte[0], Kind.NOT_AVRO, 0);
    }

    @Test
    void rejectsFilesShorterThanTheMagicAsNotAvro() {
        for (int length = 1; length < 4; length++) {
            assertFailure(Arrays.copyOf(DataFileConstants.MAGIC, length), Kind.NOT_AVRO, 0);
        }
    }

    @Test
    void rejectsAFileWithoutTheMagicAsNotAvro() {
        byte[] parquet = "PAR1 and then some more bytes".getBytes();
        assertFailure(parquet, Kind.NOT_AVRO, 0);
    }

    @Test
    void rejectsAnotherContainerVersionAsNotAvro() {
        byte[] file = RawContainer.withLongSchema().toByteArray();
        file[3] = 2;

        JetlinerException e = assertFailure(file, Kind.NOT_AVRO, 0);
        assertThat(e.detail()).contains("version 2");
    }

    @Test
    void reportsAHeaderCutAtAnyOffsetAsTruncatedOrBad() {
        Map<String, byte[]> metadata = new LinkedHashMap<>();
        metadata.put(DataFileConstants.SCHEMA, utf8(AvroFiles.RECORD_SCHEMA.toString()));
        metadata.put("avro.codec", utf8("snappy"));
        metadata.put("long", new byte[300]);
        byte[] file = RawContainer.withHeader(metadata).toByteArray();

        for (int cut = 0; cut < file.length; cut++) {
            byte[] truncated = Arrays.copyOf(file, cut);
            JetlinerException e =
                    catchThrowableOfType(
                            JetlinerException.class, () -> ContainerReads.header(truncated));
            assertThat(e).as("header cut at %d", cut).isNotNull();
            if (cut < 4) {
                assertThat(e.kind()).isEqualTo(Kind.NOT_AVRO);
            } else {
                assertThat(e.kind())
                        .as("cut at %d: %s", cut, e)
                        .isIn(Kind.TRUNCATED, Kind.BAD_HEADER);
                assertThat(e.fileOffset()).as("cut at %d: %s", cut, e).isBetween(4L, (long) cut);
            }
            assertThat(e.file()).isEqualTo("test.avro");
        }
    }

    @Test
    void reportsATruncatedSyncMarkerAtItsOffset() {
        byte[] file = RawContainer.withLongSchema().toByteArray();
        assertFailure(Arrays.copyOf(file, file.length - 5), Kind.TRUNCATED, file.length - 16);
    }

    @Test
    void rejectsASchemaThatIsNotJson() {
        // magic (4), count (1), key length (1), "avro.schema" (11): the value starts at 17.
        byte[] file =
                RawContainer.withHeader(Map.of(DataFileConstants.SCHEMA, utf8("{\"type\": rec")))
                        .toByteArray();

        assertFailure(file, Kind.BAD_SCHEMA, 17);
    }

    @Test
    void rejectsASchemaOfAnUnknownType() {
        byte[] file =
                RawContainer.withHeader(Map.of(DataFileConstants.SCHEMA, utf8("\"no.such.Type\"")))
                        .toByteArray();

        assertFailure(file, Kind.BAD_SCHEMA, 17);
    }

    @Test
    void rejectsAHeaderWithoutSchema() {
        byte[] file = RawContainer.withHeader(Map.of("avro.codec", utf8("null"))).toByteArray();

        JetlinerException e = assertFailure(file, Kind.BAD_HEADER, 4);
        assertThat(e.detail()).contains("avro.schema");
    }

    @Test
    void rejectsAMetadataCountLargerThanTheFileCouldHold() {
        byte[] file = new RawContainer().magic().varint(1L << 40).raw(new byte[64]).toByteArray();

        assertFailure(file, Kind.BAD_HEADER, 4);
    }

    @Test
    void rejectsAMetadataCountThatCannotBeNegated() {
        byte[] file =
                new RawContainer().magic().varint(Long.MIN_VALUE).raw(new byte[64]).toByteArray();

        assertFailure(file, Kind.BAD_HEADER, 4);
    }

    @Test
    void rejectsAMetadataBlockByteSizeBeyondTheFile() {
        byte[] file =
                new RawContainer()
                        .magic()
                        .varint(-1)
                        .varint(1L << 33)
                        .raw(new byte[64])
                        .toByteArray();

        assertFailure(file, Kind.BAD_HEADER, 5);
    }

    @Test
    void rejectsAMetadataValueLongerThanTheFileBeforeAllocatingIt() {
        // Allocating the declared length would exceed any test heap.
        byte[] file =
                new RawContainer()
                        .magic()
                        .varint(1)
                        .string("key")
                        .varint(Integer.MAX_VALUE - 100)
                        .raw(new byte[64])
                        .toByteArray();

        assertFailure(file, Kind.BAD_HEADER, 9);
    }

    @Test
    void rejectsANegativeMetadataKeyLength() {
        byte[] file =
                new RawContainer().magic().varint(1).varint(-3).raw(new byte[64]).toByteArray();

        assertFailure(file, Kind.BAD_HEADER, 5);
    }

    @Test
    void rejectsAMalformedVarint() {
        byte[] eleven = new byte[11];
        Arrays.fill(eleven, (byte) 0xff);
        byte[] file = new RawContainer().magic().raw(eleven).raw(new byte[64]).toByteArray();

        assertFailure(file, Kind.BAD_HEADER, 4);
    }

    @Test
    void rejectsAHeaderBeyondTheSizeLimitWithoutReadingIt() {
        long declared = ContainerHeader.MAX_HEADER_SIZE + 1L;
        byte[] start =
                new RawContainer().magic().varint(1).string("big").varint(declared).toByteArray();
        // A file long enough to hold the value, whose bytes are never served.
        SeekableInput huge = new PrefixOnlyInput(start, 100L << 20);

        JetlinerException e =
                catchThrowableOfType(
                        JetlinerException.class, () -> ContainerHeader.read(huge, "huge.avro"));

        assertThat(e.kind()).isEqualTo(Kind.SIZE_LIMIT_EXCEEDED);
        assertThat(e.fileOffset()).isEqualTo(9);
    }

    @Test
    void rejectsMoreMetadataEntriesThanTheLimit() {
        int entries = ContainerHeader.MAX_METADATA_ENTRIES + 1;
        // Each entry an empty key and an empty value: two zero bytes.
        byte[] file =
                new RawContainer()
                        .magic()
                        .varint(entries)
                        .raw(new byte[2 * entries + 16])
                        .toByteArray();

        assertFailure(file, Kind.SIZE_LIMIT_EXCEEDED, 4);
    }

    @Test
    void reportsAFailingInputAsIoError() {
        SeekableInput failing =
                new PrefixOnlyInput(new byte[0], 1000) {
                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        throw new IOException("connection reset");
                    }
                };

        JetlinerException e =
                catchThrowableOfType(
                        JetlinerException.class,
                        () -> ContainerHeader.read(failing, "remote.avro"));

        assertThat(e.kind()).isEqualTo(Kind.IO);
        assertThat(e.getCause()).hasMessage("connection reset");
        assertThat(e.getMessage()).startsWith("remote.avro: byte 0: ");
    }

    private static JetlinerException assertFailure(byte[] file, Kind kind, long offset) {
        JetlinerException e =
                catchThrowableOfType(JetlinerException.class, () -> ContainerReads.header(file));
        assertThat(e).as("reading a bad header must fail").isNotNull();
        assertThat(e.kind()).as("%s", e).isEqualTo(kind);
        assertThat(e.fileOffset()).as("%s", e).isEqualTo(offset);
        assertThat(e.file()).isEqualTo("test.avro");
        return e;
    }

    /** A file of a given length whose bytes after a prefix fail the test if read. */
    private static class PrefixOnlyInput implements SeekableInput {
        private final ByteArrayInput prefix;
        private final long length;

        PrefixOnlyInput(byte[] prefix, long length) {
            this.prefix = new ByteArrayInput(prefix);
            this.length = length;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public void seek(long position) {
            prefix.seek(position);
        }

        @Override
        public long position() {
            return prefix.position();
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            int n = prefix.read(buffer, offset, count);
            if (n < 0) {
                throw new AssertionError("read past the prefix");
            }
            return n;
        }

        @Override
        public void close() {}
    }
}
