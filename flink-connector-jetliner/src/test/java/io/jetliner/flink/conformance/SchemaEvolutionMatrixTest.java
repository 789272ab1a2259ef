package io.jetliner.flink.conformance;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.container.ByteArrayInput;
import io.jetliner.flink.avro.decode.RowBatch;
import io.jetliner.flink.reader.JetlinerReader;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.testutil.AvroFiles;
import io.jetliner.flink.testutil.PlainValues;
import io.jetliner.flink.testutil.RandomData;
import io.jetliner.flink.testutil.RandomProjections;
import io.jetliner.flink.testutil.ReferenceOracle;
import io.jetliner.flink.testutil.RowComparison;
import io.jetliner.flink.testutil.RowTypes;

import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Schema evolution, case by case: each file is written by Avro Java's {@code DataFileWriter} under
 * an old schema and read under a new one, and every row must be what Avro Java's own resolution
 * ({@code GenericDatumReader(writer, reader)}) yields, converted by {@link ReferenceOracle}; also
 * read with a random projection of the reader's row type. Pairs Avro cannot resolve must fail when
 * the reader opens the file, before any row, naming the file, the field and both types.
 */
class SchemaEvolutionMatrixTest {

    private static final int ROWS = 300;

    private final RowComparison comparison = new RowComparison(RowComparison.FloatZero.EXACT);

