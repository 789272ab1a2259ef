package io.jetliner.flink.avro.codec;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The {@code snappy} codec: each block is a raw snappy block followed by the big-endian CRC32 of
 * the decompressed bytes, which is checked. Snappy states the decompressed length up front, so the
 * target is sized once, after that length is checked against the limit.
 */
final class SnappyCodec implements Codec {

    static final String NAME = "snappy";

    private static final int CRC_LENGTH = 4;

    private static final VarHandle BIG_ENDIAN_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final SizeLimit limit;
    private final CRC32 crc = new CRC32();

    SnappyCodec(int maxDecompressedSize) {
        this.limit = new SizeLimit(NAME, maxDecompressedSize);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void decompress(byte[] src, int offset, int length, GrowableBuffer target) {
        Objects.checkFromIndexSize(offset, length, src.length);
        target.setLength(0);
        if (length < CRC_LENGTH) {
            throw failed(
                    "the block has "
                            + length
                            + " bytes, fewer than the 4 of the CRC32 that ends it",
                    null);
        }
        int compressedLength = length - CRC_LENGTH;
        int size;
        try {
            size = Snappy.uncompressedLength(src, offset, compressedLength);
        } catch (IOException e) {
            throw failed("corrupt data, no decompressed length: " + e.getMessage(), e);
        }
        if (size < 0) {
            throw failed("negative decompressed length " + size, null);
        }
        byte[] out = limit.reserve(target, size);
        int produced;
        try {
            produced = Snappy.uncompress(src, offset, compressedLength, out, 0);
        } catch (IOException e) {
            throw failed("corrupt data: " + e.getMessage(), e);
        }
        if (produced != size) {
            throw failed(
                    "the block decompresses to "
                            + produced
                            + " bytes, not the "
                            + size
                            + " it states",
                    null);
        }
        crc.reset();
        crc.update(out, 0, size);
        int actual = (int) crc.getValue();
        int expected = (int) BIG_ENDIAN_INT.get(src, offset + compressedLength);
        if (actual != expected) {
            throw failed(
                    String.format(
                            Locale.ROOT,
                            "CRC32 mismatch: the block states %08x, its decompressed bytes have %08x",
                            expected,
                            actual),
                    null);
        }
        target.setLength(size);
    }

    private static JetlinerException failed(String what, Throwable cause) {
        return new JetlinerException(Kind.DECOMPRESSION_FAILED, NAME + ": " + what, cause);
    }
}
