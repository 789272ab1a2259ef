package io.jetliner.flink.avro.codec;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import org.apache.avro.file.CodecFactory;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.jetliner.flink.avro.codec.AvroBlocks.compress;
import static io.jetliner.flink.avro.codec.AvroBlocks.compressible;
import static io.jetliner.flink.avro.codec.AvroBlocks.incompressible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Corrupt and truncated blocks are decompression failures, never hangs or stray exceptions. */
class CodecCorruptInputTest {

    static final List<String> COMPRESSING_CODECS = AvroBlocks.COMPRESSING_CODECS;

    private static final byte[] DATA = compressible(200_000, 1);

    /** Per codec, a block damaged where its format is sure to notice. */
    static Stream<Arguments> corruptBlocks() {
        byte[] deflate = compress("deflate", DATA);
        deflate[0] = 0x07; // final block of the reserved type 3
        // a literal: in a copy, another offset may point to the same bytes
        byte[] snappy = compress("snappy", incompressible(10_000, 4));
        snappy[snappy.length / 2] ^= 0x55;
        byte[] zstandard = compress("zstandard", DATA);
        zstandard[0] ^= 0x01; // the frame's magic number
        byte[] zstandardChecked = compress(CodecFactory.zstandardCodec(3, true), DATA);
        zstandardChecked[zstandardChecked.length / 2] ^= 0x55;
        byte[] bzip2 = compress("bzip2", DATA);
        bzip2[bzip2.length / 2] ^= 0x55;
        byte[] xz = compress("xz", DATA);
        xz[xz.length / 2] ^= 0x55;
        return Stream.of(
                Arguments.of("deflate", deflate),
                Arguments.of("snappy", snappy),
                Arguments.of("zstandard", zstandard),
                Arguments.of("zstandard", zstandardChecked),
                Arguments.of("bzip2", bzip2),
                Arguments.of("xz", xz));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptBlocks")
    void reportsACorruptBlockAsADecompressionFailure(String codec, byte[] block) {
        assertDecompressionFails(codec, () -> decompress(codec, block, block.length));
    }

    @ParameterizedTest
    @FieldSource("COMPRESSING_CODECS")
    void reportsATruncatedBlockAsADecompressionFailure(String codec) {
        byte[] block = compress(codec, incompressible(100_000, 2));
        for (int length : new int[] {0, 1, 10, block.length / 2, block.length - 1}) {
            assertDecompressionFails(codec, () -> decompress(codec, block, length));
        }
    }

    @ParameterizedTest
    @FieldSource("COMPRESSING_CODECS")
    void reportsGarbageAsADecompressionFailure(String codec) {
        byte[] garbage = incompressible(10_000, 3);
        assertDecompressionFails(codec, () -> decompress(codec, garbage, garbage.length));
    }

    @Test
    void rejectsASnappyBlockWhoseCrcDoesNotMatch() {
        byte[] block = compress("snappy", DATA);
        block[block.length - 1] ^= 0x01;

        assertThatThrownBy(() -> decompress("snappy", block, block.length))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e -> {
                            assertThat(e.kind()).isEqualTo(Kind.DECOMPRESSION_FAILED);
                            assertThat(e.detail()).startsWith("snappy: CRC32 mismatch");
                        });
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void rejectsASnappyBlockShorterThanItsCrc(int length) {
        byte[] block = Arrays.copyOf(compress("snappy", DATA), length);

        assertThatThrownBy(() -> decompress("snappy", block, length))
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e -> {
                            assertThat(e.kind()).isEqualTo(Kind.DECOMPRESSION_FAILED);
                            assertThat(e.detail()).startsWith("snappy: ").contains("CRC32");
                        });
    }

    private static void decompress(String codec, byte[] block, int length) {
        Codecs.create(codec, Codecs.DEFAULT_MAX_DECOMPRESSED_SIZE)
                .decompress(block, 0, length, new GrowableBuffer());
    }

    private static void assertDecompressionFails(String codec, ThrowingCallable decompression) {
        assertThatThrownBy(decompression)
                .isInstanceOfSatisfying(
                        JetlinerException.class,
                        e -> {
                            assertThat(e.kind()).isEqualTo(Kind.DECOMPRESSION_FAILED);
                            assertThat(e.detail()).startsWith(codec + ": ");
                        });
    }
}
