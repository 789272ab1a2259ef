package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.source.split.BlockRangeSplit;

import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.testutils.ScheduledTask;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JetlinerSplitEnumeratorTest {

    private static final SplitPlanner PLANNER = new SplitPlanner(100);
    private static final Duration INTERVAL = Duration.ofSeconds(7);

    @TempDir java.nio.file.Path dir;

    private CountingContext context = newContext();

    /** Counts the no-more-splits signals, which the testing context only records as a flag. */
    private static final class CountingContext
            extends TestingSplitEnumeratorContext<BlockRangeSplit> {
        private final Map<Integer, Integer> noMoreSplitsSignals = new HashMap<>();

        CountingContext() {
            super(2);
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            noMoreSplitsSignals.merge(subtask, 1, Integer::sum);
            super.signalNoMoreSplits(subtask);
        }

        int noMoreSplitsSignals(int subtask) {
            return noMoreSplitsSignals.getOrDefault(subtask, 0);
        }
    }

    private static CountingContext newContext() {
        CountingContext context = new CountingContext();
        context.registerReader(0, "host-0");
        context.registerReader(1, "host-1");
        return context;
    }

    private java.nio.file.Path write(String relative, int length) throws IOException {
        java.nio.file.Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[length]);
    }

    private Path root() {
        return new Path(dir.toUri());
    }

    private JetlinerSplitEnumerator enumerator(
            @Nullable Duration monitorInterval, PendingSplitsCheckpoint checkpoint, Path... paths) {
        return new JetlinerSplitEnumerator(
                context,
                new FileDiscovery(List.of(paths.length == 0 ? new Path[] {root()} : paths)),
                PLANNER,
                new FifoSplitAssigner(),
                monitorInterval,
                checkpoint);
    }

    private JetlinerSplitEnumerator bounded(Path... paths) {
        return enumerator(null, PendingSplitsCheckpoint.initial(), paths);
    }

    /** A bounded enumerator of the directory, started, its discovery run. */
    private JetlinerSplitEnumerator boundedAfterDiscovery() {
        JetlinerSplitEnumerator enumerator = bounded();
        enumerator.start();
        context.triggerAllActions();
        return enumerator;
    }

    private JetlinerSplitEnumerator continuous(Path... paths) {
        return enumerator(INTERVAL, PendingSplitsCheckpoint.initial(), paths);
    }

    /** Every split of the files now in the directory, planned independently of the enumerator. */
    private List<BlockRangeSplit> allSplitsNow() throws IOException {
        List<BlockRangeSplit> splits = new ArrayList<>();
        for (DiscoveredFile file : new FileDiscovery(List.of(root())).discover().files()) {
            splits.addAll(PLANNER.plan(file));
        }
        return splits;
    }

    private List<BlockRangeSplit> assigned(int subtask) {
        TestingSplitEnumeratorContext.SplitAssignmentState<BlockRangeSplit> state =
                context.getSplitAssignments().get(subtask);
        return state == null ? List.of() : state.getAssignedSplits();
    }

    private List<BlockRangeSplit> assignedToAll() {
        List<BlockRangeSplit> all = new ArrayList<>(assigned(0));
        all.addAll(assigned(1));
        return all;
    }

    private boolean toldNoMoreSplits(int subtask) {
        TestingSplitEnumeratorContext.SplitAssignmentState<BlockRangeSplit> state =
                context.getSplitAssignments().get(subtask);
        return state != null && state.hasReceivedNoMoreSplitsSignal();
    }

    /**
     * Lets both readers ask for splits, as they do when done with one, until none is handed out.
     */
    private void readersAskUntilNothingMoreComes(JetlinerSplitEnumerator enumerator) {
        int before;
        do {
            before = assignedToAll().size();
            for (int subtask = 0; subtask < 2; subtask++) {
                if (!toldNoMoreSplits(subtask)) {
                    enumerator.handleSplitRequest(subtask, "host-" + subtask);
                }
            }
        } while (assignedToAll().size() > before);
    }

    /** Runs the periodic discovery once and checks it did not fail. */
    private void discoverPeriodically() {
        context.getExecutorService().triggerPeriodicScheduledTasks();
        Collection<ScheduledFuture<?>> tasks =
                context.getExecutorService().getActivePeriodicScheduledTask();
        assertThat(tasks).as("the periodic discovery is alive").hasSize(1);
        assertThat(tasks.iterator().next().isDone()).isFalse();
    }

    private static PendingSplitsCheckpoint throughSerializer(PendingSplitsCheckpoint checkpoint)
            throws IOException {
        PendingSplitsCheckpointSerializer serializer = PendingSplitsCheckpointSerializer.INSTANCE;
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(checkpoint));
    }

    @Test
    void boundedEnumeratorAssignsEverySplitOnceThenSignalsNoMoreSplits() throws IOException {
        write("a.avro", 250);
        write("b.avro", 90);
        write("sub/c.avro", 130);
        write("_SUCCESS", 0);
        JetlinerSplitEnumerator enumerator = bounded();

        enumerator.start();
        context.triggerAllActions();
        readersAskUntilNothingMoreComes(enumerator);

        assertThat(allSplitsNow()).hasSize(6);
        assertThat(assignedToAll()).containsExactlyInAnyOrderElementsOf(allSplitsNow());
        assertThat(assigned(0)).isNotEmpty();
        assertThat(assigned(1)).isNotEmpty();
        assertThat(toldNoMoreSplits(0)).isTrue();
        assertThat(toldNoMoreSplits(1)).isTrue();
        assertThat(enumerator.snapshotState(1).pendingSplits()).isEmpty();
    }

    @Test
    void boundedEnumeratorDiscoversOffTheCoordinatorThreadAndServesReadersThatAskedMeanwhile()
            throws IOException {
        write("a.avro", 250);
        JetlinerSplitEnumerator enumerator = bounded();

        enumerator.start();
        enumerator.handleSplitRequest(0, "host-0");

        assertThat(context.getExecutorService().numQueuedRunnables())
                .as("discovery waits for the async executor")
                .isEqualTo(1);
        assertThat(assigned(0)).isEmpty();
        assertThat(toldNoMoreSplits(0)).isFalse();

        context.triggerAllActions();

        assertThat(assigned(0)).containsExactly(allSplitsNow().get(0));
        assertThat(toldNoMoreSplits(0)).isFalse();
    }

    @Test
    void boundedEnumeratorOverAnEmptyDirectoryTellsWaitingReadersThereIsNothing() {
        JetlinerSplitEnumerator enumerator = bounded();
        enumerator.start();
        enumerator.handleSplitRequest(0, "host-0");
        enumerator.handleSplitRequest(1, "host-1");

        context.triggerAllActions();

        assertThat(assignedToAll()).isEmpty();
        assertThat(toldNoMoreSplits(0)).isTrue();
        assertThat(toldNoMoreSplits(1)).isTrue();
    }

    @Test
    void boundedEnumeratorTellsAReaderThatAskedAheadThatNothingIsLeftOnlyOnce() throws IOException {
        write("a.avro", 50);
        JetlinerSplitEnumerator enumerator = boundedAfterDiscovery();

        enumerator.handleSplitRequest(0, "host-0");
        enumerator.handleSplitRequest(0, "host-0");
        enumerator.handleSplitRequest(0, "host-0");

        assertThat(assigned(0)).containsExactlyElementsOf(allSplitsNow());
        assertThat(context.noMoreSplitsSignals(0)).isEqualTo(1);
    }

    @Test
    void boundedEnumeratorTellsARestartedReaderAgainThatNothingIsLeft() {
        JetlinerSplitEnumerator enumerator = boundedAfterDiscovery();
        enumerator.handleSplitRequest(0, "host-0");

        enumerator.addReader(0);
        enumerator.handleSplitRequest(0, "host-0");

        assertThat(context.noMoreSplitsSignals(0)).isEqualTo(2);
    }

    @Test
    void boundedEnumeratorFailsNamingAPathThatDoesNotExist() throws IOException {
        write("a.avro", 10);
        Path missing = new Path(root(), "missing");
        JetlinerSplitEnumerator enumerator = bounded(root(), missing);
        enumerator.start();

        assertThatThrownBy(context::triggerAllActions)
                .isInstanceOf(JetlinerException.class)
                .hasMessageContaining("no such file or directory")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void boundedEnumeratorFailsWhenListingFails() {
        JetlinerSplitEnumerator enumerator = bounded(new Path("nosuchscheme://host/data"));
        enumerator.start();

        assertThatThrownBy(context::triggerAllActions)
                .isInstanceOf(JetlinerException.class)
                .hasMessageContaining("cannot list the files of")
                .hasMessageContaining("nosuchscheme://host/data")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void continuousEnumeratorDiscoversAtStartAndThenEveryInterval() {
        continuous().start();

        Collection<ScheduledFuture<?>> tasks =
                context.getExecutorService().getActivePeriodicScheduledTask();
        assertThat(tasks).hasSize(1);
        ScheduledTask<?> task = (ScheduledTask<?>) tasks.iterator().next();
        assertThat(task.getDelay(TimeUnit.MILLISECONDS)).isZero();
        assertThat(task.getPeriod()).isEqualTo(INTERVAL.toMillis());
    }

    @Test
    void continuousEnumeratorPlansAFileAddedLaterWithAllItsSplitsAndNeverPlansAFileTwice()
            throws IOException {
        write("a.avro", 150);
        JetlinerSplitEnumerator enumerator = continuous();
        enumerator.start();
        discoverPeriodically();
        List<BlockRangeSplit> firstFile = allSplitsNow();
        assertThat(enumerator.snapshotState(1).pendingSplits())
                .containsExactlyElementsOf(firstFile);

        write("b.avro", 350);
        java.nio.file.Path rewritten = write("a.avro", 500);
        Files.setLastModifiedTime(rewritten, FileTime.fromMillis(1_000_000_000_000L));
        discoverPeriodically();

        List<BlockRangeSplit> secondFile =
                allSplitsNow().stream()
                        .filter(split -> split.path().getName().equals("b.avro"))
                        .collect(Collectors.toList());
        assertThat(secondFile).hasSize(4);
        List<BlockRangeSplit> expected = new ArrayList<>(firstFile);
        expected.addAll(secondFile);
        PendingSplitsCheckpoint state = enumerator.snapshotState(2);
        assertThat(state.pendingSplits()).containsExactlyElementsOf(expected);
        assertThat(state.plannedPaths()).hasSize(2);

        readersAskUntilNothingMoreComes(enumerator);
        discoverPeriodically();
        readersAskUntilNothingMoreComes(enumerator);

        assertThat(assignedToAll()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(toldNoMoreSplits(0)).as("a continuous source never ends").isFalse();
        assertThat(toldNoMoreSplits(1)).isFalse();
    }

    @Test
    void continuousEnumeratorServesWaitingReadersWhenFilesArrive() throws IOException {
        JetlinerSplitEnumerator enumerator = continuous();
        enumerator.start();
        discoverPeriodically();
        enumerator.handleSplitRequest(1, "host-1");
        enumerator.handleSplitRequest(0, "host-0");
        assertThat(assignedToAll()).isEmpty();

        write("a.avro", 150);
        discoverPeriodically();

        List<BlockRangeSplit> splits = allSplitsNow();
        assertThat(assigned(1)).containsExactly(splits.get(0));
        assertThat(assigned(0)).containsExactly(splits.get(1));
    }

    @Test
    void continuousEnumeratorWaitsForAPathToAppear() throws IOException {
        Path later = new Path(root(), "later");
        JetlinerSplitEnumerator enumerator = continuous(later);
        enumerator.start();
        discoverPeriodically();
        assertThat(enumerator.snapshotState(1).pendingSplits()).isEmpty();

        write("later/a.avro", 10);
        discoverPeriodically();

        assertThat(enumerator.snapshotState(2).pendingSplits()).hasSize(1);
    }

    @Test
    void continuousEnumeratorOutlivesAFailedListing() {
        JetlinerSplitEnumerator enumerator = continuous(new Path("nosuchscheme://host/data"));
        enumerator.start();

        discoverPeriodically();
        discoverPeriodically();

        assertThat(enumerator.snapshotState(1).pendingSplits()).isEmpty();
    }

    @Test
    void splitsGivenBackByAFailedReaderGoToTheNextReaderWithTheirPosition() throws IOException {
        write("a.avro", 250);
        JetlinerSplitEnumerator enumerator = boundedAfterDiscovery();
        enumerator.handleSplitRequest(0, "host-0");
        BlockRangeSplit taken = assigned(0).get(0);

        BlockRangeSplit partlyRead = taken.withPosition(40, 17);
        context.registeredReaders().remove(0);
        enumerator.addSplitsBack(List.of(partlyRead), 0);
        enumerator.handleSplitRequest(1, "host-1");

        assertThat(assigned(1)).containsExactly(partlyRead);
        readersAskUntilNothingMoreComes(enumerator);
        List<BlockRangeSplit> expected = new ArrayList<>(allSplitsNow());
        expected.set(0, partlyRead);
        assertThat(assigned(1)).containsExactlyElementsOf(expected);
    }

    @Test
    void aSplitGivenBackGoesStraightToAWaitingReader() throws IOException {
        write("a.avro", 50);
        JetlinerSplitEnumerator enumerator = continuous();
        enumerator.start();
        discoverPeriodically();
        enumerator.handleSplitRequest(0, "host-0");
        enumerator.handleSplitRequest(1, "host-1");
        assertThat(assigned(1)).isEmpty();

        BlockRangeSplit partlyRead = assigned(0).get(0).withPosition(20, 5);
        enumerator.addSplitsBack(List.of(partlyRead), 0);

        assertThat(assigned(1)).containsExactly(partlyRead);
    }

    @Test
    void aReaderThatFailedWhileWaitingIsForgotten() throws IOException {
        JetlinerSplitEnumerator enumerator = continuous();
        enumerator.start();
        discoverPeriodically();
        enumerator.handleSplitRequest(0, "host-0");
        context.registeredReaders().remove(0);

        write("a.avro", 50);
        discoverPeriodically();
        enumerator.handleSplitRequest(1, "host-1");

        assertThat(assigned(0)).isEmpty();
        assertThat(assigned(1)).containsExactlyElementsOf(allSplitsNow());
    }

    @Test
    void aRestoredContinuousEnumeratorNeitherLosesNorRepeatsAFileOrSplit() throws Exception {
        write("a.avro", 250);
        write("b.avro", 90);
        JetlinerSplitEnumerator before = continuous();
        before.start();
        discoverPeriodically();
        before.handleSplitRequest(0, "host-0");
        List<BlockRangeSplit> assignedBefore = new ArrayList<>(assignedToAll());
        PendingSplitsCheckpoint checkpoint = throughSerializer(before.snapshotState(1));
        before.close();

        write("c.avro", 130);
        context = newContext();
        JetlinerSplitEnumerator after = enumerator(INTERVAL, checkpoint);
        after.start();
        discoverPeriodically();
        readersAskUntilNothingMoreComes(after);

        assertThat(assignedBefore).hasSize(1);
        List<BlockRangeSplit> everything = new ArrayList<>(assignedBefore);
        everything.addAll(assignedToAll());
        assertThat(everything).containsExactlyInAnyOrderElementsOf(allSplitsNow());
        assertThat(allSplitsNow()).hasSize(6);
    }

    @Test
    void aBoundedEnumeratorRestoredAfterDiscoveryReadsOnlyWhatWasPending() throws Exception {
        write("a.avro", 250);
        JetlinerSplitEnumerator before = bounded();
        before.start();
        context.triggerAllActions();
        before.handleSplitRequest(0, "host-0");
        List<BlockRangeSplit> assignedBefore = new ArrayList<>(assignedToAll());
        List<BlockRangeSplit> splitsOfA = allSplitsNow();
        PendingSplitsCheckpoint checkpoint = throughSerializer(before.snapshotState(1));

        write("b.avro", 10);
        context = newContext();
        JetlinerSplitEnumerator after = enumerator(null, checkpoint);
        after.start();

        assertThat(context.getExecutorService().numQueuedRunnables())
                .as("no second discovery")
                .isZero();
        readersAskUntilNothingMoreComes(after);
        List<BlockRangeSplit> everything = new ArrayList<>(assignedBefore);
        everything.addAll(assignedToAll());
        assertThat(everything).containsExactlyInAnyOrderElementsOf(splitsOfA);
        assertThat(toldNoMoreSplits(0)).isTrue();
        assertThat(toldNoMoreSplits(1)).isTrue();
    }

    @Test
    void aBoundedEnumeratorRestoredBeforeDiscoveryFinishedDiscovers() throws Exception {
        write("a.avro", 250);
        JetlinerSplitEnumerator before = bounded();
        before.start();
        PendingSplitsCheckpoint checkpoint = throughSerializer(before.snapshotState(1));
        assertThat(checkpoint.discoveryFinished()).isFalse();

        context = newContext();
        JetlinerSplitEnumerator after = enumerator(null, checkpoint);
        after.start();
        context.triggerAllActions();
        readersAskUntilNothingMoreComes(after);

        assertThat(assignedToAll()).containsExactlyInAnyOrderElementsOf(allSplitsNow());
    }
}
