package io.jetliner.flink.e2e.s3;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares what a job read with what the files hold, as multisets of rows. */
final class Rows {

    private static final int SAMPLES = 10;

    private Rows() {}

    /**
     * Asserts that {@code read} holds exactly the rows of {@code expected}, each as many times: a
     * row lost or read twice fails, naming a few of each. Linear in the number of rows.
     */
    static void assertSameMultiset(List<String> read, List<String> expected) {
        Map<String, Integer> counts = new HashMap<>();
        expected.forEach(row -> counts.merge(row, 1, Integer::sum));
        read.forEach(row -> counts.merge(row, -1, Integer::sum));
        List<String> lost = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        long lostCount = 0;
        long extraCount = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            int difference = entry.getValue();
            if (difference > 0) {
                lostCount += difference;
                if (lost.size() < SAMPLES) {
                    lost.add(entry.getKey());
                }
            } else if (difference < 0) {
                extraCount -= difference;
                if (extra.size() < SAMPLES) {
                    extra.add(entry.getKey());
                }
            }
        }
        assertThat(lostCount + extraCount)
                .as(
                        "rows read %d, expected %d; lost %d, e.g. %s; extra or repeated %d, e.g. %s",
                        read.size(), expected.size(), lostCount, lost, extraCount, extra)
                .isZero();
    }
}
