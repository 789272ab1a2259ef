package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;
import io.jetliner.flink.source.split.BlockRangeSplit;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.fs.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Discovers the files, plans their splits and hands them to the readers that ask, in one of two
 * modes:
 *
 * <ul>
 *   <li><b>bounded</b> (no monitor interval): discovers once; every path must exist. When no split
 *       is left, a reader that asks is told there will be no more, once.
 *   <li><b>continuous</b>: discovers at start and then every interval, planning the files it has
 *       not planned before, all their splits at once. A path that does not exist yet is waited for,
 *       and a listing that fails is retried at the next interval. Readers are never told the splits
 *       have ended.
 * </ul>
 *
 * <p>Discovery lists the file systems on a worker thread ({@code callAsync}), so a large directory
 * never blocks the coordinator; the files it finds are planned on the coordinator thread, where all
 * other state lives. A reader that asks when no split is pending waits until one is.
 *
 * <p>A file is identified by its path: it is planned once, the first time it is seen, and never
 * again, even if it later changes. Files are expected to appear complete and then stay as they are
 * (written under a hidden name, then renamed), as with Flink's own file source: reading a file
 * rewritten in place again would emit its earlier records twice, and a file still being written is
 * read only up to the length it had when listed. The set of planned paths grows with every file
 * (see {@link PendingSplitsCheckpoint}).
 *
 * <p>Splits given back by a failed reader are pending again, with the position they carry. The
 * checkpoint holds the pending splits, the planned paths and whether the first discovery is
 * planned, so a restored enumerator neither loses a file nor plans one twice.
 */
