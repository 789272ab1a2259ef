package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.source.split.BlockRangeSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.Path;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a file into {@link BlockRangeSplit}s of about {@code splitSize} bytes from its length alone,
 * without reading it: {@code [0, s), [s, 2s), ...}, the last one ending at the file's length.
 *
 * <p>Which blocks a range holds is decided by the reader by Avro's split rule, so the ranges need
 * not fall on block boundaries: together they hold each block once, whatever the block sizes. A
 * range holding no block start (a block longer than the split size) is simply read as empty.
 *
 * <p>A remainder shorter than a quarter of the split size is added to the split before it rather
 * than made a split of its own, which would cost a reader a header read for little data; so every
 * split is shorter than 1.25 times the split size, and a file shorter than that is one split. Every
 * file is at least one split, an empty one too: the reader, not the planner, reports a file without
 * a valid header.
 */
@Internal
public final class SplitPlanner implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Large enough to amortise a header read and a seek, small enough to spread a file. */
    public static final long DEFAULT_SPLIT_SIZE = 64L << 20;

    private final long splitSize;

    /**
     * @param splitSize the target bytes per split, positive
     */
    public SplitPlanner(long splitSize) {
        if (splitSize <= 0) {
            throw new IllegalArgumentException("split size must be positive: " + splitSize);
        }
        this.splitSize = splitSize;
    }

    public long splitSize() {
        return splitSize;
    }

    /** The splits of a discovered file, in file order. */
    public List<BlockRangeSplit> plan(DiscoveredFile file) {
        return plan(file.path(), file.length(), file.modificationTime());
    }

    /** The splits of a file of {@code fileSize} bytes, in file order. */
    public List<BlockRangeSplit> plan(Path path, long fileSize, long modificationTime) {
        long count = Math.max(1, fileSize / splitSize);
        long remainder = fileSize - count * splitSize;
        if (remainder >= Math.max(1, splitSize / 4)) {
            count++;
        }
        List<BlockRangeSplit> splits = new ArrayList<>((int) Math.min(count, 1 << 16));
        for (long i = 0; i < count; i++) {
            long start = i * splitSize;
            long end = i == count - 1 ? fileSize : start + splitSize;
            splits.add(new BlockRangeSplit(path, start, end, fileSize, modificationTime));
        }
        return splits;
    }

    @Override
    public String toString() {
        return "SplitPlanner{splitSize=" + splitSize + '}';
    }
}
