package io.jetliner.flink.avro.codec;

import java.util.Objects;

/**
 * The {@code null} codec: blocks are stored as they are. The {@link Codec} contract has the bytes
 * end up in the target, so this copies them; a reader that wants to avoid even that decodes the
 * payload where it read it ({@link #storesBlocksAsIs()}).
 */
final class NullCodec implements Codec {

    static final String NAME = "null";

    private final SizeLimit limit;

    NullCodec(int maxDecompressedSize) {
        this.limit = new SizeLimit(NAME, maxDecompressedSize);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean storesBlocksAsIs() {
        return true;
    }

    @Override
    public void decompress(byte[] src, int offset, int length, GrowableBuffer target) {
        Objects.checkFromIndexSize(offset, length, src.length);
        target.setLength(0);
        byte[] out = limit.reserve(target, length);
        System.arraycopy(src, offset, out, 0, length);
        target.setLength(length);
    }
}
