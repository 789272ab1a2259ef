package io.jetliner.flink.table.catalog;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.schema.AvroTypes;
import io.jetliner.flink.source.SchemaInference;
import io.jetliner.flink.source.enumerator.DiscoveredFile;
import io.jetliner.flink.source.enumerator.FileDiscovery;
import io.jetliner.flink.source.enumerator.PartitionSpecs;
import io.jetliner.flink.table.JetlinerDynamicTableFactory;
import io.jetliner.flink.table.JetlinerOptions;
import io.jetliner.flink.table.catalog.TableLocations.TableLocation;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.AbstractCatalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionSpecInvalidException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.TypeConversions;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only catalog of the Avro files under one directory, with no DDL to write: each
 * subdirectory is a table reading every file below it, and each top-level {@code .avro} file a
 * table named by its file name without the extension (see {@link TableLocations}). A table's
 * columns are those of the newest file's schema, mapped as the connector maps them ({@link
 * AvroTypes}); a subdirectory of {@code key=value} directories is a partitioned table whose keys
 * follow as STRING columns. Each table is a {@code 'connector' = 'jetliner'} table with the table's
 * directory or file as its {@code 'path'}.
 *
 * <pre>{@code
 * CREATE CATALOG avro WITH ('type' = 'jetliner', 'path' = 's3://bucket/warehouse/');
 * USE CATALOG avro;
 * SHOW TABLES;
 * SELECT COUNT(*) FROM events;
 * }</pre>
 *
 * <p>The catalog has a single database, {@link JetlinerCatalogOptions#DEFAULT_DATABASE}, and looks
 * at the files anew for each call: tables and their schemas follow the files as they change. Every
 * change through the catalog (creating, altering or dropping anything) fails with a {@link
 * CatalogException}: it shows files, it does not manage them.
 */
@PublicEvolving
public class JetlinerCatalog extends AbstractCatalog {

    private final TableLocations tables;

    /**
     * @param name the catalog's name
     * @param defaultDatabase the name of its only database
     * @param root the directory whose entries it shows as tables, on any Flink file system
     */
    public JetlinerCatalog(String name, String defaultDatabase, Path root) {
        super(name, defaultDatabase);
        this.tables = new TableLocations(root);
    }

    /** The directory whose entries are the tables. */
    public Path root() {
        return tables.root();
    }

    /** Checks that the root is a directory that exists. */
    @Override
    public void open() throws CatalogException {
        FileStatus status;
        try {
            status = root().getFileSystem().getFileStatus(root());
        } catch (FileNotFoundException e) {
            throw new CatalogException(
                    "The path '" + root() + "' of catalog '" + getName() + "' does not exist.", e);
        } catch (IOException e) {
            throw new CatalogException(
                    "Cannot open the path '" + root() + "' of catalog '" + getName() + "': " + e,
                    e);
        }
        if (!status.isDir()) {
            throw new CatalogException(
                    "The path '"
                            + root()
                            + "' of catalog '"
                            + getName()
                            + "' is a file; it must be a directory.");
        }
    }

    @Override
    public void close() {}

    // ------------------------------------------------------------------------------------------
    // databases

    @Override
    public List<String> listDatabases() {
        return List.of(getDefaultDatabase());
    }

    @Override
    public CatalogDatabase getDatabase(String databaseName) throws DatabaseNotExistException {
        requireDatabase(databaseName);
        return new DirectoryDatabase("The Avro files under " + root());
    }

    @Override
    public boolean databaseExists(String databaseName) {
        return getDefaultDatabase().equals(databaseName);
    }

    // ------------------------------------------------------------------------------------------
    // tables

    @Override
    public List<String> listTables(String databaseName) throws DatabaseNotExistException {
        requireDatabase(databaseName);
        return new ArrayList<>(listLocations().keySet());
    }

    @Override
    public List<String> listViews(String databaseName) throws DatabaseNotExistException {
        requireDatabase(databaseName);
        return List.of();
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath tablePath) throws TableNotExistException {
        TableLocation location = requireTable(tablePath);
        List<String> partitionKeys = partitionKeysOf(location);
        RowType rowType = AvroTypes.toRowType(newestSchema(location));
        Schema.Builder schema = Schema.newBuilder();
        for (RowType.RowField field : rowType.getFields()) {
            schema.column(field.getName(), TypeConversions.fromLogicalToDataType(field.getType()));
        }
        for (String key : partitionKeys) {
            if (rowType.getFieldNames().contains(key)) {
                throw new CatalogException(
                        String.format(
                                "Table '%s' has the partition key '%s', which is also a field of"
                                        + " its Avro records; rename the directories or the field.",
                                tablePath.getFullName(), key));
            }
            schema.column(key, DataTypes.STRING());
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connector", JetlinerDynamicTableFactory.IDENTIFIER);
        options.put(JetlinerOptions.PATH.key(), location.path().toString());
        return CatalogTable.newBuilder()
                .schema(schema.build())
                .comment(
                        (location.directory() ? "The Avro files under " : "The Avro file ")
                                + location.path())
                .partitionKeys(partitionKeys)
                .options(options)
                .build();
    }

    @Override
    public boolean tableExists(ObjectPath tablePath) {
        return databaseExists(tablePath.getDatabaseName())
                && listLocations().containsKey(tablePath.getObjectName());
    }

    // ------------------------------------------------------------------------------------------
    // partitions

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath tablePath)
            throws TableNotExistException, TableNotPartitionedException {
        TableLocation location = requireTable(tablePath);
        List<String> keys = partitionKeysOf(location);
        if (keys.isEmpty()) {
            throw new TableNotPartitionedException(getName(), tablePath);
        }
        List<DiscoveredFile> files;
        try {
            files = new FileDiscovery(List.of(location.path())).discover().files();
        } catch (IOException e) {
            throw new CatalogException(
                    "Cannot list the partitions of table '" + tablePath.getFullName() + "'", e);
        }
        List<CatalogPartitionSpec> partitions = new ArrayList<>();
        for (Map<String, String> partition :
                PartitionSpecs.list(files, keys, PartitionSpecs.DEFAULT_PARTITION_NAME)) {
            partitions.add(new CatalogPartitionSpec(new LinkedHashMap<>(partition)));
        }
        return partitions;
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws TableNotExistException,
                    TableNotPartitionedException,
                    PartitionSpecInvalidException {
        List<CatalogPartitionSpec> all = listPartitions(tablePath);
        List<String> keys = partitionKeysOf(requireTable(tablePath));
        if (!keys.containsAll(partitionSpec.getPartitionSpec().keySet())) {
            throw new PartitionSpecInvalidException(getName(), keys, tablePath, partitionSpec);
        }
        List<CatalogPartitionSpec> matching = new ArrayList<>();
        for (CatalogPartitionSpec partition : all) {
            if (partition
                    .getPartitionSpec()
                    .entrySet()
                    .containsAll(partitionSpec.getPartitionSpec().entrySet())) {
                matching.add(partition);
            }
        }
        return matching;
    }

    /**
     * Not supported: Flink's planner then prunes {@link #listPartitions(ObjectPath)} itself, and
     * the table source lists its partitions anyway.
     */
    @Override
    public List<CatalogPartitionSpec> listPartitionsByFilter(
            ObjectPath tablePath, List<Expression> filters) {
        throw new UnsupportedOperationException(
                "Catalog '" + getName() + "' lists partitions by spec, not by filter.");
    }

    @Override
    public CatalogPartition getPartition(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws PartitionNotExistException {
        if (!partitionExists(tablePath, partitionSpec)) {
            throw new PartitionNotExistException(getName(), tablePath, partitionSpec);
        }
        return new DirectoryPartition();
    }

    @Override
    public boolean partitionExists(ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        try {
            return listPartitions(tablePath).contains(partitionSpec);
        } catch (TableNotExistException | TableNotPartitionedException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------
    // functions and statistics: none

    @Override
    public List<String> listFunctions(String databaseName) throws DatabaseNotExistException {
        requireDatabase(databaseName);
        return List.of();
    }

    @Override
    public CatalogFunction getFunction(ObjectPath functionPath) throws FunctionNotExistException {
        throw new FunctionNotExistException(getName(), functionPath);
    }

    @Override
    public boolean functionExists(ObjectPath functionPath) {
        return false;
    }

    @Override
    public CatalogTableStatistics getTableStatistics(ObjectPath tablePath)
            throws TableNotExistException {
        requireTable(tablePath);
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getTableColumnStatistics(ObjectPath tablePath)
            throws TableNotExistException {
        requireTable(tablePath);
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public CatalogTableStatistics getPartitionStatistics(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getPartitionColumnStatistics(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    // ------------------------------------------------------------------------------------------
    // changes: none, the catalog is read-only

    @Override
    public void createDatabase(String name, CatalogDatabase database, boolean ignoreIfExists) {
        throw readOnly("create database '" + name + "'");
    }

    @Override
    public void dropDatabase(String name, boolean ignoreIfNotExists, boolean cascade) {
        throw readOnly("drop database '" + name + "'");
    }

    @Override
    public void alterDatabase(String name, CatalogDatabase newDatabase, boolean ignoreIfNotExists) {
        throw readOnly("alter database '" + name + "'");
    }

    @Override
    public void dropTable(ObjectPath tablePath, boolean ignoreIfNotExists) {
        throw readOnly("drop table '" + tablePath.getFullName() + "'");
    }

    @Override
    public void renameTable(ObjectPath tablePath, String newTableName, boolean ignoreIfNotExists) {
        throw readOnly("rename table '" + tablePath.getFullName() + "'");
    }

    @Override
    public void createTable(ObjectPath tablePath, CatalogBaseTable table, boolean ignoreIfExists) {
        throw readOnly(
                "create table '"
                        + tablePath.getFullName()
                        + "' (put its Avro files in a directory under "
                        + root()
                        + " instead)");
    }

    @Override
    public void alterTable(
            ObjectPath tablePath, CatalogBaseTable newTable, boolean ignoreIfNotExists) {
        throw readOnly("alter table '" + tablePath.getFullName() + "'");
    }

    @Override
    public void createPartition(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogPartition partition,
            boolean ignoreIfExists) {
        throw readOnly("create a partition of table '" + tablePath.getFullName() + "'");
    }

    @Override
    public void dropPartition(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec, boolean ignoreIfNotExists) {
        throw readOnly("drop a partition of table '" + tablePath.getFullName() + "'");
    }

    @Override
    public void alterPartition(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogPartition newPartition,
            boolean ignoreIfNotExists) {
        throw readOnly("alter a partition of table '" + tablePath.getFullName() + "'");
    }

    @Override
    public void createFunction(
            ObjectPath functionPath, CatalogFunction function, boolean ignoreIfExists) {
        throw readOnly("create function '" + functionPath.getFullName() + "'");
    }

    @Override
    public void alterFunction(
            ObjectPath functionPath, CatalogFunction newFunction, boolean ignoreIfNotExists) {
        throw readOnly("alter function '" + functionPath.getFullName() + "'");
    }

    @Override
    public void dropFunction(ObjectPath functionPath, boolean ignoreIfNotExists) {
        throw readOnly("drop function '" + functionPath.getFullName() + "'");
    }

    @Override
    public void alterTableStatistics(
            ObjectPath tablePath,
            CatalogTableStatistics tableStatistics,
            boolean ignoreIfNotExists) {
        throw readOnly("alter the statistics of table '" + tablePath.getFullName() + "'");
    }

    @Override
    public void alterTableColumnStatistics(
            ObjectPath tablePath,
            CatalogColumnStatistics columnStatistics,
            boolean ignoreIfNotExists) {
        throw readOnly("alter the statistics of table '" + tablePath.getFullName() + "'");
    }

    @Override
    public void alterPartitionStatistics(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogTableStatistics partitionStatistics,
            boolean ignoreIfNotExists) {
        throw readOnly("alter the statistics of table '" + tablePath.getFullName() + "'");
    }

    @Override
    public void alterPartitionColumnStatistics(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogColumnStatistics columnStatistics,
            boolean ignoreIfNotExists) {
        throw readOnly("alter the statistics of table '" + tablePath.getFullName() + "'");
    }

    // ------------------------------------------------------------------------------------------

    private CatalogException readOnly(String change) {
        return new CatalogException(
                String.format(
                        "Catalog '%s' is read-only: it shows the Avro files under '%s' as"
                                + " tables, so it cannot %s.",
                        getName(), root(), change));
    }

    private void requireDatabase(String databaseName) throws DatabaseNotExistException {
        if (!databaseExists(databaseName)) {
            throw new DatabaseNotExistException(getName(), databaseName);
        }
    }

    private TableLocation requireTable(ObjectPath tablePath) throws TableNotExistException {
        Optional<TableLocation> location =
                databaseExists(tablePath.getDatabaseName())
                        ? Optional.ofNullable(listLocations().get(tablePath.getObjectName()))
                        : Optional.empty();
        return location.orElseThrow(() -> new TableNotExistException(getName(), tablePath));
    }

    private Map<String, TableLocation> listLocations() {
        try {
            return tables.list();
        } catch (IOException e) {
            throw new CatalogException(
                    "Cannot list the tables of catalog '" + getName() + "' under " + root(), e);
        }
    }

    private List<String> partitionKeysOf(TableLocation location) {
        if (!location.directory()) {
            return List.of();
        }
        try {
            return PartitionLayout.keysOf(location.path());
        } catch (IOException e) {
            throw new CatalogException(
                    "Cannot list the partitions under " + location.path() + ": " + e, e);
        }
    }

    private org.apache.avro.Schema newestSchema(TableLocation location) {
        try {
            return SchemaInference.newestSchema(new FileDiscovery(List.of(location.path())))
                    .orElseThrow(
                            () ->
                                    new CatalogException(
                                            String.format(
                                                    "Table '%s' of catalog '%s' has no Avro file"
                                                            + " under %s to take its columns from.",
                                                    location.name(), getName(), location.path())));
        } catch (JetlinerException e) {
            throw new CatalogException(
                    String.format(
                            "Cannot read the columns of table '%s' of catalog '%s': %s",
                            location.name(), getName(), e.getMessage()),
                    e);
        }
    }
}
