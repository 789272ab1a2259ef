package io.jetliner.flink.avro.codec;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A codec whose library only decompresses through an {@code InputStream}: one is opened per block
 * over the block's bytes and read to its end into the target, within the size limit.
 */
abstract class InputStreamCodec implements Codec {

    private final String name;
    private final SizeLimit limit;
    private final BlockInputStream block = new BlockInputStream();
    private final SizeLimit.Source decompressed = this::readDecompressed;
    private InputStream stream;

    InputStreamCodec(String name, int maxDecompressedSize) {
        this.name = name;
        this.limit = new SizeLimit(name, maxDecompressedSize);
    }

    /** Opens a decompressing stream over one block's compressed bytes. */
    abstract InputStream open(InputStream compressed) throws IOException;

    /** The exception for an {@code IOException} of the library: corrupt or truncated input. */
    JetlinerException failure(IOException e) {
        if (e instanceof EOFException) {
            return failed("the block ends before the " + name + " stream does", e);
        }
        return failed("corrupt data: " + e.getMessage(), e);
    }

    final JetlinerException failed(String what, Throwable cause) {
        return new JetlinerException(Kind.DECOMPRESSION_FAILED, name + ": " + what, cause);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void decompress(byte[] src, int offset, int length, GrowableBuffer target) {
        Objects.checkFromIndexSize(offset, length, src.length);
        target.setLength(0);
        block.reset(src, offset, length);
        try {
            stream = open(block);
            target.setLength(limit.readFully(decompressed, target));
        } catch (IOException e) {
            throw failure(e);
        } catch (JetlinerException e) {
            throw e;
        } catch (RuntimeException e) {
            // a decoder fed crafted input may fail in ways it does not declare
            throw failed("corrupt data: " + e, e);
        } finally {
            closeStream();
        }
    }

    private int readDecompressed(byte[] buffer, int offset, int length) {
        try {
            return stream.read(buffer, offset, length);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Closing hands pooled arrays back (xz); it cannot fail on an in-memory block. */
    private void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // nothing was written and the source is a byte array
            } finally {
                stream = null;
            }
        }
    }
}
