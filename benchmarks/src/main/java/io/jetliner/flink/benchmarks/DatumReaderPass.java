package io.jetliner.flink.benchmarks;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A pass that reads one record at a time from a {@link BinaryDecoder} reused over all blocks. */
abstract class DatumReaderPass implements DecodePass {

    private final DecodedBlocks blocks;
    private BinaryDecoder decoder;

    DatumReaderPass(DecodedBlocks blocks) {
        this.blocks = blocks;
    }

    /** Reads the next record from {@code decoder}, consumes it and returns its checksum. */
    abstract long readRecord(BinaryDecoder decoder, Blackhole sink) throws IOException;

    @Override
    public final PassResult run(Blackhole sink) {
        long rows = 0;
        long sum = 0;
        try {
            for (int b = 0; b < blocks.blockCount(); b++) {
                byte[] block = blocks.block(b);
                decoder = DecoderFactory.get().binaryDecoder(block, 0, block.length, decoder);
                for (long r = blocks.recordCount(b); r > 0; r--) {
                    sum += readRecord(decoder, sink);
                }
                rows += blocks.recordCount(b);
                if (!decoder.isEnd()) {
                    throw new IllegalStateException("block " + b + " was not exactly consumed");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PassResult(rows, sum);
    }
}
