package io.jetliner.flink.table.catalog;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.CatalogDescriptor;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code CREATE CATALOG ... WITH ('type' = 'jetliner')} in SQL, on a MiniCluster. */
class JetlinerCatalogITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @TempDir Path root;

    private final TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inBatchMode());

    @BeforeEach
    void writeFiles() {
        Readings.write(root.resolve("readings/2024/a.avro"), Readings.V1, 0, 10, 10);
        Readings.write(root.resolve("readings/2024/b.avro"), Readings.V2, 10, 10, 20);
        Readings.write(root.resolve("single.avro"), Readings.V2, 100, 5, 0);
        Readings.write(root.resolve("by_day/dt=2024-01-01/0.avro"), Readings.V2, 0, 4, 0);
        Readings.write(root.resolve("by_day/dt=2024-01-02/0.avro"), Readings.V2, 4, 6, 0);
    }

    @Test
    void showsItsDatabaseAndATablePerDirectoryAndFile() {
        createCatalog();

        assertThat(query("SHOW DATABASES")).containsExactly(Row.of("default"));
        assertThat(query("SHOW TABLES"))
                .containsExactly(Row.of("by_day"), Row.of("readings"), Row.of("single"));
    }

    @Test
    void describesATableWithTheColumnsOfItsNewestFile() {
        createCatalog();

        assertThat(
                        query("DESCRIBE readings").stream()
                                .map(row -> List.of((String) row.getField(0), typeOf(row)))
                                .collect(Collectors.toList()))
                .containsExactlyElementsOf(Readings.V2_COLUMNS);
    }

    @Test
    void selectsTheRowsOfEveryFileOfADirectoryTable() {
        createCatalog();

        assertThat(query("SELECT id, sensor, `value` FROM readings"))
                .containsExactlyInAnyOrderElementsOf(rows(0, 20));
        assertThat(query("SELECT COUNT(*) FROM readings")).containsExactly(Row.of(20L));
    }

    @Test
    void selectsTheRowsOfAFileTable() {
        createCatalog();

        assertThat(query("SELECT id, sensor, `value` FROM avro.`default`.single"))
                .containsExactlyInAnyOrderElementsOf(rows(100, 105));
    }

    @Test
    void selectsAPartitionOfAPartitionedTableByItsKey() {
        createCatalog();

        assertThat(query("SHOW PARTITIONS by_day"))
                .containsExactly(Row.of("dt=2024-01-01"), Row.of("dt=2024-01-02"));
        assertThat(query("SELECT id, dt FROM by_day WHERE dt = '2024-01-01'"))
                .containsExactlyInAnyOrder(
                        Row.of(0L, "2024-01-01"),
                        Row.of(1L, "2024-01-01"),
                        Row.of(2L, "2024-01-01"),
                        Row.of(3L, "2024-01-01"));
        assertThat(query("SELECT COUNT(*) FROM by_day")).containsExactly(Row.of(10L));
    }

    @Test
    void showsEachTableAsTheJetlinerTableItIs() {
        createCatalog();

        assertThat(query("SHOW CREATE TABLE single").get(0).getField(0).toString())
                .contains("'connector' = 'jetliner'")
                .contains("'path' = 'file:" + root.resolve("single.avro") + "'")
                .contains("`id` BIGINT NOT NULL");
    }

    @Test
    void takesTableOptionsAsHints() {
        createCatalog();

        assertThat(
                        query(
                                "SELECT COUNT(*) FROM readings"
                                        + " /*+ OPTIONS('split-size' = '1kb', 'batch-size' = '3') */"))
                .containsExactly(Row.of(20L));
        assertThatThrownBy(() -> query("SELECT * FROM readings /*+ OPTIONS('batch-size' = '0') */"))
                .hasStackTraceContaining("batch-size");
    }

    @Test
    void isCreatedFromJavaAsTheGuideShows() {
        sql.createCatalog(
                "avro",
                CatalogDescriptor.of(
                        "avro",
                        Configuration.fromMap(
                                Map.of("type", "jetliner", "path", root.toString()))));
        sql.useCatalog("avro");

        assertThat(query("SELECT COUNT(*) FROM by_day")).containsExactly(Row.of(10L));
    }

    @Test
    void refusesToCreateOrDropTablesAsReadOnly() {
        createCatalog();

        assertThatThrownBy(() -> sql.executeSql("CREATE TABLE extra (id BIGINT) WITH ()"))
                .hasStackTraceContaining("is read-only");
        assertThatThrownBy(() -> sql.executeSql("DROP TABLE readings"))
                .hasStackTraceContaining("is read-only");
        assertThat(query("SHOW TABLES")).hasSize(3);
    }

    @Test
    void reportsATableThatIsNotThere() {
        createCatalog();

        assertThatThrownBy(() -> sql.executeSql("SELECT * FROM missing"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("missing");
    }

    private void createCatalog() {
        sql.executeSql("CREATE CATALOG avro WITH ('type' = 'jetliner', 'path' = '" + root + "')");
        sql.executeSql("USE CATALOG avro");
    }

    private List<Row> query(String statement) {
        return CollectionUtil.iteratorToList(sql.executeSql(statement).collect());
    }

    /** A DESCRIBE row's type with its nullability, as the catalog test spells it. */
    private static String typeOf(Row describeRow) {
        String type = (String) describeRow.getField(1);
        return Boolean.TRUE.equals(describeRow.getField(2)) ? type : type + " NOT NULL";
    }

    private static List<Row> rows(long from, long to) {
        return LongStream.range(from, to)
                .mapToObj(Readings::idSensorValue)
                .collect(Collectors.toList());
    }
}
