package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.source.split.BlockRangeSplit;
import io.jetliner.flink.source.split.BlockRangeSplitSerializer;

import org.apache.flink.core.fs.Path;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PendingSplitsCheckpointSerializerTest {

    private static final PendingSplitsCheckpointSerializer SERIALIZER =
            PendingSplitsCheckpointSerializer.INSTANCE;

    private static PendingSplitsCheckpoint roundTrip(PendingSplitsCheckpoint checkpoint)
            throws IOException {
        return SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(checkpoint));
    }

    @Test
    void restoresPendingSplitsInOrderWithTheirPositionsPlannedPathsAndDiscoveryState()
            throws IOException {
        Path a = new Path("s3://bucket/ü/a.avro");
        Path b = new Path("file:/data/50%25 b.avro");
        Path c = new Path("file:/data/c.avro");
        List<BlockRangeSplit> pending =
                List.of(
                        new BlockRangeSplit(b, 100, 200, 250, 9).withPosition(140, 3),
                        new BlockRangeSplit(a, 0, 100, 100, 8),
                        new BlockRangeSplit(b, 200, 250, 250, 9));
        PendingSplitsCheckpoint checkpoint =
                new PendingSplitsCheckpoint(pending, List.of(c, a, b), true);

        PendingSplitsCheckpoint restored = roundTrip(checkpoint);

        assertThat(restored).isEqualTo(checkpoint);
        assertThat(restored.pendingSplits()).containsExactlyElementsOf(pending);
        assertThat(restored.plannedPaths()).containsExactly(c, a, b);
        assertThat(restored.discoveryFinished()).isTrue();
    }

    @Test
    void restoresTheInitialState() throws IOException {
        PendingSplitsCheckpoint restored = roundTrip(PendingSplitsCheckpoint.initial());

        assertThat(restored.pendingSplits()).isEmpty();
        assertThat(restored.plannedPaths()).isEmpty();
        assertThat(restored.discoveryFinished()).isFalse();
    }

    @Test
    void rejectsAnUnknownVersionNamingIt() throws IOException {
        byte[] bytes = SERIALIZER.serialize(PendingSplitsCheckpoint.initial());

        assertThatThrownBy(() -> SERIALIZER.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void readsTheSplitsWithTheSplitVersionTheyWereWrittenWith() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeInt(BlockRangeSplitSerializer.VERSION + 1);
        out.writeInt(1);
        byte[] split =
                BlockRangeSplitSerializer.INSTANCE.serialize(
                        new BlockRangeSplit(new Path("/a"), 0, 1, 1, 0));
        out.writeInt(split.length);
        out.write(split);
        out.writeInt(0);
        out.writeBoolean(true);

        assertThatThrownBy(() -> SERIALIZER.deserialize(1, out.getCopyOfBuffer()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("split state of version 2");
    }

    @Test
    void rejectsCountsAndLengthsLargerThanTheStateBeforeAllocating() throws IOException {
        DataOutputSerializer hugeCount = new DataOutputSerializer(16);
        hugeCount.writeInt(BlockRangeSplitSerializer.VERSION);
        hugeCount.writeInt(Integer.MAX_VALUE);

        DataOutputSerializer hugeSplit = new DataOutputSerializer(16);
        hugeSplit.writeInt(BlockRangeSplitSerializer.VERSION);
        hugeSplit.writeInt(1);
        hugeSplit.writeInt(Integer.MAX_VALUE - 8);

        DataOutputSerializer negativeCount = new DataOutputSerializer(16);
        negativeCount.writeInt(BlockRangeSplitSerializer.VERSION);
        negativeCount.writeInt(0);
        negativeCount.writeInt(-1);

        for (DataOutputSerializer out : List.of(hugeCount, hugeSplit, negativeCount)) {
            assertThatThrownBy(() -> SERIALIZER.deserialize(1, out.getCopyOfBuffer()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("corrupt");
        }
    }

    @Test
    void rejectsTruncatedOrOverlongState() throws IOException {
        byte[] bytes =
                SERIALIZER.serialize(
                        new PendingSplitsCheckpoint(
                                List.of(new BlockRangeSplit(new Path("/a"), 0, 1, 1, 0)),
                                List.of(new Path("/a")),
                                true));

        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> SERIALIZER.deserialize(1, truncated))
                    .as("truncated to %d bytes", length)
                    .isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> SERIALIZER.deserialize(1, Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(IOException.class);
    }
}
