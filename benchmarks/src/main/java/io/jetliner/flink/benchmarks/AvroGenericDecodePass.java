package io.jetliner.flink.benchmarks;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;

/**
 * Avro Java at its best: a {@link GenericDatumReader} into one reused {@link GenericRecord}, over
 * one reused {@link BinaryDecoder}.
 */
final class AvroGenericDecodePass extends DatumReaderPass {

    private final GenericDatumReader<GenericRecord> reader;
    private final GenericRecordChecksum checksum;
    private GenericRecord record;

    /**
     * @param readerSchema the writer schema, or a schema Avro resolves it to
     * @param consumed the fields of {@code readerSchema} to consume
     */
    AvroGenericDecodePass(DecodedBlocks blocks, Schema readerSchema, int[] consumed) {
        super(blocks);
        this.reader = new GenericDatumReader<>(blocks.schema(), readerSchema);
        this.checksum = GenericRecordChecksum.of(readerSchema, consumed);
        this.record = new GenericData.Record(readerSchema);
    }

    @Override
    long readRecord(BinaryDecoder decoder, Blackhole sink) throws IOException {
        record = reader.read(record, decoder);
        return checksum.sum(record, sink);
    }
}
