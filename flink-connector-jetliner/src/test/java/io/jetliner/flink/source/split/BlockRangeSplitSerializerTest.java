package io.jetliner.flink.source.split;

import org.apache.flink.core.fs.Path;
import org.apache.flink.core.memory.DataOutputSerializer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockRangeSplitSerializerTest {

    private static final BlockRangeSplitSerializer SERIALIZER = BlockRangeSplitSerializer.INSTANCE;

    private static BlockRangeSplit roundTrip(BlockRangeSplit split) throws IOException {
        byte[] bytes = SERIALIZER.serialize(split);
        return SERIALIZER.deserialize(SERIALIZER.getVersion(), bytes);
    }

    @Test
    void restoresFreshAndPositionedSplitsExactly() throws IOException {
        BlockRangeSplit fresh =
                new BlockRangeSplit(new Path("file:/data/a.avro"), 0, 64 << 20, 5L << 30, 17);
        BlockRangeSplit positioned = fresh.withPosition(1_234_567, 42);
        BlockRangeSplit extreme =
                new BlockRangeSplit(
                        new Path("hdfs://nn:8020/x.avro"),
                        Long.MAX_VALUE - 1,
                        Long.MAX_VALUE,
                        Long.MAX_VALUE,
                        Long.MIN_VALUE,
                        Long.MAX_VALUE,
                        Long.MAX_VALUE);

        for (BlockRangeSplit split : List.of(fresh, positioned, extreme)) {
            BlockRangeSplit restored = roundTrip(split);
            assertThat(restored).isEqualTo(split);
            assertThat(restored.splitId()).isEqualTo(split.splitId());
        }
    }

    @Test
    void restoresPathsWithUnicodeSpacesPercentSignsAndColons() throws Exception {
        List<Path> paths =
                List.of(
                        new Path(new URI("file", null, "/tmp/50%41 ü:x.avro", null)),
                        new Path(new URI("s3", "bucket", "/年/データ 😀.avro", null)),
                        new Path("s3://bucket/dir/über file.avro"),
                        new Path("relative/part-0.avro"));
        for (Path path : paths) {
            BlockRangeSplit split = new BlockRangeSplit(path, 0, 10, 10, 1).withPosition(4, 1);

            BlockRangeSplit restored = roundTrip(split);

            assertThat(restored.path()).isEqualTo(path);
            assertThat(restored.path().getPath()).isEqualTo(path.getPath());
            assertThat(restored.splitId()).isEqualTo(split.splitId());
        }
    }

    @Test
    void writesThePathAndSixNumbersOnly() throws IOException {
        Path path = new Path("s3://b/k.avro");

        byte[] bytes = SERIALIZER.serialize(new BlockRangeSplit(path, 0, 10, 10, 1));

        assertThat(bytes).hasSize(2 + "s3://b/k.avro".length() + 6 * Long.BYTES);
    }

    @Test
    void rejectsAnUnknownVersionNamingIt() throws IOException {
        byte[] bytes = SERIALIZER.serialize(new BlockRangeSplit(new Path("/a"), 0, 1, 1, 0));

        assertThatThrownBy(() -> SERIALIZER.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2")
                .hasMessageContaining("version 1");
        assertThatThrownBy(() -> SERIALIZER.deserialize(0, bytes)).isInstanceOf(IOException.class);
    }

    @Test
    void rejectsTruncatedOrOverlongBytes() throws IOException {
        byte[] bytes = SERIALIZER.serialize(new BlockRangeSplit(new Path("/a"), 0, 1, 1, 0));

        assertThatThrownBy(() -> SERIALIZER.deserialize(1, Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SERIALIZER.deserialize(1, Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1 bytes after");
    }

    @Test
    void rejectsAnImpossibleRangeAsCorruptState() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF("file:/a.avro");
        out.writeLong(50); // start
        out.writeLong(10); // end, before the start
        out.writeLong(100);
        out.writeLong(0);
        out.writeLong(-1);
        out.writeLong(0);

        assertThatThrownBy(() -> SERIALIZER.deserialize(1, out.getCopyOfBuffer()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt split state");
    }
}
