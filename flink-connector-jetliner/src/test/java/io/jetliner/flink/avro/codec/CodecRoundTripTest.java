package io.jetliner.flink.avro.codec;

import io.jetliner.flink.JetlinerException;

import com.github.luben.zstd.Zstd;
import org.apache.avro.file.CodecFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.jetliner.flink.avro.codec.AvroBlocks.MIB;
import static io.jetliner.flink.avro.codec.AvroBlocks.compress;
import static io.jetliner.flink.avro.codec.AvroBlocks.compressible;
import static io.jetliner.flink.avro.codec.AvroBlocks.embedded;
import static io.jetliner.flink.avro.codec.AvroBlocks.incompressible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every codec reads back what Avro Java's own codecs wrote. */
class CodecRoundTripTest {

    static final List<String> CODECS = AvroBlocks.CODECS;
    static final List<String> COMPRESSING_CODECS = AvroBlocks.COMPRESSING_CODECS;

    static Stream<Arguments> blocks() {
        List<Arguments> blocks = new ArrayList<>();
        for (String codec : CODECS) {
            blocks.add(Arguments.of(codec, "empty", new byte[0]));
            blocks.add(Arguments.of(codec, "one byte", new byte[] {42}));
            blocks.add(Arguments.of(codec, "1 MiB incompressible", incompressible(MIB, 1)));
            blocks.add(Arguments.of(codec, "8 MiB compressible", compressible(8 * MIB, 2)));
        }
        return blocks.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("blocks")
    void decompressesWhatAvroJavaCompressed(String codec, String description, byte[] data) {
        byte[] block = embedded(compress(codec, data), 7, 5);
        GrowableBuffer target = new GrowableBuffer(16);

        create(codec).decompress(block, 7, block.length - 12, target);

        assertDecompressedTo(target, data);
    }

    @ParameterizedTest
    @FieldSource("CODECS")
    void decompressesManyBlocksOfDifferentSizesWithOneInstance(String codec) {
        Codec decompressor = create(codec);
        GrowableBuffer target = new GrowableBuffer(16);
        int[] sizes = {0, 1, 300_000, 17, 2 * MIB, 5, 65_536, MIB, 0, 3 * MIB + 1};
        for (int i = 0; i < sizes.length; i++) {
            byte[] data = i % 2 == 0 ? compressible(sizes[i], i) : incompressible(sizes[i], i);
            byte[] block = compress(codec, data);

            decompressor.decompress(block, 0, block.length, target);

            assertDecompressedTo(target, data);
        }
    }

    @ParameterizedTest
    @FieldSource("CODECS")
    void reusesTheTargetArrayOnceItIsLargeEnough(String codec) {
        Codec decompressor = create(codec);
        GrowableBuffer target = new GrowableBuffer(16);
        byte[] block = compress(codec, compressible(MIB, 3));
        decompressor.decompress(block, 0, block.length, target);
        byte[] grown = target.array();

        decompressor.decompress(block, 0, block.length, target);

        assertThat(target.array()).isSameAs(grown);
    }

    @ParameterizedTest
    @FieldSource("COMPRESSING_CODECS")
    void keepsWorkingAfterACorruptBlock(String codec) {
        Codec decompressor = create(codec);
        GrowableBuffer target = new GrowableBuffer();
        byte[] data = compressible(100_000, 4);
        byte[] block = compress(codec, data);
        byte[] truncated = Arrays.copyOf(block, block.length / 2);

        assertThatThrownBy(() -> decompressor.decompress(truncated, 0, truncated.length, target))
                .isInstanceOf(JetlinerException.class);
        decompressor.decompress(block, 0, block.length, target);

        assertDecompressedTo(target, data);
    }

    static Stream<Arguments> compressionLevels() {
        List<Arguments> levels = new ArrayList<>();
        for (int level = 0; level <= 9; level++) {
            levels.add(Arguments.of("deflate", "level " + level, CodecFactory.deflateCodec(level)));
        }
        for (int level = 0; level <= 9; level += 3) {
            levels.add(Arguments.of("xz", "preset " + level, CodecFactory.xzCodec(level)));
        }
        for (int level : new int[] {-5, 1, 3, 9, 19}) {
            levels.add(
                    Arguments.of(
                            "zstandard",
                            "level " + level,
                            CodecFactory.zstandardCodec(level, false)));
            levels.add(
                    Arguments.of(
                            "zstandard",
                            "level " + level + " with checksum",
                            CodecFactory.zstandardCodec(level, true)));
        }
        return levels.stream();
    }

    /** xz presets matter to the limit too: their dictionary, up to 64 MiB, is allowed for any. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("compressionLevels")
    void decompressesEveryCompressionLevelWithinASmallLimit(
            String codec, String level, CodecFactory compression) {
        byte[] data = compressible(200_000, 5);
        byte[] block = compress(compression, data);
        GrowableBuffer target = new GrowableBuffer();

        Codecs.create(codec, 200_000).decompress(block, 0, block.length, target);

        assertDecompressedTo(target, data);
    }

    @ParameterizedTest
    @FieldSource("CODECS")
    void decompressesBlocksLargerThanTheTargetInitially(String codec) {
        byte[] data = incompressible(100_000, 6);
        byte[] block = compress(codec, data);
        GrowableBuffer target = new GrowableBuffer(0);

        create(codec).decompress(block, 0, block.length, target);

        assertDecompressedTo(target, data);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 4096, MIB})
    void decompressesZstdFramesThatStateTheirContentSize(int size) {
        byte[] data = compressible(size, 7);
        byte[] block = Zstd.compress(data);
        assertThat(Zstd.getFrameContentSize(block)).isEqualTo(size);
        GrowableBuffer target = new GrowableBuffer(16);

        create("zstandard").decompress(block, 0, block.length, target);

        assertDecompressedTo(target, data);
    }

    @Test
    void decompressesConcatenatedZstdFrames() {
        byte[] first = compressible(300_000, 8);
        byte[] second = incompressible(200_000, 9);
        byte[] firstFrame = Zstd.compress(first);
        byte[] secondFrame = compress("zstandard", second);
        byte[] block = Arrays.copyOf(firstFrame, firstFrame.length + secondFrame.length);
        System.arraycopy(secondFrame, 0, block, firstFrame.length, secondFrame.length);
        GrowableBuffer target = new GrowableBuffer(16);

        create("zstd").decompress(block, 0, block.length, target);

        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        assertDecompressedTo(target, both);
    }

    private static Codec create(String codec) {
        return Codecs.create(codec, Codecs.DEFAULT_MAX_DECOMPRESSED_SIZE);
    }

    static void assertDecompressedTo(GrowableBuffer target, byte[] data) {
        assertThat(target.length()).isEqualTo(data.length);
        assertThat(Arrays.equals(target.array(), 0, data.length, data, 0, data.length))
                .as("decompressed bytes equal the original")
                .isTrue();
    }
}
