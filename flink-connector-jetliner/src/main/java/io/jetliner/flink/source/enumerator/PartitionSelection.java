package io.jetliner.flink.source.enumerator;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The partitions to read, each a map from partition key to its value as the directory names it
 * (unescaped, see {@link PartitionSpecs}): what is left after partition pruning. {@link
 * FileDiscovery} lists no directory that cannot hold one of them, so the files of pruned partitions
 * are never listed, let alone opened.
 *
 * <p>A file belongs to a partition when its path has, for each key of the partition, that value; a
 * path without the key has the default partition name as its value, as a NULL partition value does.
 */
@Internal
public final class PartitionSelection implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ArrayList<LinkedHashMap<String, String>> partitions;
    private final String defaultName;

    /** For each key of any partition: which partitions give it which value. */
    private transient Map<String, Map<String, BitSet>> partitionsByValue;

    /** For each key of any partition: which partitions do not name it, and so allow any value. */
    private transient Map<String, BitSet> partitionsWithout;

    /**
     * @param partitions the partitions to read; none means no file is read. A null value, as SQL's
     *     partition push-down gives a NULL partition value, stands for {@code defaultName}.
     * @param defaultName the directory value of a NULL partition value, and the value of a key that
     *     a path does not name
     */
    public PartitionSelection(
            Collection<? extends Map<String, String>> partitions, String defaultName) {
        this.defaultName = Objects.requireNonNull(defaultName, "defaultName");
        this.partitions = new ArrayList<>(partitions.size());
        for (Map<String, String> partition : partitions) {
            Objects.requireNonNull(partition, "partition");
            LinkedHashMap<String, String> values = new LinkedHashMap<>();
            partition.forEach(
                    (key, value) -> {
                        if (key == null) {
                            throw new IllegalArgumentException(
                                    "a partition has a null key: " + partition);
                        }
                        values.put(key, value == null ? defaultName : value);
                    });
            this.partitions.add(values);
        }
    }

    /** The partitions to read, NULL values as the default name. */
    public List<Map<String, String>> partitions() {
        return List.copyOf(partitions);
    }

    /**
     * Whether the files of some partition may be below a directory whose path names these keys:
     * keys it does not name yet may still come in directories below it.
     */
    public boolean mayHoldBelow(Map<String, String> directorySpec) {
        BitSet candidates = allPartitions();
        directorySpec.forEach((key, value) -> keep(candidates, key, value));
        return !candidates.isEmpty();
    }

    /** Whether a file in a directory whose path names these keys belongs to some partition. */
    public boolean holds(Map<String, String> fileSpec) {
        BitSet candidates = allPartitions();
        for (String key : partitionsByValue().keySet()) {
            keep(candidates, key, fileSpec.getOrDefault(key, defaultName));
            if (candidates.isEmpty()) {
                return false;
            }
        }
        return !candidates.isEmpty();
    }

    private BitSet allPartitions() {
        BitSet all = new BitSet(partitions.size());
        all.set(0, partitions.size());
        return all;
    }

    /** Keeps of {@code candidates} the partitions that allow {@code value} for {@code key}. */
    private void keep(BitSet candidates, String key, String value) {
        Map<String, BitSet> byValue = partitionsByValue().get(key);
        if (byValue == null) {
            return; // no partition names the key
        }
        BitSet allowing = (BitSet) partitionsWithout.get(key).clone();
        BitSet withValue = byValue.get(value);
        if (withValue != null) {
            allowing.or(withValue);
        }
        candidates.and(allowing);
    }

    private Map<String, Map<String, BitSet>> partitionsByValue() {
        if (partitionsByValue == null) {
            Map<String, Map<String, BitSet>> byValue = new HashMap<>();
            for (int i = 0; i < partitions.size(); i++) {
                for (Map.Entry<String, String> entry : partitions.get(i).entrySet()) {
                    byValue.computeIfAbsent(entry.getKey(), key -> new HashMap<>())
                            .computeIfAbsent(entry.getValue(), value -> new BitSet())
                            .set(i);
                }
            }
            Map<String, BitSet> without = new HashMap<>();
            for (String key : byValue.keySet()) {
                BitSet lacking = new BitSet();
                for (int i = 0; i < partitions.size(); i++) {
                    if (!partitions.get(i).containsKey(key)) {
                        lacking.set(i);
                    }
                }
                without.put(key, lacking);
            }
            partitionsWithout = without;
            partitionsByValue = byValue;
        }
        return partitionsByValue;
    }

    @Override
    public String toString() {
        return "PartitionSelection" + partitions;
    }
}
