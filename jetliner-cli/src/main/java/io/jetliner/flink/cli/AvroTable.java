package io.jetliner.flink.cli;

import io.jetliner.flink.avro.container.ContainerHeader;
import io.jetliner.flink.avro.container.FileSystemInput;
import io.jetliner.flink.avro.container.SeekableInput;
import io.jetliner.flink.avro.schema.AvroTypes;
import io.jetliner.flink.source.SchemaInference;
import io.jetliner.flink.source.enumerator.DiscoveredFile;
import io.jetliner.flink.source.enumerator.FileDiscovery;
import io.jetliner.flink.table.JetlinerDynamicTableFactory;
import io.jetliner.flink.table.JetlinerOptions;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

import org.apache.avro.Schema;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A {@code 'connector' = 'jetliner'} table over a file, a directory or a glob, with the columns of
 * the newest file's schema, as its {@code CREATE TABLE} statement.
 */
@Internal
public final class AvroTable {

    private final String name;
    private final Path path;
    private final Schema schema;
    private final boolean legacyTimestamps;
    private final RowType rowType;

    private AvroTable(String name, Path path, Schema schema, boolean legacyTimestamps) {
        this.name = name;
        this.path = path;
        this.schema = schema;
        this.legacyTimestamps = legacyTimestamps;
        this.rowType = AvroTypes.toRowType(schema, legacyTimestamps);
    }

    /**
     * The table named {@code name} over {@code location}: a path of any Flink file system, a local
     * one relative to the working directory.
     *
     * @throws UserError if no Avro file is there
     */
    public static AvroTable infer(String name, String location) {
        return infer(name, location, false);
    }

    /**
     * As {@link #infer(String, String)}; with {@code legacyTimestamps}, the table has {@code
     * 'timestamp-mapping.legacy' = 'true'}: Avro's {@code timestamp-*} are {@code TIMESTAMP}
     * columns, as Flink's own avro format wants them.
     */
    public static AvroTable infer(String name, String location, boolean legacyTimestamps) {
        Path path = qualified(location);
        files(location);
        Schema schema =
                SchemaInference.newestSchema(new FileDiscovery(List.of(path)))
                        .orElseThrow(() -> new UserError("no Avro file at " + location));
        return new AvroTable(name, path, schema, legacyTimestamps);
    }

    /**
     * The files at {@code location} as the connector finds them (directories recursively, names
     * starting with '.' or '_' skipped, globs expanded), in path order.
     *
     * @throws UserError if the location does not exist or holds no file
     */
    public static List<DiscoveredFile> files(String location) {
        List<DiscoveredFile> files;
        try {
            FileDiscovery.Result found = new FileDiscovery(List.of(qualified(location))).discover();
            if (!found.missingPaths().isEmpty()) {
                throw new UserError("no such file or directory: " + location);
            }
            files = new ArrayList<>(found.files());
        } catch (IOException e) {
            throw new UserError("cannot list " + location + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new UserError("no Avro file at " + location);
        }
        files.sort(Comparator.comparing(file -> file.path().toString()));
        return files;
    }

    /** A path with a scheme: local ones as absolute {@code file:} URIs. */
    public static Path qualified(String location) {
        Path path = new Path(location);
        if (path.toUri().getScheme() != null) {
            return path;
        }
        return new Path(Paths.get(location).toAbsolutePath().normalize().toUri());
    }

    /**
     * A table name from a file or directory name: {@code events-2024.avro} -> {@code events_2024}.
     */
    public static String nameOf(String location) {
        String last = new Path(location).getName();
        if (last.toLowerCase(Locale.ROOT).endsWith(".avro")) {
            last = last.substring(0, last.length() - ".avro".length());
        }
        String name = last.replaceAll("[^A-Za-z0-9_]", "_");
        return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "t_" + name : name;
    }

    /** The writer schema in the header of one file. */
    public static Schema schemaOf(DiscoveredFile file) {
        try (SeekableInput input = FileSystemInput.open(file.path(), file.length())) {
            return ContainerHeader.read(input, file.path().toString()).schema();
        } catch (IOException e) {
            throw new UserError("cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public Path path() {
        return path;
    }

    /** The writer schema of the newest file. */
    public Schema schema() {
        return schema;
    }

    public RowType rowType() {
        return rowType;
    }

    /**
     * {@code CREATE [TEMPORARY] TABLE `name` (...) WITH ('connector' = 'jetliner', 'path' = ...)}.
     */
    public String createTableStatement(boolean temporary) {
        return String.format(
                "CREATE %sTABLE %s (%n%s%n) WITH (%n  'connector' = '%s',%n  '%s' = '%s'%s%n)",
                temporary ? "TEMPORARY " : "",
                quote(name),
                columns(rowType),
                JetlinerDynamicTableFactory.IDENTIFIER,
                JetlinerOptions.PATH.key(),
                path.toString().replace("'", "''"),
                legacyTimestamps
                        ? String.format(
                                ",%n  '%s' = 'true'",
                                JetlinerOptions.TIMESTAMP_MAPPING_LEGACY.key())
                        : "");
    }

    /** The column list of a CREATE TABLE: one {@code `name` TYPE} a line, indented. */
    static String columns(RowType type) {
        return type.getFields().stream()
                .map(f -> "  " + quote(f.getName()) + " " + sqlType(f.getType()))
                .collect(Collectors.joining(",\n"));
    }

    /**
     * The type as DDL spells it, in the short forms a person writes: {@code STRING}, {@code BYTES},
     * {@code TIMESTAMP_LTZ(3)}.
     */
    static String sqlType(LogicalType type) {
        return type.asSerializableString()
                .replace("VARCHAR(" + VarCharType.MAX_LENGTH + ")", "STRING")
                .replace("VARBINARY(" + VarBinaryType.MAX_LENGTH + ")", "BYTES")
                .replaceAll("TIMESTAMP\\((\\d)\\) WITH LOCAL TIME ZONE", "TIMESTAMP_LTZ($1)");
    }

    /** A SQL identifier in back quotes. */
    public static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }
}
