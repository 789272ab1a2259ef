package io.jetliner.flink.source.enumerator;

import org.apache.flink.util.InstantiationUtil;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionSelectionTest {

    private static final String DEFAULT = PartitionSpecs.DEFAULT_PARTITION_NAME;

    private final PartitionSelection selection =
            new PartitionSelection(
                    List.of(
                            Map.of("dt", "2024-01-01", "region", "eu"),
                            Map.of("dt", "2024-01-02", "region", DEFAULT)),
                    DEFAULT);

    @Test
    void holdsTheFilesOfASelectedPartitionWhateverOtherKeysTheirPathsName() {
        assertThat(selection.holds(Map.of("dt", "2024-01-01", "region", "eu"))).isTrue();
        assertThat(selection.holds(Map.of("region", "eu", "dt", "2024-01-01", "hour", "3")))
                .isTrue();
        assertThat(selection.holds(Map.of("dt", "2024-01-01", "region", "us"))).isFalse();
        assertThat(selection.holds(Map.of("dt", "2024-01-03", "region", "eu"))).isFalse();
    }

    @Test
    void takesAKeyMissingFromAPathForTheDefaultPartition() {
        assertThat(selection.holds(Map.of("dt", "2024-01-02", "region", DEFAULT))).isTrue();
        assertThat(selection.holds(Map.of("dt", "2024-01-02"))).isTrue();
        assertThat(selection.holds(Map.of("dt", "2024-01-01"))).isFalse();
        assertThat(selection.holds(Map.of())).isFalse();
    }

    @Test
    void takesANullValueAsSqlGivesItForTheDefaultPartition() {
        Map<String, String> nullRegion = new java.util.HashMap<>();
        nullRegion.put("dt", "2024-01-02");
        nullRegion.put("region", null);
        PartitionSelection fromSql = new PartitionSelection(List.of(nullRegion), DEFAULT);

        assertThat(fromSql.holds(Map.of("dt", "2024-01-02", "region", DEFAULT))).isTrue();
        assertThat(fromSql.holds(Map.of("dt", "2024-01-02"))).isTrue();
        assertThat(fromSql.holds(Map.of("dt", "2024-01-02", "region", "eu"))).isFalse();
    }

    @Test
    void letsListingGoBelowADirectoryOnlyWhileSomePartitionIsStillPossible() {
        assertThat(selection.mayHoldBelow(Map.of())).isTrue();
        assertThat(selection.mayHoldBelow(Map.of("dt", "2024-01-01"))).isTrue();
        assertThat(selection.mayHoldBelow(Map.of("dt", "2024-01-03"))).isFalse();
        assertThat(selection.mayHoldBelow(Map.of("region", "eu"))).isTrue();
        assertThat(selection.mayHoldBelow(Map.of("dt", "2024-01-02", "region", "eu"))).isFalse();
        assertThat(selection.mayHoldBelow(Map.of("year", "2024"))).as("not a key").isTrue();
    }

    @Test
    void selectsNothingWithoutPartitions() {
        PartitionSelection none = new PartitionSelection(List.of(), DEFAULT);

        assertThat(none.mayHoldBelow(Map.of())).isFalse();
        assertThat(none.holds(Map.of("dt", "2024-01-01"))).isFalse();
    }

    @Test
    void selectsTheSameAfterSerialization() throws Exception {
        PartitionSelection copy = InstantiationUtil.clone(selection, getClass().getClassLoader());

        assertThat(copy.partitions()).isEqualTo(selection.partitions());
        assertThat(copy.holds(Map.of("dt", "2024-01-02"))).isTrue();
        assertThat(copy.mayHoldBelow(Map.of("dt", "2024-01-03"))).isFalse();
    }
}
