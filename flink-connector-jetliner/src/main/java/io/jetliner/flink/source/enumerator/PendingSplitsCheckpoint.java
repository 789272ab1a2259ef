package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.source.split.BlockRangeSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.Path;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The enumerator's state: the splits not yet handed out, every file ever planned, and whether the
 * first discovery has been planned. Splits handed out are in their readers' state, not here.
 *
 * <p>The planned files are what keeps a restored enumerator from planning a file again; the set
 * holds every file planned since the job started, as Flink's file source does, so it grows with the
 * number of files read (some tens of bytes each). Whether the first discovery is done tells a
 * restored bounded enumerator whether to discover: once it is, the pending splits are all that
 * remains to read.
 *
 * <p>Immutable.
 */
@Internal
public final class PendingSplitsCheckpoint {

    private static final PendingSplitsCheckpoint INITIAL =
            new PendingSplitsCheckpoint(List.of(), List.of(), false);

    private final List<BlockRangeSplit> pendingSplits;
    private final Set<Path> plannedPaths;
    private final boolean discoveryFinished;

    /**
     * @param pendingSplits the splits not yet handed out, in the order to hand them out
     * @param plannedPaths every file planned so far, including those of the pending splits
     * @param discoveryFinished whether the first discovery has been planned
     */
    public PendingSplitsCheckpoint(
            Collection<BlockRangeSplit> pendingSplits,
            Collection<Path> plannedPaths,
            boolean discoveryFinished) {
        this.pendingSplits = List.copyOf(pendingSplits);
        this.plannedPaths = Collections.unmodifiableSet(new LinkedHashSet<>(plannedPaths));
        this.discoveryFinished = discoveryFinished;
    }

    /** The state of an enumerator that has not yet discovered anything. */
    public static PendingSplitsCheckpoint initial() {
        return INITIAL;
    }

    public List<BlockRangeSplit> pendingSplits() {
        return pendingSplits;
    }

    public Set<Path> plannedPaths() {
        return plannedPaths;
    }

    public boolean discoveryFinished() {
        return discoveryFinished;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PendingSplitsCheckpoint)) {
            return false;
        }
        PendingSplitsCheckpoint that = (PendingSplitsCheckpoint) o;
        return discoveryFinished == that.discoveryFinished
                && pendingSplits.equals(that.pendingSplits)
                && plannedPaths.equals(that.plannedPaths);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * pendingSplits.hashCode() + plannedPaths.hashCode())
                + Boolean.hashCode(discoveryFinished);
    }

    @Override
    public String toString() {
        return "PendingSplitsCheckpoint{"
                + pendingSplits.size()
                + " pending splits, "
                + plannedPaths.size()
                + " planned files, discovery "
                + (discoveryFinished ? "finished" : "not finished")
                + '}';
    }
}
