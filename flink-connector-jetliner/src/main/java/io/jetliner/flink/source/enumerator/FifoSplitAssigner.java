package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.source.split.BlockRangeSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.Path;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hands out splits file by file, in the order the files arrived, and each file's splits front to
 * back, so that a file is read roughly in order and its splits are in flight together, not spread
 * over the whole run. A split given back joins its file's pending splits at its place, or, if its
 * file has none left, queues at the end. Ignores locality.
 *
 * <p>Not thread-safe: see {@link SplitAssigner}.
 */
@Internal
public final class FifoSplitAssigner implements SplitAssigner {

    /** Pending splits by file, files in arrival order, each file's splits by start. */
    private final Map<Path, NavigableMap<Long, BlockRangeSplit>> pendingByFile =
            new LinkedHashMap<>();

    private int pendingCount;

    @Override
    public void addSplits(Collection<BlockRangeSplit> splits) {
        for (BlockRangeSplit split : splits) {
            BlockRangeSplit pending =
                    pendingByFile
                            .computeIfAbsent(split.path(), path -> new TreeMap<>())
                            .putIfAbsent(split.start(), split);
            if (pending != null) {
                throw new IllegalArgumentException(
                        "split " + split.splitId() + " is already pending: " + pending);
            }
            pendingCount++;
        }
    }

    @Override
    public Optional<BlockRangeSplit> getNext(@Nullable String hostname) {
        Iterator<NavigableMap<Long, BlockRangeSplit>> files = pendingByFile.values().iterator();
        if (!files.hasNext()) {
            return Optional.empty();
        }
        NavigableMap<Long, BlockRangeSplit> splits = files.next();
        BlockRangeSplit next = splits.pollFirstEntry().getValue();
        if (splits.isEmpty()) {
            files.remove();
        }
        pendingCount--;
        return Optional.of(next);
    }

    @Override
    public List<BlockRangeSplit> remainingSplits() {
        List<BlockRangeSplit> remaining = new ArrayList<>(pendingCount);
        for (NavigableMap<Long, BlockRangeSplit> splits : pendingByFile.values()) {
            remaining.addAll(splits.values());
        }
        return remaining;
    }

    @Override
    public String toString() {
        return "FifoSplitAssigner{"
                + pendingCount
                + " splits of "
                + pendingByFile.size()
                + " files}";
    }
}
