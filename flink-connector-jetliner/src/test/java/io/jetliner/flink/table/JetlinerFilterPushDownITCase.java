package io.jetliner.flink.table;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;

import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL filters pushed into the scan: a query with a WHERE clause returns the same rows whether the
 * filter is evaluated by the decoder or by Flink, for every operator and column type; filters the
 * decoder cannot evaluate stay with Flink, and EXPLAIN shows which went where.
 */
class JetlinerFilterPushDownITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final Schema SCHEMA =
            new Schema.Parser()
                    .parse(
                            """
            {"type": "record", "name": "Reading", "fields": [
              {"name": "id", "type": "long"},
              {"name": "n", "type": ["null", "int"]},
              {"name": "big", "type": "long"},
              {"name": "f", "type": "float"},
              {"name": "d", "type": ["null", "double"]},
              {"name": "flag", "type": ["null", "boolean"]},
              {"name": "s", "type": ["null", "string"]},
              {"name": "e", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN", "BLUE"]}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "placed", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "local", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
              {"name": "wide", "type": ["null", {"type": "fixed", "name": "Wide", "size": 12,
                  "logicalType": "decimal", "precision": 25, "scale": 3}]},
              {"name": "tags", "type": {"type": "array", "items": "string"}}]}
            """);

    private static final String COLUMNS =
            """
            id BIGINT NOT NULL,
            n INT,
            big BIGINT NOT NULL,
            f FLOAT NOT NULL,
            d DOUBLE,
            flag BOOLEAN,
            s STRING,
            e STRING NOT NULL,
            `day` DATE NOT NULL,
            placed TIMESTAMP_LTZ(3) NOT NULL,
            `local` TIMESTAMP(6) NOT NULL,
            price DECIMAL(9, 2) NOT NULL,
            wide DECIMAL(25, 3),
            tags ARRAY<STRING NOT NULL> NOT NULL
            """;

    private static final String[] STRINGS = {
        "a", "ab", "b", "é", "\uFFFD", "\uD83D\uDE00", "M", "zz", "", "it's"
    };

    private static final int ROWS_PER_FILE = 150;

    /** A scan's pushed filters in a plan, when there are some. */
    private static final Pattern SCAN_FILTER =
            Pattern.compile("TableSourceScan\\(.*filter=\\[[^\\]]");

    /** 2023-11-14T22:13:20Z. */
    private static final long PLACED_BASE = 1_700_000_000_000L;

    @TempDir Path dir;

    private final TableEnvironment batch =
            TableEnvironment.create(EnvironmentSettings.inBatchMode());

    @BeforeEach
    void createTables() throws IOException {
        Files.createDirectories(dir.resolve("readings"));
        Path files = dir.resolve("readings");
        write(files.resolve("first.avro"), 0, CodecFactory.snappyCodec());
        write(files.resolve("second.avro"), ROWS_PER_FILE, CodecFactory.nullCodec());
        batch.executeSql(
                "CREATE TABLE readings ("
                        + COLUMNS
                        + ") WITH ('connector' = 'jetliner', 'path' = '"
                        + files.toUri()
                        + "', 'batch-size' = '7')");
        // No filter passes a LIMIT: over this view, Flink evaluates every filter itself.
        batch.executeSql("CREATE VIEW unpushed AS SELECT * FROM readings LIMIT 1000000");
        assertThat(batch.explainSql("SELECT * FROM unpushed WHERE n > 0"))
                .doesNotContain("filter=[");
    }

    @Test
    void comparesIntegersWithEveryOperatorInEitherOrder() {
        assertPushed(
                Pushed.WHOLLY,
                "n = 7",
                "n <> 7",
                "n < 7",
                "n <= 7",
                "n > 7",
                "n >= 7",
                "7 < n",
                "-3 >= n",
                "big > 100000000000",
                "big BETWEEN 5000000035 AND 90000000630",
                "n > 2.5",
                "big = 7000000049");
    }

    @Test
    void comparesFloatingPointNumbersAsFlinkDoesNaNIncluded() {
        assertPushed(
                Pushed.WHOLLY,
                "d > 0",
                "d <= 1.5e0",
                "d <> 0",
                "NOT (d > 0)",
                "d = -0.0e0",
                "f < CAST(0.5 AS FLOAT)",
                "f >= 1e0",
                "f <> 0.25e0");
    }

    @Test
    void comparesStringsAndEnumSymbolsByCodePoint() {
        assertPushed(
                Pushed.WHOLLY,
                "s = 'ab'",
                "s > 'b'",
                "s >= '\uFFFD'",
                "s < 'M'",
                "s = 'it''s'",
                "s = ''",
                "s <> 'a'",
                "e = 'GREEN'",
                "e < 'GREEN'",
                "e IN ('RED', 'BLUE')");
    }

    @Test
    void comparesBooleansDatesTimestampsAndDecimals() {
        assertPushed(
                Pushed.WHOLLY,
                "flag",
                "NOT flag",
                "flag = false",
                "flag IS TRUE",
                "flag IS NOT TRUE",
                "flag IS FALSE",
                "flag IS NOT FALSE",
                "`day` >= DATE '2022-01-20'",
                "`day` = DATE '2022-01-25'",
                "`local` < TIMESTAMP '2023-11-14 22:13:20.001'",
                "`local` >= TIMESTAMP '2023-11-14 22:13:20.000350'",
                "price > 2.5",
                "price <= -3",
                "price = -6.3",
                "placed > TO_TIMESTAMP_LTZ(1700000100000, 3)",
                "wide > 100.5",
                "wide < 0");
    }

    @Test
    void evaluatesInAndNullTestsAndTheirNegations() {
        assertPushed(
                Pushed.WHOLLY,
                "n IN (1, 7, 12, -50)",
                "n NOT IN (1, 7, 12, -50)",
                "s IN ('a', 'zz', '\uD83D\uDE00')",
                "s NOT IN ('a', 'b')",
                "n IS NULL",
                "n IS NOT NULL",
                "d IS NULL",
                "wide IS NOT NULL");
    }

    @Test
    void combinesConditionsWithAndOrNotOverUnknown() {
        assertPushed(
                Pushed.WHOLLY,
                "n > 5 OR s IS NULL",
                "NOT (n > 5 OR d < 0)",
                "(n > 5 AND s = 'a') OR e = 'BLUE'",
                "NOT (n > 5 AND flag)",
                "n > 0 AND d > 0 AND s > 'a'",
                "NOT (NOT (n < 0) OR flag IS NULL)");
    }

    @Test
    void filtersOnColumnsTheQueryDoesNotSelect() {
        String sql = "SELECT id, price FROM readings WHERE d > 1 AND e = 'RED'";

        assertThat(batch.explainSql(sql)).contains("filter=[").doesNotContain("where=[");
        List<Row> rows = query(sql);
        assertThat(rows)
                .containsExactlyInAnyOrderElementsOf(
                        query("SELECT id, price FROM unpushed WHERE d > 1 AND e = 'RED'"))
                .isNotEmpty();
    }

    @Test
    void leavesToFlinkWhatTheDecoderCannotEvaluate() {
        assertPushed(
                Pushed.NOT_AT_ALL,
                "UPPER(s) = 'AB'",
                "s LIKE 'a%'",
                "n + 1 > 5",
                "n > id",
                "tags[1] = 't1'");
        assertPushed(Pushed.PARTLY, "n > 5 AND UPPER(s) = 'AB'");
        assertPushed(Pushed.NOT_AT_ALL, "n > 5 OR UPPER(s) = 'AB'");
    }

    @Test
    void pushesNoFilterOnPartitionOrMetadataColumnsButTheRestBesidePartitionPruning()
            throws IOException {
        Path partitioned = Files.createDirectories(dir.resolve("partitioned"));
        Files.createDirectories(partitioned.resolve("region=eu"));
        Files.createDirectories(partitioned.resolve("region=us"));
        write(partitioned.resolve("region=eu/a.avro"), 0, CodecFactory.deflateCodec(1));
        write(partitioned.resolve("region=us/b.avro"), ROWS_PER_FILE, CodecFactory.nullCodec());
        batch.executeSql(
                "CREATE TABLE regional (id BIGINT, n INT, d DOUBLE, region STRING,"
                        + " block BIGINT NOT NULL METADATA FROM 'block.offset' VIRTUAL)"
                        + " PARTITIONED BY (region) WITH ('connector' = 'jetliner', 'path' = '"
                        + partitioned.toUri()
                        + "')");
        batch.executeSql("CREATE VIEW regional_unpushed AS SELECT * FROM regional LIMIT 1000000");
        String where = " WHERE region = 'eu' AND n > 5 AND block > 0 AND (n > 40 OR block > 2000)";

        String plan = batch.explainSql("SELECT id, region FROM regional" + where);

        assertThat(plan)
                .contains("partitions=[{region=eu}]")
                .contains("filter=[>(n, 5)]")
                .contains("where=[AND(>(block, 0), OR(>(n, 40), >(block, 2000)))]");
        List<Row> rows = query("SELECT id, region FROM regional" + where);
        assertThat(rows)
                .containsExactlyInAnyOrderElementsOf(
                        query("SELECT id, region FROM regional_unpushed" + where))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.getField(1)).isEqualTo("eu"));
    }

    @Test
    void showsThePushedFilterInTheScanOfThePlan() {
        String plan = batch.explainSql("SELECT id FROM readings WHERE n > 5 AND s IS NOT NULL");

        assertThat(plan)
                .containsPattern("TableSourceScan\\(table=\\[\\[.*readings, .*filter=\\[")
                .contains("IS NOT NULL(s)");
    }

    @Test
    void checksPushedFiltersAgainstAPlainJavaFilterToo() {
        List<Row> all = query("SELECT id, n, d, s FROM readings");
        assertThat(query("SELECT id, n, d, s FROM readings WHERE NOT (n > 5) OR d <> 0"))
                .containsExactlyInAnyOrderElementsOf(
                        all.stream()
                                .filter(
                                        row -> {
                                            Integer n = (Integer) row.getField(1);
                                            Double d = (Double) row.getField(2);
                                            return (n != null && !(n > 5)) || (d != null && d != 0);
                                        })
                                .collect(Collectors.toList()));
        assertThat(query("SELECT id, n, d, s FROM readings WHERE s > '\uFFFD'"))
                .extracting(row -> row.getField(3))
                .containsOnly("\uD83D\uDE00")
                .isNotEmpty();
    }

    private enum Pushed {
        WHOLLY,
        PARTLY,
        NOT_AT_ALL
    }

    /**
     * Checks where EXPLAIN evaluates each condition, and that the query returns the rows Flink
     * returns when it evaluates the condition itself. The queries run as one job each way.
     */
    private void assertPushed(Pushed pushed, String... conditions) {
        for (String where : conditions) {
            String plan = batch.explainSql("SELECT * FROM readings WHERE " + where);
            boolean inScan = SCAN_FILTER.matcher(plan).find();
            boolean inCalc = plan.contains("where=[");
            assertThat(inScan)
                    .as("%s pushed into the scan in%n%s", where, plan)
                    .isEqualTo(pushed != Pushed.NOT_AT_ALL);
            assertThat(inCalc)
                    .as("%s left to Flink in%n%s", where, plan)
                    .isEqualTo(pushed != Pushed.WHOLLY);
        }
        Map<Integer, List<Row>> actual = queryEach("readings", conditions);
        Map<Integer, List<Row>> expected = queryEach("unpushed", conditions);
        for (int i = 0; i < conditions.length; i++) {
            List<Row> rows = expected.getOrDefault(i, List.of());
            assertThat(actual.getOrDefault(i, List.of()))
                    .as(conditions[i])
                    .containsExactlyInAnyOrderElementsOf(rows);
            assertThat(rows.size())
                    .as("rows of %s, for a test that proves something", conditions[i])
                    .isBetween(1, 2 * ROWS_PER_FILE - 1);
        }
    }

    /** The rows of {@code table} for each condition, by the condition's index, in one query. */
    private Map<Integer, List<Row>> queryEach(String table, String... conditions) {
        String sql =
                IntStream.range(0, conditions.length)
                        .mapToObj(
                                i ->
                                        "SELECT "
                                                + i
                                                + " AS q, * FROM "
                                                + table
                                                + " WHERE "
                                                + conditions[i])
                        .collect(Collectors.joining(" UNION ALL "));
        Map<Integer, List<Row>> rows = new HashMap<>();
        for (Row row : query(sql)) {
            Object[] fields = new Object[row.getArity() - 1];
            for (int f = 0; f < fields.length; f++) {
                fields[f] = row.getField(f + 1);
            }
            rows.computeIfAbsent((Integer) row.getField(0), q -> new ArrayList<>())
                    .add(Row.of(fields));
        }
        return rows;
    }

    private List<Row> query(String sql) {
        return CollectionUtil.iteratorToList(batch.executeSql(sql).collect());
    }

    private void write(Path file, long firstId, CodecFactory codec) {
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA))) {
            writer.setCodec(codec);
            writer.setSyncInterval(512);
            writer.create(SCHEMA, file.toFile());
            for (long id = firstId; id < firstId + ROWS_PER_FILE; id++) {
                writer.append(reading(id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reading with this id: nulls, NaNs, signed zeros and non-ASCII text among its values. */
    private static GenericRecord reading(long id) {
        Conversions.DecimalConversion decimals = new Conversions.DecimalConversion();
        GenericRecord reading = new GenericData.Record(SCHEMA);
        reading.put("id", id);
        reading.put("n", id % 7 == 0 ? null : (int) (id * 37 % 101) - 50);
        reading.put("big", id * 1_000_000_007L);
        reading.put("f", id % 13 == 0 ? Float.NaN : (id % 11) / 4f - 1);
        reading.put(
                "d",
                id % 9 == 0
                        ? null
                        : id % 10 == 0
                                ? Double.NaN
                                : id % 17 == 0 ? -0.0 : (id % 23) / 3.0 - 3 + 0.0);
        reading.put("flag", id % 5 == 0 ? null : id % 2 == 0);
        reading.put("s", id % 6 == 0 ? null : STRINGS[(int) (id % STRINGS.length)]);
        Schema colors = SCHEMA.getField("e").schema();
        reading.put(
                "e",
                new GenericData.EnumSymbol(colors, colors.getEnumSymbols().get((int) (id % 3))));
        reading.put("day", (int) (19_000 + id % 30));
        reading.put("placed", PLACED_BASE + id * 1000 + id % 3);
        reading.put("local", PLACED_BASE * 1000 + id * 7);
        Schema price = SCHEMA.getField("price").schema();
        reading.put(
                "price",
                decimals.toBytes(
                        BigDecimal.valueOf(id * 37 % 2000 - 1000, 2),
                        price,
                        price.getLogicalType()));
        Schema wide = SCHEMA.getField("wide").schema().getTypes().get(1);
        reading.put(
                "wide",
                id % 4 == 0
                        ? null
                        : decimals.toFixed(
                                BigDecimal.valueOf((id - 150) * 123_456_789_012L, 3),
                                wide,
                                LogicalTypes.decimal(25, 3)));
        reading.put("tags", List.of("t" + id % 3, "u"));
        return reading;
    }
}
