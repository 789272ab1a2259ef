package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.source.split.BlockRangeSplit;

import org.apache.flink.core.fs.Path;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FifoSplitAssignerTest {

    private static final SplitPlanner PLANNER = new SplitPlanner(10);

    private static List<BlockRangeSplit> splitsOf(String file, long size) {
        return PLANNER.plan(new Path(file), size, 0);
    }

    private static List<BlockRangeSplit> drain(SplitAssigner assigner) {
        List<BlockRangeSplit> handedOut = new ArrayList<>();
        for (Optional<BlockRangeSplit> next = assigner.getNext(null);
                next.isPresent();
                next = assigner.getNext("host")) {
            handedOut.add(next.get());
        }
        return handedOut;
    }

    @Test
    void handsOutFilesInArrivalOrderAndEachFileFrontToBack() {
        List<BlockRangeSplit> a = splitsOf("/a", 30);
        List<BlockRangeSplit> b = splitsOf("/b", 20);
        FifoSplitAssigner assigner = new FifoSplitAssigner();

        assigner.addSplits(List.of(a.get(2), b.get(1), a.get(0)));
        assigner.addSplits(List.of(b.get(0), a.get(1)));

        List<BlockRangeSplit> expected = new ArrayList<>(a);
        expected.addAll(b);
        assertThat(assigner.remainingSplits()).containsExactlyElementsOf(expected);
        assertThat(drain(assigner)).containsExactlyElementsOf(expected);
        assertThat(assigner.remainingSplits()).isEmpty();
        assertThat(assigner.getNext(null)).isEmpty();
    }

    @Test
    void putsASplitGivenBackAtItsPlaceInItsFileOrLastWhenTheFileIsDone() {
        List<BlockRangeSplit> a = splitsOf("/a", 30);
        List<BlockRangeSplit> b = splitsOf("/b", 20);
        FifoSplitAssigner assigner = new FifoSplitAssigner();
        assigner.addSplits(a);
        assigner.addSplits(b);
        BlockRangeSplit a0 = assigner.getNext(null).orElseThrow();
        BlockRangeSplit a1 = assigner.getNext(null).orElseThrow();
        BlockRangeSplit a2 = assigner.getNext(null).orElseThrow();
        BlockRangeSplit b0 = assigner.getNext(null).orElseThrow();

        assigner.addSplits(List.of(b0.withPosition(3, 1)));
        assigner.addSplits(List.of(a1.withPosition(12, 4)));

        assertThat(List.of(a0, a1, a2, b0)).containsExactly(a.get(0), a.get(1), a.get(2), b.get(0));
        assertThat(drain(assigner))
                .containsExactly(b0.withPosition(3, 1), b.get(1), a1.withPosition(12, 4));
    }

    @Test
    void refusesASplitThatIsAlreadyPending() {
        List<BlockRangeSplit> a = splitsOf("/a", 30);
        FifoSplitAssigner assigner = new FifoSplitAssigner();
        assigner.addSplits(a);

        assertThatThrownBy(() -> assigner.addSplits(List.of(a.get(1).withPosition(14, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(a.get(1).splitId());
    }
}
