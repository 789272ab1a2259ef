package io.jetliner.flink.table.catalog;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.Schema.UnresolvedColumn;
import org.apache.flink.table.api.Schema.UnresolvedPhysicalColumn;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionSpecInvalidException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.AbstractDataType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link JetlinerCatalog} through the catalog API: the tables it finds and what it refuses. */
class JetlinerCatalogTest {

    @TempDir Path root;

    @Test
    void hasOneDatabaseNamedByTheDefaultDatabaseOption() throws Exception {
        Catalog catalog = createCatalog(Map.of("default-database", "sensors"));

        assertThat(catalog.listDatabases()).containsExactly("sensors");
        assertThat(catalog.getDefaultDatabase()).isEqualTo("sensors");
        assertThat(catalog.databaseExists("sensors")).isTrue();
        assertThat(catalog.databaseExists("default")).isFalse();
        assertThat(catalog.getDatabase("sensors").getComment()).contains(root.toString());
        assertThatThrownBy(() -> catalog.getDatabase("default"))
                .isInstanceOf(DatabaseNotExistException.class);
        assertThatThrownBy(() -> catalog.listTables("default"))
                .isInstanceOf(DatabaseNotExistException.class);
    }

    @Test
    void showsEachSubdirectoryAndEachTopLevelAvroFileAsATable() throws Exception {
        Readings.write(root.resolve("readings/2024/01/a.avro"), Readings.V1, 0, 3, 0);
        Readings.write(root.resolve("single.avro"), Readings.V1, 0, 3, 0);
        Readings.write(root.resolve("_temporary/x.avro"), Readings.V1, 0, 3, 0);
        Readings.write(root.resolve(".staging/x.avro"), Readings.V1, 0, 3, 0);
        Readings.write(root.resolve("_hidden.avro"), Readings.V1, 0, 3, 0);
        Files.writeString(root.resolve("README.md"), "not a table");
        Files.createDirectories(root.resolve("empty"));
        Catalog catalog = createCatalog(Map.of());

        assertThat(catalog.listTables("default")).containsExactly("empty", "readings", "single");
        assertThat(catalog.listViews("default")).isEmpty();
        assertThat(catalog.tableExists(table("readings"))).isTrue();
        assertThat(catalog.tableExists(table("README"))).isFalse();
        assertThat(catalog.tableExists(new ObjectPath("other", "readings"))).isFalse();
    }

    @Test
    void namesAFileInFullWhenADirectoryHasItsShortName() throws Exception {
        Readings.write(root.resolve("events/part-0.avro"), Readings.V1, 0, 3, 0);
        Readings.write(root.resolve("events.avro"), Readings.V1, 0, 3, 0);
        Catalog catalog = createCatalog(Map.of());

        assertThat(catalog.listTables("default")).containsExactly("events", "events.avro");
        assertThat(options(catalog, "events").get("path")).endsWith("/events");
        assertThat(options(catalog, "events.avro").get("path")).endsWith("/events.avro");
    }

