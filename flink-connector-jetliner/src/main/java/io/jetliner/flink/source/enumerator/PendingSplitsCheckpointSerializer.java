package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.source.split.BlockRangeSplit;
import io.jetliner.flink.source.split.BlockRangeSplitSerializer;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link PendingSplitsCheckpoint} into checkpoints.
 *
 * <p>Version 1: the split serializer's version; the number of pending splits and each as its length
 * and its bytes from {@link BlockRangeSplitSerializer}; the number of planned paths and each path;
 * the discovery-finished flag. The splits carry their own serializer's version, so that the split
 * format can evolve without a new version here.
 *
 * <p>Stateless and thread-safe. Counts and lengths read are checked against the bytes left before
 * anything is allocated, so corrupt state is an {@link IOException}, never an out-of-memory error.
 */
@Internal
public final class PendingSplitsCheckpointSerializer
        implements SimpleVersionedSerializer<PendingSplitsCheckpoint> {

    public static final PendingSplitsCheckpointSerializer INSTANCE =
            new PendingSplitsCheckpointSerializer();

    public static final int VERSION = 1;

    private final BlockRangeSplitSerializer splitSerializer = BlockRangeSplitSerializer.INSTANCE;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(PendingSplitsCheckpoint checkpoint) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        out.writeInt(splitSerializer.getVersion());
        out.writeInt(checkpoint.pendingSplits().size());
        for (BlockRangeSplit split : checkpoint.pendingSplits()) {
            byte[] bytes = splitSerializer.serialize(split);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        out.writeInt(checkpoint.plannedPaths().size());
        for (Path path : checkpoint.plannedPaths()) {
            BlockRangeSplitSerializer.writePath(path, out);
        }
        out.writeBoolean(checkpoint.discoveryFinished());
        return out.getCopyOfBuffer();
    }

    @Override
    public PendingSplitsCheckpoint deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    String.format(
                            "cannot read Jetliner enumerator state of version %d: this release"
                                    + " reads version %d only (written by a newer release?)",
                            version, VERSION));
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int splitVersion = in.readInt();
        // Each split takes at least its 4-byte length; each path at least its 2-byte length.
        int splitCount = readCount(in, Integer.BYTES, "pending splits");
        List<BlockRangeSplit> splits = new ArrayList<>(splitCount);
        for (int i = 0; i < splitCount; i++) {
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw corrupt("a split of " + length + " bytes with " + in.available() + " left");
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            splits.add(splitSerializer.deserialize(splitVersion, bytes));
        }
        int pathCount = readCount(in, Short.BYTES, "planned paths");
        List<Path> paths = new ArrayList<>(pathCount);
        for (int i = 0; i < pathCount; i++) {
            paths.add(BlockRangeSplitSerializer.readPath(in));
        }
        boolean discoveryFinished = in.readBoolean();
        if (in.available() != 0) {
            throw corrupt(in.available() + " bytes after the end");
        }
        return new PendingSplitsCheckpoint(splits, paths, discoveryFinished);
    }

    private static int readCount(DataInputDeserializer in, int minBytesEach, String what)
            throws IOException {
        int count = in.readInt();
        if (count < 0 || (long) count * minBytesEach > in.available()) {
            throw corrupt(count + " " + what + " with " + in.available() + " bytes left");
        }
        return count;
    }

    private static IOException corrupt(String detail) {
        return new IOException("corrupt Jetliner enumerator state: " + detail);
    }
}
