package io.jetliner.flink.table.catalog;

import io.jetliner.flink.source.enumerator.FileDiscovery;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of a {@link JetlinerCatalog}, found at the top of its directory: each subdirectory is
 * a table of that name, holding every file below it; each {@code .avro} file is a table named by
 * its file name without the extension. Names starting with {@code '.'} or {@code '_'} are skipped,
 * as the source skips them. Where a file's short name is a directory's name too, the directory
 * keeps it and the file is named in full ({@code events.avro}).
 *
 * <p>Every call lists the directory anew, so tables come and go with their files.
 */
@Internal
final class TableLocations {

    static final String AVRO_EXTENSION = ".avro";

    private final Path root;

    TableLocations(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The tables now under the root, by name, in the order of their names. */
    Map<String, TableLocation> list() throws IOException {
        FileSystem fs = root.getFileSystem();
        FileStatus[] children = fs.listStatus(root);
        if (children == null) {
            throw new IOException("cannot list " + root);
        }
        Arrays.sort(children, Comparator.comparing(status -> status.getPath().getName()));
        Map<String, TableLocation> tables = new LinkedHashMap<>();
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (child.isDir() && !FileDiscovery.isHidden(name)) {
                tables.put(name, new TableLocation(name, child.getPath(), true));
            }
        }
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (!child.isDir() && !FileDiscovery.isHidden(name) && isAvroFileName(name)) {
                String shortName = name.substring(0, name.length() - AVRO_EXTENSION.length());
                String tableName = tables.containsKey(shortName) ? name : shortName;
                tables.put(tableName, new TableLocation(tableName, child.getPath(), false));
            }
        }
        return tables;
    }

    Optional<TableLocation> find(String tableName) throws IOException {
        return Optional.ofNullable(list().get(tableName));
    }

    private static boolean isAvroFileName(String name) {
        return name.length() > AVRO_EXTENSION.length()
                && name.toLowerCase(Locale.ROOT).endsWith(AVRO_EXTENSION);
    }

    /**
     * Where one table's files are.
     *
     * @param name the table's name
     * @param path the directory or file the table reads
     * @param directory whether {@code path} is a directory
     */
    record TableLocation(String name, Path path, boolean directory) {}
}
