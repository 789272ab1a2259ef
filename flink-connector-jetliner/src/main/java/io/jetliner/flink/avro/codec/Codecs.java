package io.jetliner.flink.avro.codec;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import org.apache.flink.annotation.Internal;

import java.util.List;

/** Creates the {@link Codec} for the name in a file's {@code avro.codec} metadata. */
@Internal
public final class Codecs {

    /** The largest decompressed block accepted unless configured otherwise: 512 MiB. */
    public static final int DEFAULT_MAX_DECOMPRESSED_SIZE = 512 << 20;

    /** The name zstd-jni and some writers use for zstandard. */
    private static final String ZSTD_ALIAS = "zstd";

    private static final List<String> SUPPORTED =
            List.of(
                    NullCodec.NAME,
                    DeflateCodec.NAME,
                    SnappyCodec.NAME,
                    ZstandardCodec.NAME,
                    Bzip2Codec.NAME,
                    XzCodec.NAME);

    private Codecs() {}

    /**
     * A new codec for {@code name}, which decompresses no block to more than {@code
     * maxDecompressedSize} bytes. A {@code null} name, like an absent {@code avro.codec}, means the
     * {@code null} codec.
     *
     * @throws JetlinerException of kind {@link Kind#UNSUPPORTED_CODEC} for a name not in {@link
     *     #supported()} (or {@code "zstd"})
     * @throws IllegalArgumentException if {@code maxDecompressedSize} is negative or larger than an
     *     array can be
     */
    public static Codec create(String name, int maxDecompressedSize) {
        if (maxDecompressedSize < 0 || maxDecompressedSize > GrowableBuffer.MAX_ARRAY_SIZE) {
            throw new IllegalArgumentException(
                    "maxDecompressedSize "
                            + maxDecompressedSize
                            + " outside [0, "
                            + GrowableBuffer.MAX_ARRAY_SIZE
                            + "]");
        }
        String codec = name == null ? NullCodec.NAME : name;
        switch (codec) {
            case NullCodec.NAME:
                return new NullCodec(maxDecompressedSize);
            case DeflateCodec.NAME:
                return new DeflateCodec(maxDecompressedSize);
            case SnappyCodec.NAME:
                return new SnappyCodec(maxDecompressedSize);
            case ZstandardCodec.NAME:
            case ZSTD_ALIAS:
                return new ZstandardCodec(maxDecompressedSize);
            case Bzip2Codec.NAME:
                return new Bzip2Codec(maxDecompressedSize);
            case XzCodec.NAME:
                return new XzCodec(maxDecompressedSize);
            default:
                throw new JetlinerException(
                        Kind.UNSUPPORTED_CODEC,
                        "codec '"
                                + codec
                                + "' is not one of "
                                + String.join(", ", SUPPORTED)
                                + " (or '"
                                + ZSTD_ALIAS
                                + "' for "
                                + ZstandardCodec.NAME
                                + ")");
        }
    }

    /** The canonical names of the codecs {@link #create} accepts. */
    public static List<String> supported() {
        return SUPPORTED;
    }
}
