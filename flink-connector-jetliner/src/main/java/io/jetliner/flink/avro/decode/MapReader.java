package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BytesVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.MapVector;

/**
 * Avro {@code map}: blocks of entries like an array's, each entry a string key and a value. Keys
 * and values go one after the other into the key and value vectors, which grow; the row is their
 * range.
 */
final class MapReader extends FieldReader {

    private final FieldReader value;

    MapReader(FieldReader value) {
        this.value = value;
    }

    @Override
    void read(BlockCursor in, GrowableVector out, int row) {
        MapVector vector = (MapVector) out;
        BytesVector keys = vector.keys();
        GrowableVector values = vector.values();
        int end = vector.entryCount();
        for (long blockCount = in.readBlockCount();
                blockCount != 0;
                blockCount = in.readBlockCount()) {
            int blockSize = in.blockSize();
            int blockStart = in.position();
            int count = CollectionBlocks.checkCount(in, blockCount, VARIABLE_SIZE, "map");
            keys.ensureCapacity((long) end + count);
            values.ensureCapacity((long) end + count);
            for (int i = 0; i < count; i++) {
                int keyLength = in.readLength();
                keys.append(end, in.data(), in.position(), keyLength);
                in.advance(keyLength);
                value.read(in, values, end++);
            }
            CollectionBlocks.checkBlockEnd(in, blockStart, blockSize, "map");
        }
        vector.finishRow(row, end);
    }

    @Override
    void skip(BlockCursor in) {
        for (long blockCount = in.readBlockCount();
                blockCount != 0;
                blockCount = in.readBlockCount()) {
            if (in.blockSize() >= 0) {
                in.advance(in.blockSize());
                continue;
            }
            int count = CollectionBlocks.checkCount(in, blockCount, VARIABLE_SIZE, "map");
            for (int i = 0; i < count; i++) {
                in.skipLengthPrefixed();
                value.skip(in);
            }
        }
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new MapVector(capacity, new BytesVector(capacity), value.createVector(capacity));
    }
}
