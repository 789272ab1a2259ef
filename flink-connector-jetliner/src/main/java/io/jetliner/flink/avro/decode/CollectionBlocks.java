package io.jetliner.flink.avro.decode;

/**
 * The block structure that arrays and maps share: blocks of items, each a count (negative: then
 * followed by the block's size in bytes) and the items, until a count of zero.
 */
final class CollectionBlocks {

    /**
     * The most items of a zero-byte type (null, fixed(0), a record of such) that one block may
     * claim: such items cost no bytes in the file, so the block's size cannot bound them.
     */
    static final int MAX_ZERO_SIZE_ITEMS = 1 << 24;

    private CollectionBlocks() {}

    /**
     * The item count of the block whose count varint is {@code [pos, end)}: the absolute value,
     * checked so that the items, {@code itemSize} bytes each ({@link FieldReader#VARIABLE_SIZE}: at
     * least one byte), can fit in the block, before anyone makes room for them.
     */
    static int itemCount(byte[] data, int pos, int end, int limit, int itemSize) {
        long count = AvroBinary.decodeLong(data, pos, end);
        if (count == Long.MIN_VALUE) {
            throw new DecodeException(pos, "invalid item count " + count);
        }
        count = Math.abs(count);
        long maxCount = itemSize == 0 ? MAX_ZERO_SIZE_ITEMS : (limit - end) / Math.max(1, itemSize);
        if (count > maxCount) {
            throw new DecodeException(
                    pos,
                    "block of "
                            + count
                            + " items cannot fit in the "
                            + (limit - end)
                            + " bytes left in the block");
        }
        return (int) count;
    }

    /** Whether the count varint at {@code pos} is negative: then a byte size follows it. */
    static boolean hasByteSize(byte[] data, int pos) {
        // The zig-zag sign is the lowest bit of the first byte.
        return (data[pos] & 1) != 0;
    }

    /**
     * The position just past the items of a block whose byte-size varint is {@code [pos, end)},
     * checked to be within the block.
     */
    static int itemsEnd(byte[] data, int pos, int end, int limit) {
        long size = AvroBinary.decodeLong(data, pos, end);
        if (size < 0 || size > limit - end) {
            throw new DecodeException(
                    pos, "block size " + size + " outside the " + (limit - end) + " bytes left");
        }
        return end + (int) size;
    }

    /** Checks that the items of a block that gave its byte size took exactly that many bytes. */
    static void checkItemsEnd(int itemsEnd, int pos) {
        if (pos != itemsEnd) {
            throw new DecodeException(
                    pos,
                    "the block's items end "
                            + (pos - itemsEnd)
                            + " bytes away from where its byte size says");
        }
    }
}
