package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.source.split.BlockRangeSplit;

import org.apache.flink.core.fs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitPlannerTest {

    private static final Path FILE = new Path("s3://bucket/f.avro");
    private static final long MTIME = 1_700_000_000_000L;

    private static List<BlockRangeSplit> plan(long splitSize, long fileSize) {
        return new SplitPlanner(splitSize).plan(FILE, fileSize, MTIME);
    }

    @ParameterizedTest(name = "{1} bytes in splits of {0}: {2} splits")
    @CsvSource({
        "100, 0, 1",
        "100, 1, 1",
        "100, 99, 1",
        "100, 100, 1",
        "100, 124, 1",
        "100, 125, 2",
        "100, 200, 2",
        "100, 224, 2",
        "100, 225, 3",
        "100, 300, 3",
        "3, 7, 3",
        "1, 5, 5",
        "67108864, 10737418240, 160",
        "67108864, 10737418241, 160",
        "67108864, 1073741824000, 16000",
    })
    void cutsAFileIntoSplitsOfAboutTheSplitSize(long splitSize, long fileSize, int count) {
        assertThat(plan(splitSize, fileSize)).hasSize(count);
    }

    @Test
    void tilesEveryFileExactlyWithSplitsOfTheSplitSizeAndALastOneShorterThanAQuarterMore() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            long splitSize = 1 + random.nextInt(i % 2 == 0 ? 10 : 100_000);
            long fileSize = (long) (random.nextDouble() * splitSize * 12);
            List<BlockRangeSplit> splits = plan(splitSize, fileSize);

            String plan = splitSize + " / " + fileSize;
            assertThat(splits).as(plan).isNotEmpty();
            assertThat(splits.get(0).start()).as(plan).isZero();
            assertThat(splits.get(splits.size() - 1).end()).as(plan).isEqualTo(fileSize);
            for (int s = 0; s < splits.size(); s++) {
                BlockRangeSplit split = splits.get(s);
                if (s > 0) {
                    assertThat(split.start()).as(plan).isEqualTo(splits.get(s - 1).end());
                }
                if (s < splits.size() - 1) {
                    assertThat(split.end() - split.start()).as(plan).isEqualTo(splitSize);
                } else {
                    assertThat(split.end() - split.start())
                            .as(plan)
                            .isLessThan(Math.max(splitSize + splitSize / 4, splitSize + 1));
                }
            }
        }
    }

    @Test
    void plansOneEmptySplitForAnEmptyFileSoThatTheReaderChecksItsHeader() {
        assertThat(plan(100, 0)).containsExactly(new BlockRangeSplit(FILE, 0, 0, 0, MTIME));
    }

    @Test
    void givesEverySplitTheFileItsSizeAndModificationTimeAndNoPosition() {
        List<BlockRangeSplit> splits =
                new SplitPlanner(10).plan(new DiscoveredFile(FILE, 31, MTIME));

        assertThat(splits)
                .containsExactly(
                        new BlockRangeSplit(FILE, 0, 10, 31, MTIME),
                        new BlockRangeSplit(FILE, 10, 20, 31, MTIME),
                        new BlockRangeSplit(FILE, 20, 31, 31, MTIME));
        assertThat(splits).noneMatch(BlockRangeSplit::hasPosition);
        assertThat(splits).extracting(BlockRangeSplit::splitId).doesNotHaveDuplicates();
    }

    @Test
    void rejectsASplitSizeThatIsNotPositive() {
        assertThatThrownBy(() -> new SplitPlanner(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SplitPlanner(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
