package io.jetliner.flink.avro.codec;

import org.apache.avro.file.Codec;
import org.apache.avro.file.CodecFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Blocks compressed by Avro Java's own codecs, an implementation independent of ours, and the data
 * to fill them with.
 */
final class AvroBlocks {

    static final List<String> CODECS = Codecs.supported();

    /** The codecs that transform their input, so that there is something to corrupt. */
    static final List<String> COMPRESSING_CODECS =
            CODECS.stream().filter(codec -> !codec.equals("null")).collect(Collectors.toList());

    static final int MIB = 1 << 20;

    private AvroBlocks() {}

    /** {@code data} compressed as Avro Java's {@code DataFileWriter} compresses a block. */
    static byte[] compress(String codec, byte[] data) {
        return compress(CodecFactory.fromString(codec), data);
    }

    static byte[] compress(CodecFactory codec, byte[] data) {
        try {
            ByteBuffer compressed = codecOf(codec).compress(ByteBuffer.wrap(data.clone()));
            byte[] bytes = new byte[compressed.remaining()];
            compressed.duplicate().get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The codec {@code DataFileWriter} would use; Avro makes the factory method protected. */
    private static Codec codecOf(CodecFactory factory) {
        try {
            Method createInstance = CodecFactory.class.getDeclaredMethod("createInstance");
            createInstance.setAccessible(true);
            return (Codec) createInstance.invoke(factory);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Avro's CodecFactory changed", e);
        }
    }

    /** Bytes no codec can shrink. */
    static byte[] incompressible(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Runs of repeated bytes, a few hundred times smaller compressed. */
    static byte[] compressible(int size, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        int position = 0;
        while (position < size) {
            int run = Math.min(size - position, 1 + random.nextInt(1000));
            Arrays.fill(data, position, position + run, (byte) random.nextInt(4));
            position += run;
        }
        return data;
    }

    /** {@code bytes} between {@code before} and {@code after} filler bytes. */
    static byte[] embedded(byte[] bytes, int before, int after) {
        byte[] embedded = new byte[before + bytes.length + after];
        Arrays.fill(embedded, (byte) 0x5A);
        System.arraycopy(bytes, 0, embedded, before, bytes.length);
        return embedded;
    }
}
