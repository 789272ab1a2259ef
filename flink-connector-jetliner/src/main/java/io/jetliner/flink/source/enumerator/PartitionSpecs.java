package io.jetliner.flink.source.enumerator;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.utils.PartitionPathUtils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hive-style partitions: the {@code key=value} directory names in a file's path, read exactly as
 * Flink's file system connector reads them (names unescaped by Flink's {@link PartitionPathUtils},
 * which escaped them when writing), so that a table written by Flink reads back the same.
 */
@Internal
public final class PartitionSpecs {

    /**
     * The directory name Flink and Hive give a partition whose value is NULL, when no other is
     * configured.
     */
    public static final String DEFAULT_PARTITION_NAME = "__DEFAULT_PARTITION__";

    private PartitionSpecs() {}

    /**
     * The {@code key=value} pairs of the names in {@code directory}'s path, unescaped, from the
     * root down; where a key appears twice, the one nearer the end wins.
     */
    public static Map<String, String> ofDirectory(Path directory) {
        return PartitionPathUtils.extractPartitionSpecFromPath(directory);
    }

    /**
     * The {@code key=value} pairs of the directories holding {@code file}; see {@link
     * #ofDirectory}.
     */
    public static Map<String, String> ofFile(Path file) {
        Path directory = file.getParent();
        return directory == null ? Map.of() : ofDirectory(directory);
    }

    /**
     * The partitions that hold these files, each once, in the order of the files: for each, the
     * value of every key of {@code keys} in that order, {@code defaultName} where the path has
     * none.
     */
    public static List<Map<String, String>> list(
            Collection<DiscoveredFile> files, List<String> keys, String defaultName) {
        Set<Map<String, String>> partitions = new LinkedHashSet<>();
        for (DiscoveredFile file : files) {
            Map<String, String> spec = ofFile(file.path());
            LinkedHashMap<String, String> partition = new LinkedHashMap<>();
            for (String key : keys) {
                partition.put(key, spec.getOrDefault(key, defaultName));
            }
            partitions.add(partition);
        }
        return new ArrayList<>(partitions);
    }
}
