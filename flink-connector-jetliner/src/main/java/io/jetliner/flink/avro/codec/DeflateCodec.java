package io.jetliner.flink.avro.codec;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The {@code deflate} codec: each block is a raw RFC 1951 stream, without zlib header or checksum.
 * One {@link Inflater} serves every block, reset in between.
 *
 * <p>Bytes after the end of the deflate stream are ignored, as Avro Java ignores them; a stream
 * that ends before its final block is an error (Avro Java would return what it got).
 */
final class DeflateCodec implements Codec {

    static final String NAME = "deflate";

    private final SizeLimit limit;
    private final Inflater inflater = new Inflater(true);
    private final SizeLimit.Source inflated = this::inflate;

    DeflateCodec(int maxDecompressedSize) {
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
        inflater.reset();
        inflater.setInput(src, offset, length);
        target.setLength(limit.readFully(inflated, target));
    }

    private int inflate(byte[] buffer, int offset, int length) {
        int n;
        try {
            n = inflater.inflate(buffer, offset, length);
        } catch (DataFormatException e) {
            throw failed("corrupt data: " + e.getMessage(), e);
        }
        if (n > 0) {
            return n;
        }
        if (inflater.finished()) {
            return -1;
        }
        if (inflater.needsInput()) {
            throw failed("the block ends before the deflate stream does", null);
        }
        if (inflater.needsDictionary()) {
            throw failed("the stream asks for a preset dictionary, which Avro never uses", null);
        }
        throw failed("the inflater makes no progress", null);
    }

    private static JetlinerException failed(String what, Throwable cause) {
        return new JetlinerException(Kind.DECOMPRESSION_FAILED, NAME + ": " + what, cause);
    }
}
