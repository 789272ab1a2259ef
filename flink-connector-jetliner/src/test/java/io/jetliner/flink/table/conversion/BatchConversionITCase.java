package io.jetliner.flink.table.conversion;

import io.jetliner.flink.avro.schema.AvroTypes;
import io.jetliner.flink.testutil.PlainValues;
import io.jetliner.flink.testutil.ReferenceOracle;
import io.jetliner.flink.testutil.RowComparison;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableResultInternal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Batch-mode file conversion with Flink SQL: {@code INSERT INTO converted SELECT * FROM avro_table}
 * where {@code avro_table} is {@code 'connector' = 'jetliner'} and {@code converted} Flink's
 * filesystem connector in the parquet, json or csv format. Each test reads the converted files back
 * through Flink's own format and compares every value of every row with the rows the Avro file was
 * written with, as the design's type mapping gives them ({@link ReferenceOracle}, which shares no
 * code with the decoder).
 *
 * <p>What each format holds of the mapping, as these tests show:
 *
 * <ul>
 *   <li>Parquet: every type but NULL (Avro's {@code null} type), which Flink's parquet writer
 *       rejects; a {@code CAST} to any nullable type writes it as a column of nulls. Timestamps go
 *       as INT96 with {@code 'parquet.utc-timezone' = 'true'}, so that neither the JVM's time zone
 *       nor its calendar shifts them. Flink 2.3's parquet format cannot round-trip a timestamp
 *       before 1970 that has sub-millisecond digits (pinned below).
 *   <li>JSON: every type, NULL included.
 *   <li>CSV: the flat columns (no ROW, ARRAY or MAP), with {@code 'csv.null-literal'} set so that a
 *       null stays apart from an empty string; a nested column is refused.
 * </ul>
 */
class BatchConversionITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final int ROWS = 300;
    private static final List<GenericRecord> RECORDS = EveryTypeFile.records(ROWS);
    private static final RowType FILE_TYPE = AvroTypes.toRowType(EveryTypeFile.SCHEMA);

    @TempDir Path dir;
    private Path avroDir;
    private Path convertedDir;

    private final TableEnvironment batch =
            TableEnvironment.create(EnvironmentSettings.inBatchMode());

    @BeforeEach
    void writeTheAvroFile() throws IOException {
        avroDir = Files.createDirectories(dir.resolve("avro"));
        convertedDir = dir.resolve("converted");
        EveryTypeFile.write(RECORDS, avroDir.resolve("everything.avro"));
    }

    @Test
    void convertsEveryColumnButNullToParquetWithEveryValueKept() throws Exception {
        List<String> columns = columnsExcept(List.of(EveryTypeFile.NULL_COLUMN));

        convert(columns, "'format' = 'parquet', 'parquet.utc-timezone' = 'true'");

        assertThat(convertedFiles()).allSatisfy(file -> assertThat(magic(file)).isEqualTo("PAR1"));
        assertSameRows(columns);
    }

    @Test
    void convertsEveryColumnToJsonWithEveryValueKept() throws Exception {
        List<String> columns = columnsExcept(List.of());

        convert(columns, "'format' = 'json'");

        assertThat(convertedFiles())
                .allSatisfy(file -> assertThat(Files.readString(file)).startsWith("{\"id\":"));
        assertSameRows(columns);
    }

    @Test
    void convertsEveryFlatColumnToCsvWithEveryValueKept() throws Exception {
        List<String> excluded = new ArrayList<>(EveryTypeFile.NESTED_COLUMNS);
        excluded.add(EveryTypeFile.NULL_COLUMN);
        List<String> columns = columnsExcept(excluded);

        convert(columns, "'format' = 'csv', 'csv.null-literal' = '\\N'");

        assertThat(convertedFiles()).isNotEmpty();
        assertSameRows(columns);
    }

    @Test
    void refusesToWriteTheNullTypeToParquetNamingIt() {
        List<String> columns = List.of("id", EveryTypeFile.NULL_COLUMN);
        createTables(columns, "'format' = 'parquet'");

        assertThatThrownBy(
                        () ->
                                batch.executeSql("INSERT INTO converted SELECT * FROM avro_table")
                                        .await())
                .satisfies(
                        e ->
                                assertThat(ExceptionUtils.stringifyException(e))
                                        .contains("Unsupported type")
                                        .contains("NULL"));
    }

    @Test
    void writesTheNullTypeToParquetCastToANullableType() throws Exception {
        createAvroTable(List.of("id", EveryTypeFile.NULL_COLUMN));
        batch.executeSql(
                "CREATE TABLE converted (id BIGINT NOT NULL, nothing STRING) WITH ("
                        + "'connector' = 'filesystem', 'path' = '"
                        + convertedDir.toUri()
                        + "', 'format' = 'parquet')");

        batch.executeSql("INSERT INTO converted SELECT id, CAST(nothing AS STRING) FROM avro_table")
                .await();

        List<PlainValues.Row> rows =
                collect(
                        "SELECT * FROM converted",
                        (RowType)
                                batch.from("converted")
                                        .getResolvedSchema()
                                        .toPhysicalRowDataType()
                                        .getLogicalType());
        assertThat(rows).hasSize(ROWS);
        assertThat(rows).allSatisfy(row -> assertThat(row.values().get(1)).isNull());
    }

    @Test
    void refusesToWriteANestedColumnToCsvNamingItsType() {
        createTables(List.of("id", "address"), "'format' = 'csv'");

        assertThatThrownBy(
                        () ->
                                batch.executeSql("INSERT INTO converted SELECT * FROM avro_table")
                                        .await())
                .satisfies(e -> assertThat(ExceptionUtils.stringifyException(e)).contains("ROW<"));
    }

    // ------------------------------------------------------------------------------ helpers

    private void convert(List<String> columns, String formatOptions) throws Exception {
        createTables(columns, formatOptions);
        batch.executeSql("INSERT INTO converted SELECT * FROM avro_table").await();
    }

    private void createTables(List<String> columns, String formatOptions) {
        createAvroTable(columns);
        batch.executeSql(
                "CREATE TABLE converted ("
                        + columnDefinitions(columns)
                        + ") WITH ('connector' = 'filesystem', 'path' = '"
                        + convertedDir.toUri()
                        + "', "
                        + formatOptions
                        + ")");
    }

    private void createAvroTable(List<String> columns) {
        batch.executeSql(
                "CREATE TABLE avro_table ("
                        + columnDefinitions(columns)
                        + ") WITH ('connector' = 'jetliner', 'path' = '"
                        + avroDir.toUri()
                        + "')");
    }

    /** Each column with the type the mapping gives its Avro field. */
    private static String columnDefinitions(List<String> columns) {
        return columns.stream()
                .map(
                        name ->
                                "`"
                                        + name
                                        + "` "
                                        + FILE_TYPE
                                                .getTypeAt(FILE_TYPE.getFieldIndex(name))
                                                .asSerializableString())
                .collect(Collectors.joining(", "));
    }

    private static List<String> columnsExcept(List<String> excluded) {
        return FILE_TYPE.getFieldNames().stream()
                .filter(name -> !excluded.contains(name))
                .collect(Collectors.toList());
    }

    /**
     * Reads {@code converted} back through Flink's format and compares each row, by {@code id},
     * with the oracle's row of the record written, on {@code columns}.
     */
    private void assertSameRows(List<String> columns) throws Exception {
        RowType type = project(FILE_TYPE, columns);
        List<PlainValues.Row> actual = collect("SELECT * FROM converted", type);
        actual.sort(Comparator.comparing(row -> (Long) row.values().get(0)));

        RowType oracleType = ReferenceOracle.rowType(EveryTypeFile.SCHEMA);
        List<PlainValues.Row> expected = new ArrayList<>(RECORDS.size());
        for (GenericRecord record : RECORDS) {
            PlainValues.Row row =
                    PlainValues.of(ReferenceOracle.row(record, EveryTypeFile.SCHEMA), oracleType);
            expected.add(project(row, columns));
        }

        assertThat(actual).as("rows read back").hasSameSizeAs(expected);
        RowComparison comparison = new RowComparison(RowComparison.FloatZero.EXACT);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            String difference = comparison.difference(expected.get(i), actual.get(i));
            if (difference != null) {
                differences.add("row " + i + ", " + difference);
            }
        }
        assertThat(differences).as("differences from the rows written").isEmpty();
    }

    private List<PlainValues.Row> collect(String query, RowType type) throws Exception {
        List<PlainValues.Row> rows = new ArrayList<>();
        try (CloseableIterator<RowData> iterator =
                ((TableResultInternal) batch.executeSql(query)).collectInternal()) {
            iterator.forEachRemaining(row -> rows.add(PlainValues.of(row, type)));
        }
        return rows;
    }

    private static RowType project(RowType type, List<String> columns) {
        return new RowType(
                false,
                columns.stream()
                        .map(name -> type.getFields().get(type.getFieldIndex(name)))
                        .collect(Collectors.toList()));
    }

    private static PlainValues.Row project(PlainValues.Row row, List<String> columns) {
        List<Object> values = new ArrayList<>(columns.size());
        for (String column : columns) {
            values.add(row.values().get(row.names().indexOf(column)));
        }
        return new PlainValues.Row(columns, values);
    }

    /** The part files the filesystem sink wrote (it hides its in-progress files with a dot). */
    private List<Path> convertedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(convertedDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .collect(Collectors.toList());
        }
    }

    private static String magic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(Arrays.copyOf(in.readNBytes(4), 4), "US-ASCII");
        }
    }
}
