package io.jetliner.flink.benchmarks;

import io.jetliner.flink.avro.decode.RecordDecoder;
import io.jetliner.flink.avro.decode.RowBatch;

import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Jetliner's decoder: each block decoded into one reused columnar {@link RowBatch}, whose rows are
 * read through {@code RowData}'s typed getters as a Flink operator would read them.
 */
final class JetlinerDecodePass implements DecodePass {

    /** The connector's default batch size. */
    static final int BATCH_SIZE = 2048;

    private final DecodedBlocks blocks;
    private final RecordDecoder decoder;
    private final RowBatch batch;
    private final RowDataChecksum checksum;

    /**
     * @param readerSchema the schema to resolve the file's to, or {@code null} to read it as
     *     written
     * @param projection the columns to decode, or {@code null} for all of them
     */
    JetlinerDecodePass(DecodedBlocks blocks, Schema readerSchema, RowType projection) {
        this.blocks = blocks;
        this.decoder = RecordDecoder.compile(blocks.schema(), readerSchema, projection);
        this.batch = decoder.createBatch(BATCH_SIZE);
        this.checksum = RowDataChecksum.of(decoder.rowType());
    }

    @Override
    public PassResult run(Blackhole sink) {
        long rows = 0;
        long sum = 0;
        for (int b = 0; b < blocks.blockCount(); b++) {
            byte[] block = blocks.block(b);
            decoder.startBlock(block, 0, block.length, blocks.recordCount(b));
            while (decoder.remainingRecords() > 0) {
                int decoded = decoder.decode(batch, BATCH_SIZE);
                for (int i = 0; i < decoded; i++) {
                    sum += checksum.sum(batch.row(i), sink);
                }
                rows += decoded;
            }
        }
        return new PassResult(rows, sum);
    }
}