    static Stream<Arguments> compatiblePairs() {
        return Stream.of(
                pair("identical schemas", rec(f("a", "'int'"), f("b", "'string'")), null),
                pair(
                        "reader adds primitive fields with defaults",
                        rec(f("a", "'int'")),
                        rec(
                                f("a", "'int'"),
                                fd("b", "'long'", "7"),
                                fd("c", "'string'", "'x'"),
                                fd("d", "'boolean'", "true"),
                                fd("e", "'double'", "1.5"),
                                fd("g", "'bytes'", "'\\u00ff\\u0001'"))),
                pair(
                        "reader adds a nullable field defaulting to null",
                        rec(f("a", "'int'")),
                        rec(f("a", "'int'"), fd("n", "['null', 'string']", "null"))),
                pair(
                        "reader adds structured fields with defaults",
                        rec(f("a", "'int'")),
                        rec(
                                f("a", "'int'"),
                                fd(
                                        "r",
                                        "{'type': 'record', 'name': 'Inner', 'fields': ["
                                                + f("x", "'int'")
                                                + ", "
                                                + f("y", "'string'")
                                                + "]}",
                                        "{'x': 3, 'y': 'why'}"),
                                fd("arr", "{'type': 'array', 'items': 'long'}", "[1, 2, 3]"),
                                fd("m", "{'type': 'map', 'values': 'int'}", "{'k': 1}"),
                                fd(
                                        "e",
                                        "{'type': 'enum', 'name': 'E', 'symbols': ['A', 'B']}",
                                        "'B'"),
                                fd(
                                        "fx",
                                        "{'type': 'fixed', 'name': 'F2', 'size': 2}",
                                        "'\\u0001\\u0002'"),
                                fd("u", "['int', 'string']", "5"),
                                fd(
                                        "ts",
                                        "{'type': 'long', 'logicalType': 'timestamp-millis'}",
                                        "1700000000000"))),
                pair(
                        "writer fields the reader lacks are skipped",
                        rec(
                                f("a", "'int'"),
                                f("s", "'string'"),
                                f(
                                        "rs",
                                        "{'type': 'array', 'items': {'type': 'record', 'name':"
                                                + " 'Gone', 'fields': ["
                                                + f("g", "'string'")
                                                + "]}}"),
                                f("m", "{'type': 'map', 'values': ['null', 'double']}"),
                                f("u", "['null', 'int', 'string']"),
                                f("z", "'long'")),
                        rec(f("z", "'long'"), f("a", "'int'"))),
                pair(
                        "fields in another order",
                        rec(f("a", "'int'"), f("b", "'string'"), f("c", "'double'")),
                        rec(f("c", "'double'"), f("a", "'int'"), f("b", "'string'"))),
                pair(
                        "a field renamed, the old name an alias",
                        rec(f("old_name", "'string'"), f("b", "'int'")),
                        rec(
                                "{'name': 'new_name', 'type': 'string', 'aliases': ['old_name']}",
                                f("b", "'int'"))),
                pair(
                        "a nested record renamed, the old name an alias",
                        rec(
                                f(
                                        "inner",
                                        "{'type': 'record', 'name': 'OldInner', 'fields': ["
                                                + f("x", "'int'")
                                                + "]}")),
                        rec(
                                f(
                                        "inner",
                                        "{'type': 'record', 'name': 'NewInner', 'aliases':"
                                                + " ['OldInner'], 'fields': ["
                                                + f("x", "'long'")
                                                + "]}"))),
                pair(
                        "numbers promoted",
                        rec(
                                f("i2l", "'int'"),
                                f("i2f", "'int'"),
                                f("i2d", "'int'"),
                                f("l2f", "'long'"),
                                f("l2d", "'long'"),
                                f("f2d", "'float'")),
                        rec(
                                f("i2l", "'long'"),
                                f("i2f", "'float'"),
                                f("i2d", "'double'"),
                                f("l2f", "'float'"),
                                f("l2d", "'double'"),
                                f("f2d", "'double'"))),
                pair(
                        "strings and bytes promoted into each other",
                        rec(f("s2b", "'string'"), f("b2s", "'bytes'")),
                        rec(f("s2b", "'bytes'"), f("b2s", "'string'"))),
                pair(
                        "promotions inside arrays, maps and nullable unions",
                        rec(
                                f("arr", "{'type': 'array', 'items': 'int'}"),
                                f("m", "{'type': 'map', 'values': 'float'}"),
                                f("n", "['null', 'int']"),
                                f("n2", "['long', 'null']")),
                        rec(
                                f("arr", "{'type': 'array', 'items': 'long'}"),
                                f("m", "{'type': 'map', 'values': 'double'}"),
                                f("n", "['null', 'long']"),
                                f("n2", "['null', 'double']"))),
                pair(
                        "enum symbols added and reordered",
                        rec(f("e", "{'type': 'enum', 'name': 'E', 'symbols': ['A', 'B', 'C']}")),
                        rec(
                                f(
                                        "e",
                                        "{'type': 'enum', 'name': 'E', 'symbols': ['C', 'D', 'A',"
                                                + " 'B']}"))),
                pair(
                        "enum symbols the reader lacks read as its default",
                        rec(f("e", "{'type': 'enum', 'name': 'E', 'symbols': ['A', 'B', 'C']}")),
                        rec(
                                f(
                                        "e",
                                        "{'type': 'enum', 'name': 'E', 'symbols': ['UNKNOWN',"
                                                + " 'B'], 'default': 'UNKNOWN'}"))),
                pair(
                        "a value read into a union of the reader",
                        rec(f("a", "'int'"), f("s", "'string'"), f("b", "'boolean'")),
                        rec(
                                f("a", "['null', 'long']"),
                                f("s", "['null', 'int', 'string']"),
                                f("b", "['boolean']"))),
                pair(
                        "an int promoted into a union branch of the reader",
                        rec(f("a", "'int'")),
                        rec(f("a", "['null', 'string', 'double']"))),
                pair(
                        "a union of the writer read as a wider type",
                        rec(f("u", "['int', 'long', 'float']")),
                        rec(f("u", "'double'"))),
                pair(
                        "a union with its branches reordered and added",
                        rec(f("u", "['string', 'int']"), f("n", "['null', 'int']")),
                        rec(
                                f("u", "['int', 'boolean', 'string']"),
                                f("n", "['null', 'long', 'string']"))),
                pair(
                        "a nullable union read as a nullable union of more types",
                        rec(f("n", "['null', 'string']")),
                        rec(f("n", "['string', 'null', 'bytes']"))),
                pair(
                        "a nullable record that evolved",
                        rec(
                                f(
                                        "r",
                                        "['null', {'type': 'record', 'name': 'R', 'fields': ["
                                                + f("x", "'int'")
                                                + ", "
                                                + f("gone", "'string'")
                                                + "]}]")),
                        rec(
                                f(
                                        "r",
                                        "['null', {'type': 'record', 'name': 'R', 'fields': ["
                                                + fd("added", "'string'", "'new'")
                                                + ", "
                                                + f("x", "'long'")
                                                + "]}]"))),
                pair(
                        "nested records, arrays and maps of evolving records",
                        rec(
                                f(
                                        "outer",
                                        "{'type': 'record', 'name': 'Outer', 'fields': ["
                                                + f(
                                                        "inner",
                                                        "{'type': 'record', 'name': 'Inner',"
                                                                + " 'fields': ["
                                                                + f("v", "'int'")
                                                                + ", "
                                                                + f("w", "'float'")
                                                                + "]}")
                                                + "]}"),
                                f("items", "{'type': 'array', 'items': 'Inner'}"),
                                f("byKey", "{'type': 'map', 'values': 'Inner'}")),
                        rec(
                                f(
                                        "outer",
                                        "{'type': 'record', 'name': 'Outer', 'fields': ["
                                                + f(
                                                        "inner",
                                                        "{'type': 'record', 'name': 'Inner',"
                                                                + " 'fields': ["
                                                                + f("w", "'double'")
                                                                + ", "
                                                                + fd("z", "['null', 'int']", "null")
                                                                + ", "
                                                                + f("v", "'long'")
                                                                + "]}")
                                                + ", "
                                                + fd("note", "'string'", "''")
                                                + "]}"),
                                f("items", "{'type': 'array', 'items': 'Inner'}"),
                                f("byKey", "{'type': 'map', 'values': 'Inner'}"))),
                pair(
                        "named fixed and enum types inside unions",
                        rec(
                                f(
                                        "u",
                                        "['null', {'type': 'fixed', 'name': 'Md5', 'size': 16},"
                                                + " {'type': 'enum', 'name': 'Color', 'symbols':"
                                                + " ['RED', 'GREEN']}]")),
                        rec(
                                f(
                                        "u",
                                        "[{'type': 'enum', 'name': 'Color', 'symbols': ['GREEN',"
                                                + " 'RED', 'BLUE']}, 'null', {'type': 'fixed',"
                                                + " 'name': 'Md5', 'size': 16}]"))),
                pair(
                        "logical types: a plain long read as a timestamp, a decimal widened",
                        rec(
                                f("ts", "'long'"),
                                f(
                                        "d",
                                        "{'type': 'bytes', 'logicalType': 'decimal', 'precision':"
                                                + " 9, 'scale': 2}"),
                                f("day", "{'type': 'int', 'logicalType': 'date'}")),
                        rec(
                                f("ts", "{'type': 'long', 'logicalType': 'timestamp-micros'}"),
                                f(
                                        "d",
                                        "{'type': 'bytes', 'logicalType': 'decimal', 'precision':"
                                                + " 20, 'scale': 2}"),
                                f("day", "{'type': 'long'}"))),
                pair(
                        "a recursive record that evolved, inside and out",
                        rec(
                                f(
                                        "tree",
                                        "{'type': 'record', 'name': 'Node', 'fields': ["
                                                + f("value", "'int'")
                                                + ", "
                                                + f("gone", "'string'")
                                                + ", "
                                                + f(
                                                        "children",
                                                        "{'type': 'array', 'items': 'Node'}")
                                                + "]}")),
                        rec(
                                f(
                                        "tree",
                                        "{'type': 'record', 'name': 'Node', 'fields': ["
                                                + f("value", "'long'")
                                                + ", "
                                                + fd("label", "'string'", "'leaf'")
                                                + ", "
                                                + f(
                                                        "children",
                                                        "{'type': 'array', 'items': 'Node'}")
                                                + "]}"))),
                pair(
                        "a file of single values promoted",
                        schema("'int'"),
                        schema("['null', 'long']")),
                pair(
                        "a file of single records read as a reader that adds and drops fields",
                        rec(f("a", "'int'"), f("b", "{'type': 'array', 'items': 'string'}")),
                        rec(fd("c", "{'type': 'array', 'items': 'string'}", "['x', 'y']"))));
    }