    @Test
    void takesATablesColumnsFromItsNewestFile() throws Exception {
        Readings.write(root.resolve("readings/new.avro"), Readings.V2, 0, 3, 20);
        Readings.write(root.resolve("readings/old/z.avro"), Readings.V1, 0, 3, 10);
        Catalog catalog = createCatalog(Map.of());

        CatalogBaseTable table = catalog.getTable(table("readings"));

        assertThat(columns(table)).containsExactlyElementsOf(Readings.V2_COLUMNS);
        assertThat(((CatalogTable) table).isPartitioned()).isFalse();
        assertThat(table.getOptions())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "connector",
                                "jetliner",
                                "path",
                                "file:" + root.resolve("readings")));
    }

    @Test
    void takesAFileTablesColumnsFromThatFile() throws Exception {
        Readings.write(root.resolve("single.avro"), Readings.V1, 0, 3, 0);
        Readings.write(root.resolve("newer/x.avro"), Readings.V2, 0, 3, 99);
        Catalog catalog = createCatalog(Map.of());

        CatalogBaseTable table = catalog.getTable(table("single"));

        assertThat(columns(table)).containsExactlyElementsOf(Readings.V2_COLUMNS.subList(0, 4));
        assertThat(table.getOptions().get("path")).endsWith("/single.avro");
    }

    @Test
    void appendsTheKeysOfKeyValueDirectoriesAsStringPartitionColumns() throws Exception {
        Readings.write(root.resolve("readings/dt=2024-01-01/site=a/0.avro"), Readings.V2, 0, 3, 0);
        Readings.write(root.resolve("readings/dt=2024-01-01/site=b/0.avro"), Readings.V2, 3, 3, 0);
        Readings.write(root.resolve("readings/dt=2024-01-02/site=a/0.avro"), Readings.V2, 6, 3, 0);
        Readings.write(root.resolve("readings/dt=2024-01-02/_SUCCESS"), Readings.V2, 0, 0, 0);
        Catalog catalog = createCatalog(Map.of());

        CatalogTable table = (CatalogTable) catalog.getTable(table("readings"));

        assertThat(table.getPartitionKeys()).containsExactly("dt", "site");
        assertThat(columns(table))
                .endsWith(List.of("dt", "STRING"), List.of("site", "STRING"))
                .hasSize(Readings.V2_COLUMNS.size() + 2);
        assertThat(catalog.listPartitions(table("readings")))
                .containsExactly(
                        partition("dt", "2024-01-01", "site", "a"),
                        partition("dt", "2024-01-01", "site", "b"),
                        partition("dt", "2024-01-02", "site", "a"));
        assertThat(catalog.listPartitions(table("readings"), partition("site", "a")))
                .containsExactly(
                        partition("dt", "2024-01-01", "site", "a"),
                        partition("dt", "2024-01-02", "site", "a"));
        assertThat(
                        catalog.partitionExists(
                                table("readings"), partition("dt", "2024-01-02", "site", "b")))
                .isFalse();
        assertThat(
                        catalog.getPartition(
                                table("readings"), partition("dt", "2024-01-02", "site", "a")))
                .isNotNull();
    }

    @Test
    void readsPartitionKeysOnlyWhereEveryEntryOfALevelIsOneKeysDirectory() throws Exception {
        Readings.write(root.resolve("mixed/dt=1/0.avro"), Readings.V1, 0, 1, 0);
        Readings.write(root.resolve("mixed/other/0.avro"), Readings.V1, 0, 1, 0);
        Readings.write(root.resolve("files/dt=1/0.avro"), Readings.V1, 0, 1, 0);
        Readings.write(root.resolve("files/0.avro"), Readings.V1, 0, 1, 0);
        Readings.write(root.resolve("keys/a=1/0.avro"), Readings.V1, 0, 1, 0);
        Readings.write(root.resolve("keys/b=1/0.avro"), Readings.V1, 0, 1, 0);
        Readings.write(root.resolve("deep/dt=1/x/0.avro"), Readings.V1, 0, 1, 0);
        Catalog catalog = createCatalog(Map.of());

        for (String name : List.of("mixed", "files", "keys")) {
            assertThat(((CatalogTable) catalog.getTable(table(name))).getPartitionKeys())
                    .as(name)
                    .isEmpty();
            assertThatThrownBy(() -> catalog.listPartitions(table(name)))
                    .isInstanceOf(TableNotPartitionedException.class);
        }
        assertThat(((CatalogTable) catalog.getTable(table("deep"))).getPartitionKeys())
                .containsExactly("dt");
    }

    @Test
    void rejectsAPartitionSpecOfAnotherKey() throws Exception {
        Readings.write(root.resolve("readings/dt=1/0.avro"), Readings.V1, 0, 1, 0);
        Catalog catalog = createCatalog(Map.of());

        assertThatThrownBy(() -> catalog.listPartitions(table("readings"), partition("x", "1")))
                .isInstanceOf(PartitionSpecInvalidException.class);
        assertThatThrownBy(() -> catalog.getPartition(table("readings"), partition("dt", "2")))
                .isInstanceOf(PartitionNotExistException.class);
    }

    @Test
    void refusesAPartitionKeyThatIsAlsoARecordField() throws Exception {
        Readings.write(root.resolve("readings/sensor=a/0.avro"), Readings.V1, 0, 1, 0);
        Catalog catalog = createCatalog(Map.of());

        assertThatThrownBy(() -> catalog.getTable(table("readings")))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'sensor'");
    }

    @Test
    void failsToGetATableThatIsNotThere() throws Exception {
        Readings.write(root.resolve("readings/0.avro"), Readings.V1, 0, 1, 0);
        Catalog catalog = createCatalog(Map.of());

        assertThatThrownBy(() -> catalog.getTable(table("missing")))
                .isInstanceOf(TableNotExistException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> catalog.getTable(new ObjectPath("other", "readings")))
                .isInstanceOf(TableNotExistException.class);
    }

    @Test
    void failsToGetATableWithNoAvroFileNamingItsDirectory() throws Exception {
        Files.createDirectories(root.resolve("empty"));
        Catalog catalog = createCatalog(Map.of());

        assertThatThrownBy(() -> catalog.getTable(table("empty")))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("no Avro file")
                .hasMessageContaining("empty");
    }

    @Test
    void failsToGetATableWhoseNewestFileIsNoAvroFile() throws Exception {
        Files.createDirectories(root.resolve("broken"));
        Files.writeString(root.resolve("broken/data.avro"), "not an Avro file");
        Catalog catalog = createCatalog(Map.of());

        assertThatThrownBy(() -> catalog.getTable(table("broken")))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'broken'")
                .hasMessageContaining("data.avro");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void refusesEveryChangeAsReadOnly(String change, Consumer<Catalog> attempt) throws Exception {
        Readings.write(root.resolve("readings/0.avro"), Readings.V1, 0, 1, 0);
        Catalog catalog = createCatalog(Map.of());

        assertThatThrownBy(() -> attempt.accept(catalog))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("is read-only")
                .hasMessageContaining(root.toString());
        assertThat(catalog.listTables("default")).containsExactly("readings");
    }

    static Stream<Arguments> changes() {
        ObjectPath readings = table("readings");
        CatalogPartitionSpec spec = partition("dt", "1");
        return Stream.of(
                change("createDatabase", c -> c.createDatabase("db", null, true)),
                change("dropDatabase", c -> c.dropDatabase("default", true, true)),
                change("alterDatabase", c -> c.alterDatabase("default", null, true)),
                change("createTable", c -> c.createTable(table("new"), null, true)),
                change("dropTable", c -> c.dropTable(readings, true)),
                change("renameTable", c -> c.renameTable(readings, "other", true)),
                change("alterTable", c -> c.alterTable(readings, null, true)),
                change(
                        "alterTable with changes",
                        c -> c.alterTable(readings, null, List.of(), true)),
                change("createPartition", c -> c.createPartition(readings, spec, null, true)),
                change("dropPartition", c -> c.dropPartition(readings, spec, true)),
                change("alterPartition", c -> c.alterPartition(readings, spec, null, true)),
                change("createFunction", c -> c.createFunction(table("f"), null, true)),
                change("alterFunction", c -> c.alterFunction(table("f"), null, true)),
                change("dropFunction", c -> c.dropFunction(table("f"), true)),
                change("alterTableStatistics", c -> c.alterTableStatistics(readings, null, true)),
                change(
                        "alterTableColumnStatistics",
                        c -> c.alterTableColumnStatistics(readings, null, true)),
                change(
                        "alterPartitionStatistics",
                        c -> c.alterPartitionStatistics(readings, spec, null, true)),
                change(
                        "alterPartitionColumnStatistics",
                        c -> c.alterPartitionColumnStatistics(readings, spec, null, true)));
    }

    @Test
    void failsToOpenOnAPathThatIsNoDirectory() throws Exception {
        Files.writeString(root.resolve("file.avro"), "x");

        assertThatThrownBy(() -> createCatalog(root.resolve("missing")))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> createCatalog(root.resolve("file.avro")))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("must be a directory");
    }

    @Test
    void requiresAPathAndRejectsUnknownOptions() {
        assertThatThrownBy(
                        () ->
                                FactoryUtil.createCatalog(
                                        "avro",
                                        Map.of("type", "jetliner"),
                                        new Configuration(),
                                        getClass().getClassLoader()))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("path");
        assertThatThrownBy(() -> createCatalog(Map.of("paht", "x")))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("paht");
    }

    @Test
    void hasNoFunctionsAndUnknownStatistics() throws Exception {
        Readings.write(root.resolve("readings/0.avro"), Readings.V1, 0, 1, 0);
        Catalog catalog = createCatalog(Map.of());

        assertThat(catalog.listFunctions("default")).isEmpty();
        assertThat(catalog.functionExists(table("f"))).isFalse();
        assertThat(catalog.getTableStatistics(table("readings")).getRowCount()).isEqualTo(-1);
        assertThatThrownBy(() -> catalog.getTableStatistics(table("missing")))
                .isInstanceOf(TableNotExistException.class);
    }

    private Catalog createCatalog(Map<String, String> extraOptions) {
        Map<String, String> options = new HashMap<>(extraOptions);
        options.put("type", "jetliner");
        options.putIfAbsent("path", root.toString());
        Catalog catalog =
                FactoryUtil.createCatalog(
                        "avro", options, new Configuration(), getClass().getClassLoader());
        catalog.open();
        return catalog;
    }

    private Catalog createCatalog(Path path) {
        Catalog catalog =
                new JetlinerCatalog(
                        "avro", "default", new org.apache.flink.core.fs.Path(path.toUri()));
        catalog.open();
        return catalog;
    }

    private static ObjectPath table(String name) {
        return new ObjectPath("default", name);
    }

    private static CatalogPartitionSpec partition(String... keysAndValues) {
        Map<String, String> spec = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            spec.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new CatalogPartitionSpec(spec);
    }

    private static Map<String, String> options(Catalog catalog, String table) throws Exception {
        return catalog.getTable(table(table)).getOptions();
    }

    /** Each column of the table's schema as [name, type as SQL prints it]. */
    private static List<List<String>> columns(CatalogBaseTable table) {
        return table.getUnresolvedSchema().getColumns().stream()
                .map(column -> List.of(column.getName(), typeOf(column)))
                .collect(Collectors.toList());
    }

    private static String typeOf(UnresolvedColumn column) {
        AbstractDataType<?> type = ((UnresolvedPhysicalColumn) column).getDataType();
        return type.toString();
    }

    private static Arguments change(String name, ThrowingConsumer attempt) {
        return Arguments.of(
                name,
                (Consumer<Catalog>)
                        catalog -> {
                            try {
                                attempt.accept(catalog);
                            } catch (RuntimeException e) {
                                throw e;
                            } catch (Exception e) {
                                throw new AssertionError("not a CatalogException: " + e, e);
                            }
                        });
    }

    @FunctionalInterface
    private interface ThrowingConsumer {
        void accept(Catalog catalog) throws Exception;
    }
}
