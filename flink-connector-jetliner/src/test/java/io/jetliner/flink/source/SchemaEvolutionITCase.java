package io.jetliner.flink.source;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.testutil.AvroFiles;
import io.jetliner.flink.testutil.MiniClusters;
import io.jetliner.flink.testutil.PlainValues;
import io.jetliner.flink.testutil.ReferenceOracle;
import io.jetliner.flink.testutil.RowComparison;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;
import org.apache.flink.util.ExceptionUtils;

import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A directory of files written over five versions of one schema, read into one table: in SQL (with
 * the reader schema from an option, or from the newest file) and with the DataStream source, whose
 * rows must be what Avro Java's own resolution makes of each file's records. A file that cannot be
 * resolved fails the job before any row is read, naming the file and the field.
 *
 * <p>The versions: v1 {@code id int, name string}; v2 adds {@code email} (nullable, default null);
 * v3 widens {@code id} to long and adds {@code tags} (default empty); v4 renames {@code name} to
 * {@code full_name} (the old name an alias), adds {@code status} (enum, default ACTIVE) and drops
 * {@code email}; v5 adds a symbol to {@code status}, an {@code address} record (with a default) and
 * a {@code since} date, and widens {@code score} (added in v2 as float) to double.
 */
class SchemaEvolutionITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    private static final Schema V1 =
            schema(
                    "{'type': 'record', 'name': 'User', 'namespace': 'app', 'fields': ["
                            + "{'name': 'id', 'type': 'int'},"
                            + "{'name': 'name', 'type': 'string'}]}");

    private static final Schema V2 =
            schema(
                    "{'type': 'record', 'name': 'User', 'namespace': 'app', 'fields': ["
                            + "{'name': 'id', 'type': 'int'},"
                            + "{'name': 'name', 'type': 'string'},"
                            + "{'name': 'email', 'type': ['null', 'string'], 'default': null},"
                            + "{'name': 'score', 'type': 'float', 'default': 0}]}");

    private static final Schema V3 =
            schema(
                    "{'type': 'record', 'name': 'User', 'namespace': 'app', 'fields': ["
                            + "{'name': 'id', 'type': 'long'},"
                            + "{'name': 'name', 'type': 'string'},"
                            + "{'name': 'email', 'type': ['null', 'string'], 'default': null},"
                            + "{'name': 'score', 'type': 'float', 'default': 0},"
                            + "{'name': 'tags', 'type': {'type': 'array', 'items': 'string'},"
                            + " 'default': []}]}");

    private static final Schema V4 =
            schema(
                    "{'type': 'record', 'name': 'User', 'namespace': 'app', 'fields': ["
                            + "{'name': 'id', 'type': 'long'},"
                            + "{'name': 'full_name', 'type': 'string', 'aliases': ['name']},"
                            + "{'name': 'tags', 'type': {'type': 'array', 'items': 'string'},"
                            + " 'default': []},"
                            + "{'name': 'score', 'type': 'float', 'default': 0},"
                            + "{'name': 'status', 'type': {'type': 'enum', 'name': 'Status',"
                            + " 'symbols': ['ACTIVE', 'INACTIVE'], 'default': 'ACTIVE'},"
                            + " 'default': 'ACTIVE'}]}");

    private static final Schema V5 =
            schema(
                    "{'type': 'record', 'name': 'User', 'namespace': 'app', 'fields': ["
                            + "{'name': 'id', 'type': 'long'},"
                            + "{'name': 'full_name', 'type': 'string', 'aliases': ['name']},"
                            + "{'name': 'tags', 'type': {'type': 'array', 'items': 'string'},"
                            + " 'default': []},"
                            + "{'name': 'score', 'type': 'double', 'default': 0},"
                            + "{'name': 'status', 'type': {'type': 'enum', 'name': 'Status',"
                            + " 'symbols': ['ACTIVE', 'INACTIVE', 'SUSPENDED'], 'default':"
                            + " 'ACTIVE'}, 'default': 'ACTIVE'},"
                            + "{'name': 'address', 'type': {'type': 'record', 'name': 'Address',"
                            + " 'fields': [{'name': 'city', 'type': 'string'}, {'name': 'zip',"
                            + " 'type': ['null', 'string'], 'default': null}]}, 'default':"
                            + " {'city': 'unknown'}},"
                            + "{'name': 'since', 'type': ['null', {'type': 'int', 'logicalType':"
                            + " 'date'}], 'default': null}]}");

    private static final List<Schema> VERSIONS = List.of(V1, V2, V3, V4, V5);

    @TempDir java.nio.file.Path dir;

    /** The files, oldest first: one per version, written in turn and modified a minute apart. */
    private final List<byte[]> files = new ArrayList<>();

    @BeforeEach
    void writeOneFilePerVersion() throws IOException {
        long now = System.currentTimeMillis();
        for (int v = 0; v < VERSIONS.size(); v++) {
            byte[] file = AvroFiles.write(VERSIONS.get(v), records(v), codec(v), 200, Map.of());
            java.nio.file.Path path = dir.resolve("users-v" + (v + 1) + ".avro");
            Files.write(path, file);
            path.toFile().setLastModified(now - (VERSIONS.size() - v) * 60_000L);
            files.add(file);
        }
    }

    @Test
    void readsEveryVersionInSqlWithTheReaderSchemaOfAnOption() throws IOException {
        // beside the data: names starting with '_' are not read as data files
        java.nio.file.Path schemaFile = dir.resolve("_user-v5.avsc");
        Files.writeString(schemaFile, V5.toString(), StandardCharsets.UTF_8);
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        sql.executeSql(
                "CREATE TABLE users (id BIGINT NOT NULL, full_name STRING NOT NULL, tags"
                        + " ARRAY<STRING NOT NULL> NOT NULL, score DOUBLE NOT NULL, status STRING"
                        + " NOT NULL, address ROW<city STRING NOT NULL, zip STRING> NOT NULL,"
                        + " since DATE) WITH ('connector' = 'jetliner', 'path' = '"
                        + dir.toUri()
                        + "', 'avro.reader-schema.path' = '"
                        + schemaFile.toUri()
                        + "')");

        List<Row> rows =
                CollectionUtil.iteratorToList(
                        sql.executeSql(
                                        "SELECT id, full_name, CARDINALITY(tags), score, status,"
                                                + " address.city, address.zip, since FROM users")
                                .collect());

        assertThat(rows)
                .containsExactlyInAnyOrder(
                        Row.of(10L, "v1 user 0", 0, 0.0, "ACTIVE", "unknown", null, null),
                        Row.of(11L, "v1 user 1", 0, 0.0, "ACTIVE", "unknown", null, null),
                        Row.of(20L, "v2 user 0", 0, 0.5, "ACTIVE", "unknown", null, null),
                        Row.of(21L, "v2 user 1", 0, 1.5, "ACTIVE", "unknown", null, null),
                        Row.of(30L, "v3 user 0", 1, 0.5, "ACTIVE", "unknown", null, null),
                        Row.of(31L, "v3 user 1", 2, 1.5, "ACTIVE", "unknown", null, null),
                        Row.of(40L, "v4 user 0", 1, 0.5, "ACTIVE", "unknown", null, null),
                        Row.of(41L, "v4 user 1", 2, 1.5, "INACTIVE", "unknown", null, null),
                        Row.of(
                                50L,
                                "v5 user 0",
                                1,
                                0.25,
                                "SUSPENDED",
                                "Lyon",
                                null,
                                LocalDate.ofEpochDay(50)),
                        Row.of(51L, "v5 user 1", 2, 1.25, "INACTIVE", "Oslo", "0150", null));
    }

    @Test
    void readsEveryVersionInSqlAsTheNewestFilesSchemaWithoutAnOption() {
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        sql.executeSql(
                "CREATE TABLE users (id BIGINT, full_name STRING, status STRING) WITH"
                        + " ('connector' = 'jetliner', 'path' = '"
                        + dir.toUri()
                        + "')");

        List<Row> rows =
                CollectionUtil.iteratorToList(
                        sql.executeSql("SELECT id, full_name, status FROM users WHERE id < 30")
                                .collect());

        assertThat(rows)
                .containsExactlyInAnyOrder(
                        Row.of(10L, "v1 user 0", "ACTIVE"),
                        Row.of(11L, "v1 user 1", "ACTIVE"),
                        Row.of(20L, "v2 user 0", "ACTIVE"),
                        Row.of(21L, "v2 user 1", "ACTIVE"));
    }

    @Test
    void readsEveryVersionWithTheDataStreamSourceAsAvroJavaResolvesIt() throws Exception {
        JetlinerSource<RowData> source =
                JetlinerSource.forRowData(Path.fromLocalFile(dir.toFile()))
                        .readerSchema(V5)
                        .splitSize(1024)
                        .batchSize(3)
                        .build();

        List<PlainValues.Row> rows = new ArrayList<>();
        RowType rowType = ReferenceOracle.rowType(V5);
        for (RowData row : collect(source)) {
            rows.add(PlainValues.of(row, rowType));
        }

        List<PlainValues.Row> expected = new ArrayList<>();
        for (byte[] file : files) {
            for (GenericRecord record : avroJavaReads(file, V5)) {
                expected.add(PlainValues.of(ReferenceOracle.row(record, V5), rowType));
            }
        }
        Comparator<PlainValues.Row> byId = Comparator.comparing(r -> (Long) r.values().get(0));
        rows.sort(byId);
        expected.sort(byId);
        assertThat(rows).hasSameSizeAs(expected);
        RowComparison comparison = new RowComparison(RowComparison.FloatZero.EXACT);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(comparison.difference(expected.get(i), rows.get(i)))
                    .as("row %d", i)
                    .isNull();
        }
    }

    @Test
    void failsTheJobBeforeAnyRowWhenAFileCannotBeResolved() throws Exception {
        Schema incompatible =
                schema(
                        "{'type': 'record', 'name': 'User', 'namespace': 'app', 'fields': ["
                                + "{'name': 'id', 'type': 'string'},"
                                + "{'name': 'full_name', 'type': 'string'}]}");
        GenericRecord record = new GenericData.Record(incompatible);
        record.put("id", "not a number");
        record.put("full_name", "Ada");
        Files.write(
                dir.resolve("users-bad.avro"),
                AvroFiles.write(
                        incompatible, List.of(record), CodecFactory.nullCodec(), 200, Map.of()));
        JetlinerSource<RowData> source =
                JetlinerSource.forRowData(Path.fromLocalFile(dir.toFile()))
                        .readerSchema(V5)
                        .build();

        Throwable failure = catchThrowable(() -> collect(source));

        Optional<JetlinerException> cause =
                ExceptionUtils.findThrowable(failure, JetlinerException.class);
        assertThat(cause).as("%s", failure).isPresent();
        assertThat(cause.get().kind()).isEqualTo(JetlinerException.Kind.INCOMPATIBLE_SCHEMA);
        assertThat(cause.get().getMessage())
                .contains("users-bad.avro", "'id'", "\"string\"", "\"long\"");
    }

    /** The rows of a job reading the source, copied out of the reader's batches. */
    private static List<RowData> collect(JetlinerSource<RowData> source) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return CollectionUtil.iteratorToList(
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "users")
                        .executeAndCollect());
    }

    private static List<GenericRecord> avroJavaReads(byte[] file, Schema reader)
            throws IOException {
        List<GenericRecord> records = new ArrayList<>();
        try (DataFileReader<GenericRecord> in =
                new DataFileReader<>(
                        new SeekableByteArrayInput(file),
                        new GenericDatumReader<>(null, reader, new GenericData()))) {
            in.forEach(records::add);
        }
        return records;
    }

    /** Two records of version {@code v} (0-based), ids {@code 10 (v + 1)} and one more. */
    private static List<Object> records(int v) {
        Schema schema = VERSIONS.get(v);
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            GenericRecord record = new GenericData.Record(schema);
            long id = 10L * (v + 1) + i;
            record.put(
                    "id",
                    schema.getField("id").schema().getType() == Schema.Type.INT ? (int) id : id);
            record.put(
                    schema.getField("name") != null ? "name" : "full_name",
                    "v" + (v + 1) + " user " + i);
            if (schema.getField("email") != null) {
                record.put("email", i == 0 ? null : "u" + id + "@example.com");
            }
            if (schema.getField("score") != null) {
                double score = i + (v == 4 ? 0.25 : 0.5);
                record.put(
                        "score",
                        schema.getField("score").schema().getType() == Schema.Type.FLOAT
                                ? (Object) (float) score
                                : (Object) score);
            }
            if (schema.getField("tags") != null) {
                List<String> tags = new ArrayList<>();
                for (int t = 0; t <= i; t++) {
                    tags.add("tag" + t);
                }
                record.put("tags", tags);
            }
            if (schema.getField("status") != null) {
                Schema status = schema.getField("status").schema();
                String symbol = v == 4 && i == 0 ? "SUSPENDED" : i == 0 ? "ACTIVE" : "INACTIVE";
                record.put("status", new GenericData.EnumSymbol(status, symbol));
            }
            if (schema.getField("address") != null) {
                GenericRecord address = new GenericData.Record(schema.getField("address").schema());
                address.put("city", i == 0 ? "Lyon" : "Oslo");
                address.put("zip", i == 0 ? null : "0150");
                record.put("address", address);
                record.put("since", i == 0 ? (Object) 50 : null);
            }
            records.add(record);
        }
        return records;
    }

    private static CodecFactory codec(int v) {
        return List.of(
                        CodecFactory.nullCodec(),
                        CodecFactory.deflateCodec(6),
                        CodecFactory.snappyCodec(),
                        CodecFactory.zstandardCodec(3),
                        CodecFactory.deflateCodec(1))
                .get(v);
    }

    private static Schema schema(String json) {
        return new Schema.Parser().parse(json.replace('\'', '"'));
    }
}
