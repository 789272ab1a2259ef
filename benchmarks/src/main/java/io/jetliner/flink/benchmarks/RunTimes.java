package io.jetliner.flink.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/** The median and best of the times of a configuration's measured runs. */
final class RunTimes {

    private RunTimes() {}

    /** The median time; for an even number of runs, the mean of the two middle ones. */
    static <R> long median(List<R> runs, ToLongFunction<R> time) {
        long[] sorted = sorted(runs, time);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The shortest time. */
    static <R> long best(List<R> runs, ToLongFunction<R> time) {
        return sorted(runs, time)[0];
    }

    private static <R> long[] sorted(List<R> runs, ToLongFunction<R> time) {
        long[] sorted = runs.stream().mapToLong(time).toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
