package io.jetliner.flink.testutil;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster the DataStream ITCases run their jobs on. */
public final class MiniClusters {

    private MiniClusters() {}

    /** One task manager with {@code slots} slots, so jobs of that parallelism run side by side. */
    public static MiniClusterExtension withSlots(int slots) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(slots)
                        .build());
    }
}
