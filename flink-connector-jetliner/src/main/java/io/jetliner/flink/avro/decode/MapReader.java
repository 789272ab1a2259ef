package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BytesVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.MapVector;

/**
 * Avro {@code map}: blocks of entries (see {@link CollectionBlocks}), each a string key and a
 * value. Keys and values go one after the other into the key and value vectors, which grow; the row
 * is their range.
 */
final class MapReader extends WrappingReader {

    MapReader(FieldReader value) {
        super(value);
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row, FieldReader value) {
        MapVector vector = (MapVector) out;
        BytesVector keys = vector.keys();
        GrowableVector values = vector.values();
        int end = vector.entryCount();
        for (; ; ) {
            int countEnd = AvroBinary.varintEnd(data, pos, limit);
            int count = CollectionBlocks.itemCount(data, pos, countEnd, limit, VARIABLE_SIZE);
            if (count == 0) {
                vector.finishRow(row, end);
                return countEnd;
            }
            int itemsEnd = -1;
            if (CollectionBlocks.hasByteSize(data, pos)) {
                pos = AvroBinary.varintEnd(data, countEnd, limit);
                itemsEnd = CollectionBlocks.itemsEnd(data, countEnd, pos, limit);
            } else {
                pos = countEnd;
            }
            keys.ensureCapacity((long) end + count);
            values.ensureCapacity((long) end + count);
            for (int i = 0; i < count; i++) {
                long keyLength = AvroBinary.readLength(data, pos, limit);
                int keyStart = AvroBinary.end(keyLength);
                keys.append(end, data, keyStart, AvroBinary.value(keyLength));
                pos =
                        value.read(
                                data, keyStart + AvroBinary.value(keyLength), limit, values, end++);
            }
            if (itemsEnd >= 0) {
                CollectionBlocks.checkItemsEnd(itemsEnd, pos);
            }
        }
    }

    @Override
    int skip(byte[] data, int pos, int limit, FieldReader value) {
        for (; ; ) {
            int countEnd = AvroBinary.varintEnd(data, pos, limit);
            int count = CollectionBlocks.itemCount(data, pos, countEnd, limit, VARIABLE_SIZE);
            if (count == 0) {
                return countEnd;
            }
            if (CollectionBlocks.hasByteSize(data, pos)) {
                int sizeEnd = AvroBinary.varintEnd(data, countEnd, limit);
                pos = CollectionBlocks.itemsEnd(data, countEnd, sizeEnd, limit);
            } else {
                pos = countEnd;
                for (int i = 0; i < count; i++) {
                    pos = value.skip(data, AvroBinary.skipLengthPrefixed(data, pos, limit), limit);
                }
            }
        }
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new MapVector(capacity, new BytesVector(capacity), child.createVector(capacity));
    }
}