@Internal
public final class JetlinerSplitEnumerator
        implements SplitEnumerator<BlockRangeSplit, PendingSplitsCheckpoint> {

    private static final Logger LOG = LoggerFactory.getLogger(JetlinerSplitEnumerator.class);

    private final SplitEnumeratorContext<BlockRangeSplit> context;
    private final FileDiscovery discovery;
    private final SplitPlanner planner;
    private final SplitAssigner assigner;
    @Nullable private final Duration monitorInterval;
    @Nullable private final WriterSchemaCheck schemaCheck;

    private final Set<Path> plannedPaths;
    private boolean discoveryFinished;

    /** Readers waiting for a split, by subtask, in the order they asked, with their host. */
    private final Map<Integer, String> readersAwaitingSplit = new LinkedHashMap<>();

    /**
     * Readers of the current attempt already told there are no more splits. A reader may have a
     * second request in flight when it is told (it asks ahead), and it finishes as soon as it is
     * told; telling it again would send an event to a finished task, which Flink counts as a
     * failure of that task.
     */
    private final Set<Integer> readersToldNoMoreSplits = new HashSet<>();

    /** The missing paths already logged, so that continuous discovery warns once about each. */
    private final Set<Path> reportedMissingPaths = new HashSet<>();

    /**
     * @param context the enumerator's context
     * @param discovery the files to read
     * @param planner how files become splits
     * @param assigner which pending split goes next; the checkpoint's pending splits are added
     * @param monitorInterval null for a bounded source, else the time between discoveries
     * @param checkpoint the state to resume from, or {@link PendingSplitsCheckpoint#initial()}
     */
    public JetlinerSplitEnumerator(
            SplitEnumeratorContext<BlockRangeSplit> context,
            FileDiscovery discovery,
            SplitPlanner planner,
            SplitAssigner assigner,
            @Nullable Duration monitorInterval,
            PendingSplitsCheckpoint checkpoint) {
        this(context, discovery, planner, assigner, monitorInterval, checkpoint, null);
    }

    /**
     * As above, and each new file's schema is checked with {@code schemaCheck} (on the discovery's
     * thread) before the file is planned: a file whose schema fails the check fails the job, in
     * continuous mode too.
     */
    public JetlinerSplitEnumerator(
            SplitEnumeratorContext<BlockRangeSplit> context,
            FileDiscovery discovery,
            SplitPlanner planner,
            SplitAssigner assigner,
            @Nullable Duration monitorInterval,
            PendingSplitsCheckpoint checkpoint,
            @Nullable WriterSchemaCheck schemaCheck) {
        if (monitorInterval != null && monitorInterval.toMillis() <= 0) {
            throw new IllegalArgumentException(
                    "monitor interval must be at least a millisecond: " + monitorInterval);
        }
        this.context = Objects.requireNonNull(context, "context");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.assigner = Objects.requireNonNull(assigner, "assigner");
        this.monitorInterval = monitorInterval;
        this.schemaCheck = schemaCheck;
        this.plannedPaths = new HashSet<>(checkpoint.plannedPaths());
        this.discoveryFinished = checkpoint.discoveryFinished();
        assigner.addSplits(checkpoint.pendingSplits());
    }

    private boolean isBounded() {
        return monitorInterval == null;
    }

    @Override
    public void start() {
        if (isBounded()) {
            if (!discoveryFinished) {
                context.callAsync(this::discoverAndCheck, this::planDiscovered);
            }
        } else {
            context.callAsync(
                    this::discoverAndCheck, this::planDiscovered, 0, monitorInterval.toMillis());
        }
    }

    /** Lists the files and checks the new ones' schemas; runs on a worker thread. */
    private FileDiscovery.Result discoverAndCheck() throws IOException {
        FileDiscovery.Result found = discovery.discover();
        if (schemaCheck != null) {
            schemaCheck.checkNew(found.files());
        }
        return found;
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        readersAwaitingSplit.put(subtaskId, requesterHostname);
        assignToAwaitingReaders();
    }

    @Override
    public void addSplitsBack(List<BlockRangeSplit> splits, int subtaskId) {
        LOG.debug("Subtask {} gave back {} splits: {}", subtaskId, splits.size(), splits);
        assigner.addSplits(splits);
        assignToAwaitingReaders();
    }

    @Override
    public void addReader(int subtaskId) {
        // Readers pull: a new one asks for its first split itself. A restarted one is a new
        // attempt, to be told again.
        readersToldNoMoreSplits.remove(subtaskId);
    }

    @Override
    public PendingSplitsCheckpoint snapshotState(long checkpointId) {
        return new PendingSplitsCheckpoint(
                assigner.remainingSplits(), plannedPaths, discoveryFinished);
    }

    @Override
    public void close() {
        // Nothing held: the discovery's thread belongs to the context.
    }

    /** Plans the files a discovery found; runs on the coordinator thread. */
    private void planDiscovered(@Nullable FileDiscovery.Result found, @Nullable Throwable error) {
        if (error != null) {
            if (isBounded() || isIncompatibleSchema(error)) {
                // Thrown on the coordinator thread, this fails the job.
                throw error instanceof JetlinerException
                        ? (JetlinerException) error
                        : new JetlinerException(
                                Kind.IO, "cannot list the files of " + discovery.paths(), error);
            }
            LOG.warn(
                    "Listing the files of {} failed; retrying in {}.",
                    discovery.paths(),
                    monitorInterval,
                    error);
            return;
        }
        if (isBounded()) {
            found.requireNoMissingPaths();
        } else {
            reportMissingPaths(found.missingPaths());
        }
        int newFiles = 0;
        int newSplits = 0;
        for (DiscoveredFile file : found.files()) {
            if (plannedPaths.add(file.path())) {
                List<BlockRangeSplit> splits = planner.plan(file);
                assigner.addSplits(splits);
                newFiles++;
                newSplits += splits.size();
            }
        }
        if (newFiles > 0 || !discoveryFinished) {
            LOG.info(
                    "Discovered {} new files in {}: {} splits.",
                    newFiles,
                    discovery.paths(),
                    newSplits);
        }
        discoveryFinished = true;
        assignToAwaitingReaders();
    }

    private static boolean isIncompatibleSchema(Throwable error) {
        return error instanceof JetlinerException
                && ((JetlinerException) error).kind() == Kind.INCOMPATIBLE_SCHEMA;
    }

    private void reportMissingPaths(List<Path> missing) {
        reportedMissingPaths.retainAll(missing);
        for (Path path : missing) {
            if (reportedMissingPaths.add(path)) {
                LOG.warn("{} does not exist (yet); looking again every {}.", path, monitorInterval);
            }
        }
    }

    private void assignToAwaitingReaders() {
        Iterator<Map.Entry<Integer, String>> awaiting = readersAwaitingSplit.entrySet().iterator();
        while (awaiting.hasNext()) {
            Map.Entry<Integer, String> reader = awaiting.next();
            int subtask = reader.getKey();
            if (!context.registeredReaders().containsKey(subtask)) {
                awaiting.remove(); // failed since it asked
                continue;
            }
            Optional<BlockRangeSplit> split = assigner.getNext(reader.getValue());
            if (split.isPresent()) {
                context.assignSplit(split.get(), subtask);
                awaiting.remove();
            } else if (isBounded() && discoveryFinished) {
                if (readersToldNoMoreSplits.add(subtask)) {
                    context.signalNoMoreSplits(subtask);
                }
                awaiting.remove();
            } else {
                return; // the others wait too
            }
        }
    }
}
