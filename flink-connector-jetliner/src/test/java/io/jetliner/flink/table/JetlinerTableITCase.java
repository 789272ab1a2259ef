package io.jetliner.flink.table;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.CollectionUtil;

import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQL over Avro files with {@code 'connector' = 'jetliner'}, on a MiniCluster. */
class JetlinerTableITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final Map<String, CodecFactory> CODECS =
            Map.of(
                    "null", CodecFactory.nullCodec(),
                    "deflate", CodecFactory.deflateCodec(6),
                    "snappy", CodecFactory.snappyCodec(),
                    "zstandard", CodecFactory.zstandardCodec(3),
                    "bzip2", CodecFactory.bzip2Codec(),
                    "xz", CodecFactory.xzCodec(1));

    private static final int ORDERS_PER_FILE = 40;

    @TempDir Path dir;

    private final TableEnvironment batch =
            TableEnvironment.create(EnvironmentSettings.inBatchMode());

    @Test
    void readsEveryColumnOfFilesOfEveryCodec() {
        int files = writeOneFilePerCodec();
        createOrders(OrderFiles.COLUMNS, "");

        assertThat(query("SELECT * FROM orders"))
                .containsExactlyInAnyOrderElementsOf(expectedRows(files * ORDERS_PER_FILE));
    }

    @Test
    void readsTheSameRowsWithTinySplitsAndBatches() {
        int files = writeOneFilePerCodec();
        createOrders(
                OrderFiles.COLUMNS,
                ", 'split-size' = '1kb', 'batch-size' = '3', 'buffer-blocks' = '1',"
                        + " 'buffer-bytes' = '1b', 'max-block-size' = '1mb'");

        assertThat(query("SELECT * FROM orders"))
                .containsExactlyInAnyOrderElementsOf(expectedRows(files * ORDERS_PER_FILE));
    }

    @Test
    void readsFewerColumnsThanTheFilesHaveInAnyOrder() {
        OrderFiles.write(dir, "orders.avro", 0, ORDERS_PER_FILE, CodecFactory.snappyCodec());
        createOrders("status STRING, id BIGINT", "");

        assertThat(query("SELECT * FROM orders"))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.range(0, ORDERS_PER_FILE)
                                .mapToObj(id -> Row.of(id % 2 == 0 ? "NEW" : "SHIPPED", id))
                                .collect(Collectors.toList()));
    }

    @Test
    void readsNestedFieldsThatAQuerySelectsAsColumnsOfTheirOwn() {
        OrderFiles.write(dir, "orders.avro", 0, 6, CodecFactory.deflateCodec(1));
        createOrders(OrderFiles.COLUMNS, "");
        String sql = "SELECT address.geo.lon, id, address.city FROM orders";

        assertThat(batch.explainSql(sql)).contains("project=[address_geo_lon, address_city, id]");
        assertThat(query(sql))
                .containsExactlyInAnyOrder(
                        Row.of(null, 0L, "city-0"),
                        Row.of(-0.1, 1L, "city-1"),
                        Row.of(-0.2, 2L, "city-2"),
                        Row.of(-0.3, 3L, "city-3"),
                        Row.of(null, 4L, "city-4"),
                        Row.of(-0.5, 5L, "city-5"));
    }

    @Test
    void readsNestedFieldsThatAFilterOrAnAggregateUses() {
        OrderFiles.write(dir, "orders.avro", 0, ORDERS_PER_FILE, CodecFactory.deflateCodec(1));
        createOrders(OrderFiles.COLUMNS, "");

        assertThat(query("SELECT id, address.geo.lat FROM orders WHERE address.zip < 10003"))
                .containsExactlyInAnyOrder(Row.of(0L, null), Row.of(1L, 0.1), Row.of(2L, 0.2));
        assertThat(query("SELECT SUM(address.zip) FROM orders"))
                .containsExactly(
                        Row.of(
                                (int)
                                        LongStream.range(0, ORDERS_PER_FILE)
                                                .map(id -> 10_000 + id)
                                                .sum()));
    }

    @Test
    void readsTimestampsAsTimestampWithTheLegacyMapping() {
        OrderFiles.write(dir, "orders.avro", 0, ORDERS_PER_FILE, CodecFactory.nullCodec());
        createOrders(
                "id BIGINT, placed TIMESTAMP(3), `local` TIMESTAMP(6)",
                ", 'timestamp-mapping.legacy' = 'true'");

        assertThat(query("SELECT id, placed, `local` FROM orders"))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.range(0, ORDERS_PER_FILE)
                                .mapToObj(
                                        id ->
                                                Row.of(
                                                        id,
                                                        OrderFiles.placedUtc(id),
                                                        OrderFiles.expectedRow(id).getField(5)))
                                .collect(Collectors.toList()));
    }

    @Test
    void rejectsATimestampColumnForATimestampFieldWithoutTheLegacyMapping() {
        OrderFiles.write(dir, "orders.avro", 0, 1, CodecFactory.nullCodec());
        createOrders("placed TIMESTAMP(3)", "");

        assertThatThrownBy(() -> query("SELECT * FROM orders"))
                .hasRootCauseInstanceOf(ValidationException.class)
                .rootCause()
                .hasMessageContaining("'placed'")
                .hasMessageContaining("TIMESTAMP_LTZ(3) NOT NULL")
                .hasMessageContaining("TIMESTAMP(3)")
                .hasMessageContaining("'timestamp-mapping.legacy' = 'true'");
    }

    @Test
    void rejectsAColumnTheFilesDoNotHave() {
        OrderFiles.write(dir, "orders.avro", 0, 1, CodecFactory.nullCodec());
        createOrders("id BIGINT, discount DOUBLE", "");

        assertThatThrownBy(() -> query("SELECT * FROM orders"))
                .hasRootCauseInstanceOf(ValidationException.class)
                .rootCause()
                .hasMessageContaining("Column 'discount' DOUBLE has no Avro field")
                .hasMessageContaining("[id, customer, amount");
    }

    @Test
    void rejectsAColumnThatCannotHoldItsFieldNamingBothTypes() {
        OrderFiles.write(dir, "orders.avro", 0, 1, CodecFactory.nullCodec());
        createOrders("id INT", "");

        assertThatThrownBy(() -> query("SELECT * FROM orders"))
                .hasRootCauseInstanceOf(ValidationException.class)
                .rootCause()
                .hasMessageContaining("Column 'id' INT cannot hold the Avro field 'id'")
                .hasMessageContaining("BIGINT NOT NULL");
    }

    @Test
    void rejectsANestedFieldOfAnotherTypeNamingItsPath() {
        OrderFiles.write(dir, "orders.avro", 0, 1, CodecFactory.nullCodec());
        createOrders("address ROW<geo ROW<lat FLOAT>>", "");

        assertThatThrownBy(() -> query("SELECT * FROM orders"))
                .hasRootCauseInstanceOf(ValidationException.class)
                .rootCause()
                .hasMessageContaining("Column 'address'")
                .hasMessageContaining(
                        "'address.geo.lat' is DOUBLE NOT NULL in the files but declared FLOAT");
    }

    @Test
    void rejectsANotNullColumnForAFieldThatMayBeNull() {
        OrderFiles.write(dir, "orders.avro", 0, 1, CodecFactory.nullCodec());
        createOrders("note STRING NOT NULL", "");

        assertThatThrownBy(() -> query("SELECT * FROM orders"))
                .hasRootCauseInstanceOf(ValidationException.class)
                .rootCause()
                .hasMessageContaining("'note' may be null in the files but is declared NOT NULL");
    }

    @Test
    void rejectsAnUnknownOption() {
        OrderFiles.write(dir, "orders.avro", 0, 1, CodecFactory.nullCodec());
        createOrders("id BIGINT", ", 'batch.size' = '10'");

        assertThatThrownBy(() -> query("SELECT * FROM orders"))
                .hasRootCauseInstanceOf(ValidationException.class)
                .rootCause()
                .hasMessageContaining("Unsupported options")
                .hasMessageContaining("batch.size");
    }

    @Test
    void rejectsAMalformedOrOutOfRangeValueNamingTheOption() {
        OrderFiles.write(dir, "orders.avro", 0, 1, CodecFactory.nullCodec());
        for (String option :
                List.of(
                        "'batch-size' = 'many'",
                        "'batch-size' = '0'",
                        "'split-size' = '512b'",
                        "'split-size' = 'big'",
                        "'buffer-blocks' = '0'",
                        "'buffer-bytes' = '0b'",
                        "'max-block-size' = '2gb'",
                        "'source.monitor-interval' = 'soon'",
                        "'timestamp-mapping.legacy' = 'maybe'")) {
            batch.executeSql("DROP TABLE IF EXISTS orders");
            createOrders("id BIGINT", ", " + option);
            String key = option.substring(1, option.indexOf('\'', 1));

            assertThatThrownBy(() -> query("SELECT * FROM orders"))
                    .as(option)
                    .hasStackTraceContaining("'" + key + "'")
                    .satisfies(
                            e ->
                                    assertThat(causes(e))
                                            .anyMatch(c -> c instanceof ValidationException));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void readsFilesAddedWhileAMonitoredTableIsRead() throws Exception {
        OrderFiles.write(dir, "first.avro", 0, ORDERS_PER_FILE, CodecFactory.snappyCodec());
        TableEnvironment streaming = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        streaming.executeSql(
                "CREATE TABLE orders (id BIGINT) WITH ('connector' = 'jetliner', 'path' = '"
                        + dir.toUri()
                        + "', 'source.monitor-interval' = '100ms')");

        try (CloseableIterator<Row> rows =
                streaming.executeSql("SELECT id FROM orders").collect()) {
            assertThat(take(rows, ORDERS_PER_FILE))
                    .containsExactlyInAnyOrderElementsOf(ids(0, ORDERS_PER_FILE));
            OrderFiles.write(
                    dir, "second.avro", ORDERS_PER_FILE, ORDERS_PER_FILE, CodecFactory.nullCodec());
            assertThat(take(rows, ORDERS_PER_FILE))
                    .containsExactlyInAnyOrderElementsOf(ids(ORDERS_PER_FILE, ORDERS_PER_FILE));
        }
    }

    private int writeOneFilePerCodec() {
        int file = 0;
        for (Map.Entry<String, CodecFactory> codec : CODECS.entrySet()) {
            OrderFiles.write(
                    dir,
                    codec.getKey() + ".avro",
                    (long) file * ORDERS_PER_FILE,
                    ORDERS_PER_FILE,
                    codec.getValue());
            file++;
        }
        return file;
    }

    private void createOrders(String columns, String moreOptions) {
        batch.executeSql(
                "CREATE TABLE orders ("
                        + columns
                        + ") WITH ('connector' = 'jetliner', 'path' = '"
                        + dir.toUri()
                        + "'"
                        + moreOptions
                        + ")");
    }

    private List<Row> query(String sql) {
        return CollectionUtil.iteratorToList(batch.executeSql(sql).collect());
    }

    private static List<Row> expectedRows(int count) {
        return LongStream.range(0, count)
                .mapToObj(OrderFiles::expectedRow)
                .collect(Collectors.toList());
    }

    private static List<Row> ids(long first, int count) {
        return LongStream.range(first, first + count)
                .mapToObj(id -> Row.of(id))
                .collect(Collectors.toList());
    }

    private static List<Row> take(CloseableIterator<Row> rows, int count) {
        List<Row> taken = new ArrayList<>();
        while (taken.size() < count && rows.hasNext()) {
            taken.add(rows.next());
        }
        return taken;
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable c = e; c != null; c = c.getCause()) {
            causes.add(c);
        }
        return causes;
    }
}