    static Stream<Arguments> incompatiblePairs() {
        return Stream.of(
                incompatible(
                        "an int read as a string",
                        rec(f("a", "'int'")),
                        rec(f("a", "'string'")),
                        "'a'",
                        "\"int\"",
                        "\"string\""),
                incompatible(
                        "a long read as an int",
                        rec(f("a", "'long'")),
                        rec(f("a", "'int'")),
                        "'a'",
                        "\"long\"",
                        "\"int\""),
                incompatible(
                        "a reader field without default that the file lacks",
                        rec(f("a", "'int'")),
                        rec(f("a", "'int'"), f("needed", "'string'")),
                        "needed",
                        "Rec"),
                incompatible(
                        "a nested field that cannot be promoted",
                        rec(
                                f(
                                        "outer",
                                        "{'type': 'record', 'name': 'Outer', 'fields': ["
                                                + f("x", "'double'")
                                                + "]}")),
                        rec(
                                f(
                                        "outer",
                                        "{'type': 'record', 'name': 'Outer', 'fields': ["
                                                + f("x", "'float'")
                                                + "]}")),
                        "'outer.x'",
                        "\"double\"",
                        "\"float\""),
                incompatible(
                        "enums of different names",
                        rec(f("e", "{'type': 'enum', 'name': 'E1', 'symbols': ['A']}")),
                        rec(f("e", "{'type': 'enum', 'name': 'E2', 'symbols': ['A']}")),
                        "'e'",
                        "E1",
                        "E2"),
                incompatible(
                        "fixed types of different sizes",
                        rec(f("x", "{'type': 'fixed', 'name': 'F', 'size': 4}")),
                        rec(f("x", "{'type': 'fixed', 'name': 'F', 'size': 8}")),
                        "'x'",
                        "sizes differ"),
                incompatible(
                        "an array read as a map",
                        rec(f("c", "{'type': 'array', 'items': 'int'}")),
                        rec(f("c", "{'type': 'map', 'values': 'int'}")),
                        "'c'",
                        "array",
                        "map"),
                incompatible(
                        "array elements that cannot be promoted",
                        rec(f("c", "{'type': 'array', 'items': 'string'}")),
                        rec(f("c", "{'type': 'array', 'items': 'int'}")),
                        "'c[]'"),
                incompatible(
                        "a union no branch of which the reader can take",
                        rec(f("u", "['string', 'bytes']")),
                        rec(f("u", "['null', 'int']")),
                        "'u'"));
    }

