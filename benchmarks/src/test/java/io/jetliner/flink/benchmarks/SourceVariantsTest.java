package io.jetliner.flink.benchmarks;

import org.apache.flink.runtime.minicluster.MiniCluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both sources of the source benchmark must deliver every row of the file once, in every codec, or
 * it measures nothing.
 */
class SourceVariantsTest {

    private static final long ROWS = 20_000;

    @TempDir static Path cacheDir;
    private static MiniCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RowCountingJob.startCluster(2);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Stream<Arguments> variantsAndCodecs() {
        return Arrays.stream(SourceVariant.values())
                .flatMap(
                        variant ->
                                SourceBenchmark.ALL_CODECS.stream()
                                        .map(codec -> Arguments.of(variant, codec)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("variantsAndCodecs")
    void everyVariantCountsEveryEventOnceAtParallelismOneAndTwo(SourceVariant variant, String codec)
            throws Exception {
        Path file = BenchmarkDatasets.file(DataShape.EVENTS, codec, ROWS, cacheDir);
        // At least 4 splits, so that both readers of parallelism 2 read some.
        long splitSize = SourceBenchmark.defaultSplitSize(Files.size(file));
        assertThat(splitSize).isLessThanOrEqualTo(Files.size(file) / 4 + 1);
        long eventIdSum = ROWS * (ROWS - 1) / 2;

        for (int parallelism = 1; parallelism <= 2; parallelism++) {
            for (boolean objectReuse : new boolean[] {true, false}) {
                RowCountingJob.Run run =
                        RowCountingJob.run(
                                cluster,
                                variant.create(file, splitSize),
                                parallelism,
                                SourceBenchmark.EVENT_ID,
                                objectReuse);

                assertThat(run.rows()).as("rows at parallelism %d", parallelism).isEqualTo(ROWS);
                assertThat(run.sum())
                        .as("sum of event_id at parallelism %d", parallelism)
                        .isEqualTo(eventIdSum);
                assertThat(run.taskNanos()).isPositive().isLessThan(run.jobNanos());
            }
        }
    }
}
