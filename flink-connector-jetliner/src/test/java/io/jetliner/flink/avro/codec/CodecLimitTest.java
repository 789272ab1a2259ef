package io.jetliner.flink.avro.codec;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import com.github.luben.zstd.Zstd;
import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32;

import static io.jetliner.flink.avro.codec.AvroBlocks.MIB;
import static io.jetliner.flink.avro.codec.AvroBlocks.compress;
import static io.jetliner.flink.avro.codec.AvroBlocks.compressible;
import static io.jetliner.flink.avro.codec.CodecRoundTripTest.assertDecompressedTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No block makes a codec allocate more than its maximum decompressed size. */
class CodecLimitTest {

    static final List<String> CODECS = AvroBlocks.CODECS;

    /** Not a power of two, so that plain doubling would overshoot it. */
    private static final int LIMIT = 1_000_000;

    private static final byte[] EIGHT_MIB_OF_ZEROS = new byte[8 * MIB];

    @ParameterizedTest
    @FieldSource("CODECS")
    void refusesABlockThatDecompressesBeyondTheLimit(String codec) {
        byte[] block = compress(codec, EIGHT_MIB_OF_ZEROS);
        GrowableBuffer target = new GrowableBuffer(1024);

        assertThatThrownBy(
                        () ->
                                Codecs.create(codec, LIMIT)
                                        .decompress(block, 0, block.length, target))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e -> {
                            assertThat(e.kind()).isEqualTo(Kind.SIZE_LIMIT_EXCEEDED);
                            assertThat(e.detail())
                                    .startsWith(codec + ": ")
                                    .contains("1,000,000 bytes", "max-block-size");
                        });
        assertThat(target.array().length).isLessThanOrEqualTo(LIMIT);
    }

    @ParameterizedTest
    @FieldSource("CODECS")
    void acceptsABlockOfExactlyTheLimit(String codec) {
        byte[] data = compressible(LIMIT, 1);
        byte[] block = compress(codec, data);
        GrowableBuffer target = new GrowableBuffer(1000);

        Codecs.create(codec, LIMIT).decompress(block, 0, block.length, target);

        assertDecompressedTo(target, data);
        assertThat(target.array().length).isEqualTo(LIMIT);
    }

    @ParameterizedTest
    @FieldSource("CODECS")
    void refusesAByteMoreThanTheLimit(String codec) {
        byte[] block = compress(codec, compressible(LIMIT + 1, 1));
        GrowableBuffer target = new GrowableBuffer(1000);

        assertThatThrownBy(
                        () ->
                                Codecs.create(codec, LIMIT)
                                        .decompress(block, 0, block.length, target))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.SIZE_LIMIT_EXCEEDED));
        assertThat(target.array().length).isLessThanOrEqualTo(LIMIT);
    }

    @Test
    void refusesAStatedSnappyLengthBeforeAllocatingAnything() {
        byte[] block = compress("snappy", EIGHT_MIB_OF_ZEROS);
        GrowableBuffer target = new GrowableBuffer(1024);

        assertThatThrownBy(
                        () ->
                                Codecs.create("snappy", MIB)
                                        .decompress(block, 0, block.length, target))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e ->
                                assertThat(e.detail())
                                        .contains("declares 8,388,608 decompressed bytes"));
        assertThat(target.array().length).isEqualTo(1024);
    }

    @Test
    void refusesAStatedZstdContentSizeBeforeAllocatingAnything() {
        byte[] block = Zstd.compress(EIGHT_MIB_OF_ZEROS);
        GrowableBuffer target = new GrowableBuffer(1024);

        assertThatThrownBy(
                        () -> Codecs.create("zstd", MIB).decompress(block, 0, block.length, target))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e ->
                                assertThat(e.detail())
                                        .contains("declares 8,388,608 decompressed bytes"));
        assertThat(target.array().length).isEqualTo(1024);
    }

    @Test
    void refusesAnXzStreamWhoseDictionaryWouldExceedTheMemoryLimit() {
        byte[] block = compress(CodecFactory.xzCodec(6), new byte[] {1});
        withLzma2DictionaryOf1536MiB(block);
        GrowableBuffer target = new GrowableBuffer(16);

        assertThatThrownBy(
                        () -> Codecs.create("xz", MIB).decompress(block, 0, block.length, target))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e -> {
                            assertThat(e.kind()).isEqualTo(Kind.SIZE_LIMIT_EXCEEDED);
                            assertThat(e.detail()).startsWith("xz: ").contains("max-block-size");
                        });
    }

    /**
     * Rewrites the dictionary size in the first block header of an xz stream written by xz-java
     * (one LZMA2 filter), and the header's CRC32 with it.
     */
    private static void withLzma2DictionaryOf1536MiB(byte[] xz) {
        int header = 12; // after the stream header
        int headerSize = ((xz[header] & 0xFF) + 1) * 4;
        int flags = xz[header + 1] & 0xFF;
        assertThat(flags & 0x03).as("one filter").isZero();
        assertThat(flags & 0xC0).as("no sizes in the block header").isZero();
        assertThat(xz[header + 2]).as("LZMA2 filter id").isEqualTo((byte) 0x21);
        assertThat(xz[header + 3]).as("one property byte").isEqualTo((byte) 1);
        xz[header + 4] = 37; // 3 << 29 bytes
        CRC32 crc = new CRC32();
        crc.update(xz, header, headerSize - 4);
        ByteBuffer.wrap(xz, header + headerSize - 4, 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) crc.getValue());
    }
}
