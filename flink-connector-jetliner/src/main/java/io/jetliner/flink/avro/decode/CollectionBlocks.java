package io.jetliner.flink.avro.decode;

/** The checks that arrays and maps share. */
final class CollectionBlocks {

    /**
     * The most items of a zero-byte type (null, fixed(0), a record of such) that one array block
     * may claim: such items cost no bytes in the file, so the block's size cannot bound them.
     */
    static final int MAX_ZERO_SIZE_ITEMS = 1 << 24;

    private CollectionBlocks() {}

    /**
     * Checks that the block can hold {@code count} items of {@code itemSize} bytes each ({@link
     * FieldReader#VARIABLE_SIZE}: at least one byte each), before anyone makes room for them.
     */
    static int checkCount(BlockCursor in, long count, int itemSize, String what) {
        long maxCount =
                itemSize == 0 ? MAX_ZERO_SIZE_ITEMS : in.remaining() / Math.max(1, itemSize);
        if (count > maxCount) {
            throw in.error(
                    what
                            + " block of "
                            + count
                            + " items cannot fit in the "
                            + in.remaining()
                            + " bytes left in the block");
        }
        return (int) count;
    }

    /** Checks that a block that gave its byte size holds exactly that many bytes. */
    static void checkBlockEnd(BlockCursor in, int blockStart, int blockSize, String what) {
        if (blockSize >= 0 && in.position() - blockStart != blockSize) {
            throw in.error(
                    what
                            + " block declared "
                            + blockSize
                            + " bytes but its items took "
                            + (in.position() - blockStart));
        }
    }
}
