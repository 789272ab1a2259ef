package io.jetliner.flink.avro.codec;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.MemoryLimitException;
import org.tukaani.xz.XZInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The {@code xz} codec: each block is an xz container (LZMA2, usually with a CRC64 that is
 * verified). The decoder allocates the dictionary size the stream declares, whatever the block's
 * size, so that size is bounded too: by the larger of the decompressed size limit and the 64 MiB
 * that the strongest xz preset uses. The dictionary arrays are reused from block to block.
 */
final class XzCodec extends InputStreamCodec {

    static final String NAME = "xz";

    /** The dictionary of preset 9, the largest any preset writes. */
    private static final int LARGEST_PRESET_DICTIONARY = 64 << 20;

    /** Room for the decoder's state besides its dictionary. */
    private static final int DECODER_OVERHEAD_KIB = 1024;

    private final int memoryLimitKib;
    private final ArrayCache arrays = new BasicArrayCache();

    XzCodec(int maxDecompressedSize) {
        super(NAME, maxDecompressedSize);
        this.memoryLimitKib =
                Math.max(maxDecompressedSize, LARGEST_PRESET_DICTIONARY) / 1024
                        + DECODER_OVERHEAD_KIB;
    }

    @Override
    InputStream open(InputStream compressed) throws IOException {
        return new XZInputStream(compressed, memoryLimitKib, true, arrays);
    }

    @Override
    JetlinerException failure(IOException e) {
        if (e instanceof MemoryLimitException) {
            MemoryLimitException tooLarge = (MemoryLimitException) e;
            return new JetlinerException(
                    Kind.SIZE_LIMIT_EXCEEDED,
                    String.format(
                            Locale.ROOT,
                            "%s: the stream needs %,d KiB of memory to decompress, more than the"
                                    + " limit of %,d KiB; %s",
                            NAME,
                            tooLarge.getMemoryNeeded(),
                            tooLarge.getMemoryLimit(),
                            SizeLimit.HOW_TO_RAISE),
                    e);
        }
        return super.failure(e);
    }
}