    /**
     * Pairs Avro Java reads without complaint, but whose logical types would change each value's
     * meaning (micros read as millis, a decimal's digits shifted): Jetliner refuses them.
     */
    static Stream<Arguments> logicalTypeMismatches() {
        return Stream.of(
                incompatible(
                        "decimals of different scales",
                        rec(
                                f(
                                        "d",
                                        "{'type': 'bytes', 'logicalType': 'decimal', 'precision':"
                                                + " 9, 'scale': 2}")),
                        rec(
                                f(
                                        "d",
                                        "{'type': 'bytes', 'logicalType': 'decimal', 'precision':"
                                                + " 9, 'scale': 3}")),
                        "'d'",
                        "logical types differ"),
                incompatible(
                        "timestamps of different units",
                        rec(f("t", "{'type': 'long', 'logicalType': 'timestamp-micros'}")),
                        rec(f("t", "{'type': 'long', 'logicalType': 'timestamp-millis'}")),
                        "'t'",
                        "timestamp-micros",
                        "timestamp-millis"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compatiblePairs")
    void readsEveryRowAsAvroJavaResolvesIt(String name, Schema writer, Schema reader)
            throws IOException {
        Schema readerSchema = reader == null ? writer : reader;
        Random random = new Random(name.hashCode());
        List<Object> data = new RandomData(random).data(writer, ROWS);
        byte[] file = AvroFiles.write(writer, data, CodecFactory.deflateCodec(1), 2_000, Map.of());
        List<Object> resolved = avroJavaReads(file, readerSchema);
        RowType fullType = ReferenceOracle.rowType(readerSchema);

        assertReadsAsExpected(file, readerSchema, null, resolved, fullType);
        if (readerSchema.getType() == Schema.Type.RECORD) {
            RowType projection = RandomProjections.next(readerSchema, fullType, random);
            assertReadsAsExpected(file, readerSchema, projection, resolved, fullType);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompatiblePairs")
    void failsToOpenAFileItsReaderSchemaCannotResolve(
            String name, Schema writer, Schema reader, String[] named) {
        byte[] file = fileOf(writer);
        assertThat(catchThrowable(() -> avroJavaReads(file, reader)))
                .as("Avro Java's resolution")
                .isInstanceOf(AvroTypeException.class);
        assertOpeningFails(file, reader, named);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logicalTypeMismatches")
    void failsToOpenAFileWhoseLogicalTypesTheReaderWouldReinterpret(
            String name, Schema writer, Schema reader, String[] named) {
        assertOpeningFails(fileOf(writer), reader, named);
    }

    private static byte[] fileOf(Schema writer) {
        return AvroFiles.write(
                writer,
                new RandomData(new Random(1)).data(writer, 20),
                CodecFactory.nullCodec(),
                2_000,
                Map.of());
    }

    private static void assertOpeningFails(byte[] file, Schema reader, String... named) {
        ReaderOptions options = ReaderOptions.builder().readerSchema(reader).build();
        assertThatThrownBy(() -> JetlinerReader.open(new ByteArrayInput(file), "old.avro", options))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e ->
                                assertThat(e.kind())
                                        .isEqualTo(JetlinerException.Kind.INCOMPATIBLE_SCHEMA))
                .hasMessageContaining("old.avro")
                .hasMessageContainingAll(named);
    }

    private void assertReadsAsExpected(
            byte[] file,
            Schema readerSchema,
            RowType projection,
            List<Object> resolved,
            RowType fullType)
            throws IOException {
        RowType expectedType = projection == null ? fullType : projection;
        ReaderOptions options =
                ReaderOptions.builder()
                        .readerSchema(readerSchema)
                        .projection(projection)
                        .batchSize(64)
                        .build();
        try (JetlinerReader reader =
                JetlinerReader.open(new ByteArrayInput(file), "old.avro", options)) {
            assertThat(RowTypes.comparable(reader.rowType()))
                    .as("row type")
                    .isEqualTo(RowTypes.comparable(expectedType));
            int row = 0;
            for (RowBatch batch = reader.nextBatch(); batch != null; batch = reader.nextBatch()) {
                for (int i = 0; i < batch.size(); i++, row++) {
                    PlainValues.Row expected =
                            RandomProjections.project(
                                    PlainValues.of(
                                            ReferenceOracle.row(resolved.get(row), readerSchema),
                                            fullType),
                                    expectedType);
                    String difference =
                            comparison.difference(
                                    expected, PlainValues.of(batch.row(i), expectedType));
                    if (difference != null) {
                        throw new AssertionError(
                                "row "
                                        + row
                                        + (projection == null ? "" : " of projection " + projection)
                                        + ", "
                                        + difference);
                    }
                }
            }
            assertThat(row).as("rows read").isEqualTo(resolved.size());
        }
    }

    /** Every datum of the file as Avro Java reads it under {@code reader}: raw values. */
    private static List<Object> avroJavaReads(byte[] file, Schema reader) throws IOException {
        List<Object> data = new ArrayList<>();
        try (DataFileReader<Object> records =
                new DataFileReader<>(
                        new SeekableByteArrayInput(file),
                        new GenericDatumReader<>(null, reader, new GenericData()))) {
            for (Object datum : records) {
                data.add(datum);
            }
        }
        return data;
    }

    private static Arguments pair(String name, Schema writer, Schema reader) {
        return Arguments.of(name, writer, reader);
    }

    private static Arguments incompatible(
            String name, Schema writer, Schema reader, String... named) {
        return Arguments.of(name, writer, reader, named);
    }

    /** A record named {@code Rec} of these fields. */
    static Schema rec(String... fields) {
        return schema(
                "{'type': 'record', 'name': 'Rec', 'fields': [" + String.join(", ", fields) + "]}");
    }

    /** A field. */
    static String f(String name, String type) {
        return "{'name': '" + name + "', 'type': " + type + "}";
    }

    /** A field with a default. */
    static String fd(String name, String type, String defaultValue) {
        return "{'name': '" + name + "', 'type': " + type + ", 'default': " + defaultValue + "}";
    }

    /** A schema written with single quotes. */
    static Schema schema(String json) {
        return new Schema.Parser().parse(json.replace('\'', '"'));
    }
}
