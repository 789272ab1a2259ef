package io.jetliner.flink.table.conversion;

import io.jetliner.flink.avro.schema.AvroTypes;
import io.jetliner.flink.testutil.AvroFiles;
import io.jetliner.flink.testutil.PlainValues;
import io.jetliner.flink.testutil.ReferenceOracle;
import io.jetliner.flink.testutil.RowComparison;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableResultInternal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.utils.TypeConversions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.CollectionUtil;

import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericData;
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
import java.util.Map;
import java.util.function.UnaryOperator;
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
 *   <li>Parquet and JSON: every type of the mapping but NULL (a field of Avro's {@code null} type),
 *       which no Flink table can have as a column: leave it out of the table. Parquet with {@code
 *       'parquet.utc-timezone' = 'true'}, so that neither the JVM's time zone nor its calendar
 *       shifts timestamps (they go as INT96). Flink 2.3's parquet format does not round-trip a
 *       timestamp before 1970 with sub-millisecond digits: its readers divide towards zero.
 *   <li>CSV: the flat columns, with {@code 'csv.null-literal'} set so that a null stays apart from
 *       an empty string; the CSV table declares TIME(6) columns as TIME(3), the finest its reader
 *       reads, which loses nothing as Flink's TIME holds milliseconds. (Flink's CSV also takes a
 *       ROW or ARRAY of simple types as one delimited field, no MAP, and refuses deeper nesting,
 *       naming the column.)
 * </ul>
 */
class BatchConversionITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String CONVERSION = "INSERT INTO converted SELECT * FROM avro_table";
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

        convert(columns, Map.of("format", "parquet", "parquet.utc-timezone", "true"));

        assertThat(convertedFiles()).allSatisfy(file -> assertThat(magic(file)).isEqualTo("PAR1"));
        assertSameRows(columns);
    }

    @Test
    void convertsEveryColumnButNullToJsonWithEveryValueKept() throws Exception {
        List<String> columns = columnsExcept(List.of(EveryTypeFile.NULL_COLUMN));

        convert(columns, Map.of("format", "json"));

        assertThat(convertedFiles())
                .allSatisfy(file -> assertThat(Files.readString(file)).startsWith("{\"id\":"));
        assertSameRows(columns);
    }

    @Test
    void convertsEveryFlatColumnToCsvWithEveryValueKept() throws Exception {
        List<String> excluded = new ArrayList<>(EveryTypeFile.NESTED_COLUMNS);
        excluded.add(EveryTypeFile.NULL_COLUMN);
        List<String> columns = columnsExcept(excluded);

        convert(columns, Map.of("format", "csv", "csv.null-literal", "\\N"));

        assertThat(convertedFiles()).isNotEmpty();
        assertSameRows(columns);
    }

    @Test
    void cannotConvertAColumnOfAvrosNullTypeAsFlinkTablesHaveNoSuchColumns() {
        createTables(List.of("id", EveryTypeFile.NULL_COLUMN), Map.of("format", "json"));

        assertThatThrownBy(() -> batch.executeSql(CONVERSION).await())
                .hasStackTraceContaining("The null type is reserved for representing untyped NULL");
    }

    /** Flink's CSV takes one level of ROW or ARRAY of simple types; {@code address.geo} is two. */
    @Test
    void refusesToWriteARowNestedInARowToCsvNamingTheColumn() {
        createTables(List.of("id", "address"), Map.of("format", "csv"));

        assertThatThrownBy(() -> batch.executeSql(CONVERSION).await())
                .hasStackTraceContaining(
                        "Only simple types are supported in the second level nesting of fields"
                                + " 'address'");
    }

    /**
     * Pins the limit of Flink 2.3's parquet format that {@link EveryTypeFile} steers clear of: the
     * conversion writes 1969-12-31T23:59:59.999999, but the reader fails on it. When this test
     * fails, Flink has fixed it and the limit can leave the documentation.
     */
    @Test
    void flinksParquetReaderFailsOnATimestampBefore1970WithSubMillisecondDigits() throws Exception {
        Files.delete(avroDir.resolve("everything.avro"));
        org.apache.avro.Schema schema =
                new org.apache.avro.Schema.Parser()
                        .parse(
                                "{\"type\": \"record\", \"name\": \"Moment\", \"fields\": ["
                                        + "{\"name\": \"moment\", \"type\": {\"type\": \"long\","
                                        + " \"logicalType\": \"local-timestamp-micros\"}}]}");
        GenericData.Record record = new GenericData.Record(schema);
        record.put("moment", -1L);
        Files.write(
                avroDir.resolve("moment.avro"),
                AvroFiles.write(schema, List.of(record), CodecFactory.nullCodec(), 1024, Map.of()));
        batch.executeSql(
                "CREATE TABLE avro_table (moment TIMESTAMP(6)) WITH ('connector' = 'jetliner',"
                        + " 'path' = '"
                        + avroDir.toUri()
                        + "')");
        batch.executeSql(
                "CREATE TABLE converted (moment TIMESTAMP(6)) WITH ('connector' = 'filesystem',"
                        + " 'path' = '"
                        + convertedDir.toUri()
                        + "', 'format' = 'parquet', 'parquet.utc-timezone' = 'true')");
        batch.executeSql(CONVERSION).await();

        assertThatThrownBy(
                        () ->
                                CollectionUtil.iteratorToList(
                                        batch.executeSql("SELECT * FROM converted").collect()))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------ helpers

    private void convert(List<String> columns, Map<String, String> formatOptions) throws Exception {
        createTables(columns, formatOptions);
        batch.executeSql(CONVERSION).await();
    }

    private void createTables(List<String> columns, Map<String, String> formatOptions) {
        createAvroTable(columns);
        TableDescriptor.Builder converted =
                TableDescriptor.forConnector("filesystem")
                        .schema(schema(columns, sinkType(formatOptions.get("format"))))
                        .option("path", convertedDir.toUri().toString());
        formatOptions.forEach(converted::option);
        batch.createTable("converted", converted.build());
    }

    /**
     * The Avro table, declared through the Table API rather than DDL: Flink's SQL parser has no
     * NULL column type.
     */
    private void createAvroTable(List<String> columns) {
        batch.createTable(
                "avro_table",
                TableDescriptor.forConnector("jetliner")
                        .schema(schema(columns, UnaryOperator.identity()))
                        .option("path", avroDir.toUri().toString())
                        .build());
    }

    /** Each column with the type the mapping gives its Avro field, as {@code types} maps it. */
    private static Schema schema(List<String> columns, UnaryOperator<LogicalType> types) {
        Schema.Builder schema = Schema.newBuilder();
        for (String name : columns) {
            schema.column(
                    name,
                    TypeConversions.fromLogicalToDataType(
                            types.apply(FILE_TYPE.getTypeAt(FILE_TYPE.getFieldIndex(name)))));
        }
        return schema.build();
    }

    /**
     * The type of a column of {@code format} that holds a column of the mapping's type: the same,
     * but that Flink's CSV reader reads no TIME finer than TIME(3). That is all Flink's TIME holds
     * anyway (milliseconds of the day, {@code time-micros} truncated), so TIME(3) loses nothing.
     */
    private static UnaryOperator<LogicalType> sinkType(String format) {
        if (!format.equals("csv")) {
            return UnaryOperator.identity();
        }
        return type ->
                type instanceof TimeType && ((TimeType) type).getPrecision() > 3
                        ? new TimeType(type.isNullable(), 3)
                        : type;
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
        RowType type =
                (RowType)
                        batch.from("converted")
                                .getResolvedSchema()
                                .toPhysicalRowDataType()
                                .getLogicalType();
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
