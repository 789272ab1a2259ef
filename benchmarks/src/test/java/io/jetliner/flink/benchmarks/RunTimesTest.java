package io.jetliner.flink.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunTimesTest {

    @Test
    void theMedianOfAnOddNumberOfRunsIsTheMiddleOneWhateverTheirOrder() {
        assertThat(RunTimes.median(List.of(30L, 10L, 20L), Long::longValue)).isEqualTo(20);
    }

    @Test
    void theMedianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleTwo() {
        assertThat(RunTimes.median(List.of(40L, 10L, 30L, 20L), Long::longValue)).isEqualTo(25);
    }

    @Test
    void theBestIsTheShortestTime() {
        assertThat(RunTimes.best(List.of(40L, 10L, 30L), Long::longValue)).isEqualTo(10);
    }
}
