package io.jetliner.flink.benchmarks;

import org.apache.flink.formats.avro.AvroToRowDataConverters;
import org.apache.flink.formats.avro.AvroToRowDataConverters.AvroToRowDataConverter;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;

/**
 * The decoding of Flink's own {@code avro} file format (flink-avro's {@code
 * AvroFileFormatFactory}): the file is resolved against the reader schema Flink derives from the
 * table's row type into one reused {@link GenericRecord}, which {@link AvroToRowDataConverters}
 * turns into a new {@code GenericRowData} per row.
 */
final class FlinkAvroDecodePass extends DatumReaderPass {

    private final GenericDatumReader<GenericRecord> reader;
    private final AvroToRowDataConverter converter;
    private final RowDataChecksum checksum;
    private GenericRecord record;

    /**
     * @param rowType the table's row type (its fields a subset of the file's, by name)
     * @param consumed the fields of {@code rowType} to consume
     */
    FlinkAvroDecodePass(DecodedBlocks blocks, RowType rowType, int[] consumed) {
        super(blocks);
        Schema readerSchema = AvroSchemaConverter.convertToSchema(rowType);
        this.reader = new GenericDatumReader<>(blocks.schema(), readerSchema);
        this.converter = AvroToRowDataConverters.createRowConverter(rowType);
        this.checksum = RowDataChecksum.of(rowType, consumed);
        this.record = new GenericData.Record(readerSchema);
    }

    @Override
    long readRecord(BinaryDecoder decoder, Blackhole sink) throws IOException {
        record = reader.read(record, decoder);
        return checksum.sum((RowData) converter.convert(record), sink);
    }
}
