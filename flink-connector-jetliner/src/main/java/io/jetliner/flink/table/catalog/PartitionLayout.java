package io.jetliner.flink.table.catalog;

import io.jetliner.flink.source.enumerator.FileDiscovery;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.utils.PartitionPathUtils;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The Hive-style partition keys of a table directory: {@code dt=2024-01-01/country=DE/...} has the
 * keys {@code dt} and {@code country}. A level is a partition level when every (not hidden) entry
 * in it is a {@code key=value} directory of the same key; the keys are read down the first
 * directory of each level, one listing per level, and stop at the first level that is not one. Keys
 * are unescaped as Flink's file system connector escapes them when writing.
 */
@Internal
final class PartitionLayout {

    private PartitionLayout() {}

    /** The partition keys of {@code directory}, outermost first; empty if it is not partitioned. */
    static List<String> keysOf(Path directory) throws IOException {
        FileSystem fs = directory.getFileSystem();
        List<String> keys = new ArrayList<>();
        Path level = directory;
        while (true) {
            FileStatus[] children = fs.listStatus(level);
            if (children == null) {
                return keys;
            }
            FileStatus[] visible =
                    Arrays.stream(children)
                            .filter(child -> !FileDiscovery.isHidden(child.getPath().getName()))
                            .sorted(Comparator.comparing(child -> child.getPath().getName()))
                            .toArray(FileStatus[]::new);
            String key = keyOfLevel(visible);
            if (key == null || keys.contains(key)) {
                return keys;
            }
            keys.add(key);
            level = visible[0].getPath();
        }
    }

    /** The key every entry of a level names, or null if the level is no partition level. */
    private static String keyOfLevel(FileStatus[] entries) {
        String key = null;
        for (FileStatus entry : entries) {
            String name = entry.getPath().getName();
            int equals = name.indexOf('=');
            if (!entry.isDir() || equals <= 0) {
                return null;
            }
            String entryKey = PartitionPathUtils.unescapePathName(name.substring(0, equals));
            if (key != null && !key.equals(entryKey)) {
                return null;
            }
            key = entryKey;
        }
        return key;
    }
}
