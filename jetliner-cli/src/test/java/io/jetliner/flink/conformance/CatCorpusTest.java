package io.jetliner.flink.conformance;

import io.jetliner.flink.cli.Cli;
import io.jetliner.flink.cli.JetlinerCli;
import io.jetliner.flink.testutil.Corpus;
import io.jetliner.flink.testutil.PlainValues;
import io.jetliner.flink.testutil.ReferenceOracle;
import io.jetliner.flink.testutil.RowComparison;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonRowDataDeserializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;

import org.apache.avro.Schema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code jetliner cat} on every file of the shared public Avro corpus prints the rows avro-tools
 * printed, in the command's documented JSON encoding (Flink's json format): each line, read back by
 * Flink's json format as a row of the mapped type, equals the reference oracle's row of the
 * expected datum, compared as the connector's {@link CorpusConformanceTest} compares. The files
 * that test expects to fail make {@code cat} fail with exit code 1 and one line naming the file.
 *
 * <p>In this package to share the conformance test's list of files that must fail. Without the
 * corpus folder (see {@link Corpus#folder()}) the tests are skipped and say so.
 */
class CatCorpusTest {

    private static final int END_OF_DAY_MILLIS = 86_400_000;

    private static final RowComparison AVRO_TOOLS_COMPARISON =
            new RowComparison(RowComparison.FloatZero.EXPECTED_POSITIVE_MATCHES_NEGATIVE);

    @TestFactory
    Stream<DynamicTest> catPrintsEveryCorpusFileAsTheReferenceReadsIt() {
        Path corpus = Corpus.requireFolder();
        Map<String, Corpus.Entry> index = Corpus.index(corpus);
        return Corpus.dataFiles(corpus).stream()
                .map(file -> DynamicTest.dynamicTest(file, () -> check(corpus, file, index)));
    }

    /**
     * The type lines are read back as: Avro's {@code null} (Flink's NULL, which Flink's json format
     * cannot read) as a nullable STRING, whose only value, null, is what the line holds.
     */
    private static LogicalType readBackType(LogicalType type) {
        if (type.is(LogicalTypeRoot.NULL)) {
            return new VarCharType(true, VarCharType.MAX_LENGTH);
        }
        if (type instanceof RowType) {
            RowType row = (RowType) type;
            return new RowType(
                    row.isNullable(),
                    row.getFields().stream()
                            .map(f -> new RowType.RowField(f.getName(), readBackType(f.getType())))
                            .collect(Collectors.toList()));
        }
        if (type instanceof ArrayType) {
            return new ArrayType(
                    type.isNullable(), readBackType(((ArrayType) type).getElementType()));
        }
        if (type instanceof MapType) {
            MapType map = (MapType) type;
            return new MapType(
                    map.isNullable(), map.getKeyType(), readBackType(map.getValueType()));
        }
        return type;
    }

    /**
     * An expected value as Flink's json format reads back its line: a TIME of 86,400,000 ms is
     * written "24:00:00" (docs/cli.md), which Flink reads as 00:00:00.
     */
    private static Object readBack(Object value, LogicalType type) {
        if (value instanceof PlainValues.Row && type instanceof RowType) {
            PlainValues.Row row = (PlainValues.Row) value;
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.values().size(); i++) {
                values.add(readBack(row.values().get(i), ((RowType) type).getTypeAt(i)));
            }
            return new PlainValues.Row(row.names(), values);
        }
        if (value instanceof List && type instanceof ArrayType) {
            return ((List<?>) value)
                    .stream()
                            .map(e -> readBack(e, ((ArrayType) type).getElementType()))
                            .collect(Collectors.toList());
        }
        if (value instanceof Map && type instanceof MapType) {
            Map<Object, Object> entries = new HashMap<>();
            ((Map<?, ?>) value)
                    .forEach(
                            (k, v) -> entries.put(k, readBack(v, ((MapType) type).getValueType())));
            return entries;
        }
        if (type.is(LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE)
                && Integer.valueOf(END_OF_DAY_MILLIS).equals(value)) {
            return 0;
        }
        return value;
    }

    private static void check(Path corpus, String file, Map<String, Corpus.Entry> index)
            throws Exception {
        Path path = corpus.resolve(file).toAbsolutePath();
        Cli.Result result = Cli.run("cat", path.toString());
        if (CorpusConformanceTest.EXPECTED_FAILURES.containsKey(file)) {
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(JetlinerCli.EXIT_FAILURE);
            assertThat(result.errLines())
                    .as(result.toString())
                    .singleElement()
                    .asString()
                    .startsWith("jetliner cat: ")
                    .contains(path.getFileName().toString());
            return;
        }
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Schema schema = Corpus.expectedSchema(corpus, file);
        long rows = index.get(file).rows();
        List<Object> expected = Corpus.expectedData(corpus, file, schema, rows);
        RowType type = (RowType) readBackType(ReferenceOracle.rowType(schema));
        List<String> lines = result.outLines();
        assertThat(lines).as("lines of %s", file).hasSize(expected.size());

        JsonRowDataDeserializationSchema json =
                new JsonRowDataDeserializationSchema(
                        type, InternalTypeInfo.of(type), true, false, TimestampFormat.ISO_8601);
        json.open(null);
        for (int i = 0; i < lines.size(); i++) {
            List<RowData> read = new ArrayList<>();
            json.deserialize(
                    lines.get(i).getBytes(StandardCharsets.UTF_8), new ListCollector<>(read));
            assertThat(read).as("%s: line %d read back", file, i + 1).hasSize(1);
            RowData printed = read.get(0);
            String difference =
                    AVRO_TOOLS_COMPARISON.difference(
                            readBack(
                                    PlainValues.of(
                                            ReferenceOracle.row(expected.get(i), schema), type),
                                    type),
                            PlainValues.of(printed, type));
            if (difference != null) {
                fail(file + ": line " + (i + 1) + ", " + difference + "\n" + lines.get(i));
            }
        }
    }
}
