package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BytesVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A record inside itself whose writer and reader schemas differ: its value, a sub-tree of any
 * depth, resolved by Avro Java's own reader and kept, as {@link RecursiveRecordReader} keeps one,
 * as a string in Avro's JSON encoding of the reader's schema. Slow, as such a value is rare: the
 * value is skipped to find its end, decoded as a {@code GenericRecord} of the reader's schema,
 * encoded again, and written as JSON.
 */
final class ResolvedRecursiveRecordReader extends FieldReader {

    private final Schema readerSchema;

    /** Skips the writer's value, to find where it ends. */
    private final FieldReader writerType;

    private final GenericDatumReader<Object> resolver;
    private final GenericDatumWriter<Object> encoder;

    /** Per thread: decoders of blocks in flight on different threads share compiled readers. */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    ResolvedRecursiveRecordReader(
            Schema writerSchema, Schema readerSchema, FieldReader writerType) {
        GenericData raw = new GenericData();
        this.readerSchema = readerSchema;
        this.writerType = writerType;
        this.resolver = new GenericDatumReader<>(writerSchema, readerSchema, raw);
        this.encoder = new GenericDatumWriter<>(readerSchema, raw);
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        int end = writerType.skip(data, pos, limit);
        Scratch s = scratch.get();
        try {
            s.decoder = DecoderFactory.get().binaryDecoder(data, pos, end - pos, s.decoder);
            Object value = resolver.read(null, s.decoder);
            s.encoded.reset();
            s.binaryEncoder = EncoderFactory.get().directBinaryEncoder(s.encoded, s.binaryEncoder);
            encoder.write(value, s.binaryEncoder);
            s.binaryEncoder.flush();
        } catch (IOException | AvroRuntimeException e) {
            throw new DecodeException(pos, "cannot resolve the record: " + e.getMessage(), e);
        }
        byte[] bytes = s.encoded.toByteArray();
        s.json.write(readerSchema, bytes, 0, bytes.length);
        ((BytesVector) out).append(row, s.json.buffer(), 0, s.json.size());
        return end;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return writerType.skip(data, pos, limit);
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new BytesVector(capacity);
    }

    /** What one thread reuses from value to value. */
    private static final class Scratch {
        final ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        final AvroJsonWriter json = new AvroJsonWriter();
        BinaryDecoder decoder;
        BinaryEncoder binaryEncoder;
    }
}
