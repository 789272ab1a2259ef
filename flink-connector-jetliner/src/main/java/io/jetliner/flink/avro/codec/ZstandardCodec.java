package io.jetliner.flink.avro.codec;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

import java.lang.ref.Cleaner;
import java.util.Objects;

/**
 * The {@code zstandard} codec: each block is one or more zstd frames. One native decompression
 * context serves every block.
 *
 * <p>Blocks are decompressed in one shot straight into the target's array. A frame that states its
 * content size (zstd-jni's one-shot compressor writes it) sizes the target up front. Avro Java
 * compresses through a stream and writes none; then the block is decompressed into the room the
 * target has and, if it does not fit, again into twice that room, up to the limit. Since the target
 * keeps its size from block to block, that retry happens only while a reader meets blocks larger
 * than any before, and costs at most as much again as the final pass. zstd-jni's streaming API
 * would avoid it only at the price of copying every block through direct buffers, or of a new
 * native stream per block.
 */
final class ZstandardCodec implements Codec {

    static final String NAME = "zstandard";

    /** Frees the native context of a codec that was never closed, once it is unreachable. */
    private static final Cleaner CLEANER = Cleaner.create();

    private static final long DST_SIZE_TOO_SMALL = Zstd.errDstSizeTooSmall();

    private final SizeLimit limit;
    private final ZstdDecompressCtx context;
    private final Cleaner.Cleanable cleanable;

    ZstandardCodec(int maxDecompressedSize) {
        this.limit = new SizeLimit(NAME, maxDecompressedSize);
        ZstdDecompressCtx context = new ZstdDecompressCtx();
        this.cleanable = CLEANER.register(this, context::close);
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    @Override
    public void decompress(byte[] src, int offset, int length, GrowableBuffer target) {
        Objects.checkFromIndexSize(offset, length, src.length);
        target.setLength(0);
        if (length == 0) {
            // zstd itself reads no frames as no bytes, but even an empty frame takes 9 bytes
            throw failed("the block is empty, without even a frame header", null);
        }
        long contentSize = Zstd.getFrameContentSize(src, offset, length);
        // negative: not stated (-1), or no valid frame header, which decompression reports
        if (contentSize >= 0) {
            limit.reserve(target, contentSize);
        }
        while (true) {
            try {
                int capacity = limit.capacity(target);
                int size =
                        context.decompressByteArray(
                                target.array(), 0, capacity, src, offset, length);
                target.setLength(size);
                return;
            } catch (ZstdException e) {
                if (e.getErrorCode() != DST_SIZE_TOO_SMALL) {
                    throw failed("corrupt data: " + e.getMessage(), e);
                }
            }
            limit.grow(target);
        }
    }

    private static JetlinerException failed(String what, Throwable cause) {
        return new JetlinerException(Kind.DECOMPRESSION_FAILED, NAME + ": " + what, cause);
    }
}
