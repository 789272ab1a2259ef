package io.jetliner.flink.source.split;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Writes a {@link BlockRangeSplit} into checkpoints and the messages between enumerator and
 * readers.
 *
 * <p>Version 1: the path's URI as a modified-UTF-8 string (the URI, not the path's decoded text, so
 * that a name holding {@code %} or {@code :} comes back the same), then start, end, file size,
 * modification time, block offset and records to skip as 8-byte integers.
 *
 * <p>Stateless and thread-safe; nothing is cached between calls, so a split's bytes always reflect
 * its current position.
 */
@Internal
public final class BlockRangeSplitSerializer implements SimpleVersionedSerializer<BlockRangeSplit> {

    public static final BlockRangeSplitSerializer INSTANCE = new BlockRangeSplitSerializer();

    public static final int VERSION = 1;

    /** Room for a typical path and the six longs after it. */
    private static final int INITIAL_SIZE = 256;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(BlockRangeSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(INITIAL_SIZE);
        writePath(split.path(), out);
        out.writeLong(split.start());
        out.writeLong(split.end());
        out.writeLong(split.fileSize());
        out.writeLong(split.modificationTime());
        out.writeLong(split.blockOffset());
        out.writeLong(split.recordsToSkip());
        return out.getCopyOfBuffer();
    }

    @Override
    public BlockRangeSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    String.format(
                            "cannot read Jetliner split state of version %d: this release reads"
                                    + " version %d only (written by a newer release?)",
                            version, VERSION));
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        Path path = readPath(in);
        long start = in.readLong();
        long end = in.readLong();
        long fileSize = in.readLong();
        long modificationTime = in.readLong();
        long blockOffset = in.readLong();
        long recordsToSkip = in.readLong();
        if (in.available() != 0) {
            throw new IOException(
                    "corrupt split state: " + in.available() + " bytes after the split of " + path);
        }
        try {
            return new BlockRangeSplit(
                    path, start, end, fileSize, modificationTime, blockOffset, recordsToSkip);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt split state: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a path as its URI, losslessly: the format of paths in all of Jetliner's source state.
     */
    public static void writePath(Path path, DataOutputView out) throws IOException {
        out.writeUTF(path.toUri().toString());
    }

    /** Reads a path written by {@link #writePath}. */
    public static Path readPath(DataInputView in) throws IOException {
        String uri = in.readUTF();
        try {
            return new Path(new URI(uri));
        } catch (URISyntaxException e) {
            throw new IOException("corrupt source state: bad path URI " + uri, e);
        }
    }
}
