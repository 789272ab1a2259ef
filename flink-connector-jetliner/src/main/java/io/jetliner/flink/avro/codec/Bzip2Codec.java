package io.jetliner.flink.avro.codec;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

import java.io.IOException;
import java.io.InputStream;

/**
 * The {@code bzip2} codec: each block is one bzip2 stream. As in Avro Java, bytes after the end of
 * the first stream are ignored. The decoder's tables (a few MiB) are allocated per block: commons
 * compress offers no way to reuse them.
 */
final class Bzip2Codec extends InputStreamCodec {

    static final String NAME = "bzip2";

    Bzip2Codec(int maxDecompressedSize) {
        super(NAME, maxDecompressedSize);
    }

    @Override
    InputStream open(InputStream compressed) throws IOException {
        return new BZip2CompressorInputStream(compressed, false);
    }
}
