package io.jetliner.flink.source.split;

import org.apache.flink.core.fs.Path;
import org.apache.flink.util.InstantiationUtil;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockRangeSplitTest {

    private static final Path FILE = new Path("s3://bucket/events/part-0.avro");

    @Test
    void identifiesASplitByPathAndStartWhateverItsPosition() {
        BlockRangeSplit split = new BlockRangeSplit(FILE, 100, 200, 1000, 7);

        assertThat(split.splitId()).isEqualTo("s3://bucket/events/part-0.avro:100");
        assertThat(split.withPosition(150, 3).splitId()).isEqualTo(split.splitId());
        assertThat(new BlockRangeSplit(FILE, 200, 300, 1000, 7).splitId())
                .isNotEqualTo(split.splitId());
        assertThat(
                        new BlockRangeSplit(
                                        new Path("s3://bucket/events/part-1.avro"),
                                        100,
                                        200,
                                        1000,
                                        7)
                                .splitId())
                .isNotEqualTo(split.splitId());
    }

    @Test
    void startsWithoutAPositionAndKeepsItsRangeWhenMovedOn() {
        BlockRangeSplit fresh = new BlockRangeSplit(FILE, 100, 200, 1000, 7);
        BlockRangeSplit moved = fresh.withPosition(164, 12);

        assertThat(fresh.hasPosition()).isFalse();
        assertThat(fresh.blockOffset()).isEqualTo(BlockRangeSplit.NO_BLOCK_OFFSET);
        assertThat(fresh.recordsToSkip()).isZero();
        assertThat(moved.hasPosition()).isTrue();
        assertThat(moved.blockOffset()).isEqualTo(164);
        assertThat(moved.recordsToSkip()).isEqualTo(12);
        assertThat(moved.path()).isEqualTo(FILE);
        assertThat(moved.start()).isEqualTo(100);
        assertThat(moved.end()).isEqualTo(200);
        assertThat(moved.fileSize()).isEqualTo(1000);
        assertThat(moved.modificationTime()).isEqualTo(7);
        assertThat(fresh.blockOffset()).as("the original is unchanged").isEqualTo(-1);
    }

    @Test
    void isEqualOnlyToASplitWithTheSameRangeFileAndPosition() {
        BlockRangeSplit split = new BlockRangeSplit(FILE, 100, 200, 1000, 7).withPosition(150, 2);

        assertThat(split)
                .isEqualTo(new BlockRangeSplit(FILE, 100, 200, 1000, 7, 150, 2))
                .hasSameHashCodeAs(new BlockRangeSplit(FILE, 100, 200, 1000, 7, 150, 2))
                .isNotEqualTo(split.withPosition(150, 3))
                .isNotEqualTo(split.withPosition(170, 2))
                .isNotEqualTo(new BlockRangeSplit(FILE, 100, 201, 1000, 7, 150, 2))
                .isNotEqualTo(new BlockRangeSplit(FILE, 100, 200, 1001, 7, 150, 2))
                .isNotEqualTo(new BlockRangeSplit(FILE, 100, 200, 1000, 8, 150, 2));
        assertThat(split.toString()).contains(FILE.toString(), "[100, 200)", "150");
    }

    @Test
    void rejectsARangeOutsideItsFile() {
        assertThatThrownBy(() -> new BlockRangeSplit(FILE, -1, 10, 100, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FILE.toString());
        assertThatThrownBy(() -> new BlockRangeSplit(FILE, 20, 10, 100, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlockRangeSplit(FILE, 0, 101, 100, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAPositionThatCannotBe() {
        BlockRangeSplit split = new BlockRangeSplit(FILE, 0, 100, 100, 0);

        assertThatThrownBy(() -> split.withPosition(BlockRangeSplit.NO_BLOCK_OFFSET, 5))
                .as("records to skip without a block")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> split.withPosition(-2, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> split.withPosition(101, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> split.withPosition(50, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(split.withPosition(100, 0).blockOffset())
                .as("the end of the file, after its last block")
                .isEqualTo(100);
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        BlockRangeSplit split = new BlockRangeSplit(FILE, 100, 200, 1000, 7).withPosition(150, 2);

        BlockRangeSplit copy = InstantiationUtil.clone(split);

        assertThat(copy).isEqualTo(split);
        assertThat(copy.splitId()).isEqualTo(split.splitId());
    }
}
