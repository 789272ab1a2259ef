package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BytesVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A record referenced inside its own definition: its value, a whole sub-tree of any depth, kept as
 * a string in Avro's JSON encoding. The reader of the enclosing record finds where the value ends
 * (and checks it on the way); Avro then turns those bytes into JSON. Recursive values are rare, so
 * this path favours exactness over speed.
 */
final class RecursiveRecordReader extends FieldReader {

    private final Schema schema;
    private final RecordReader definition;

    private GenericDatumReader<Object> datumReader;
    private GenericDatumWriter<Object> datumWriter;
    private BinaryDecoder decoder;
    private ByteArrayOutputStream json;

    /** {@code definition}: the reader of the record being defined, to skip values of it. */
    RecursiveRecordReader(Schema schema, RecordReader definition) {
        this.schema = schema;
        this.definition = definition;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        int end = definition.skip(data, pos, limit);
        if (datumReader == null) {
            datumReader = new GenericDatumReader<>(schema);
            datumWriter = new GenericDatumWriter<>(schema);
            json = new ByteArrayOutputStream();
        }
        json.reset();
        try {
            decoder = DecoderFactory.get().binaryDecoder(data, pos, end - pos, decoder);
            Object value = datumReader.read(null, decoder);
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, json);
            datumWriter.write(value, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new DecodeException(
                    pos,
                    "cannot write the recursive value of " + schema.getFullName() + " as JSON",
                    e);
        }
        ((BytesVector) out).append(row, json.toByteArray(), 0, json.size());
        return end;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return definition.skip(data, pos, limit);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new BytesVector(capacity);
    }
}
