package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.BytesVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

import org.apache.avro.Schema;

/**
 * A record referenced inside its own definition: its value, a whole sub-tree of any depth, kept as
 * a string in Avro's JSON encoding ({@link AvroJsonWriter}). Recursion is bounded: a value nested
 * deeper than {@link AvroJsonWriter#MAX_DEPTH} records is a decode error, not a stack overflow.
 */
final class RecursiveRecordReader extends FieldReader {

    private final Schema schema;
    private final RecordReader definition;

    /**
     * Per thread, as are the depths of skips below: decoders of blocks in flight on different
     * threads share their compiled readers.
     */
    private final ThreadLocal<AvroJsonWriter> json = ThreadLocal.withInitial(AvroJsonWriter::new);

    /** How deep skips of this record are nested in one another now, on each thread. */
    private final ThreadLocal<int[]> skipDepth = ThreadLocal.withInitial(() -> new int[1]);

    /** {@code definition}: the reader of the record being defined, to skip values of it. */
    RecursiveRecordReader(Schema schema, RecordReader definition) {
        this.schema = schema;
        this.definition = definition;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        AvroJsonWriter json = this.json.get();
        int end = json.write(schema, data, pos, limit);
        ((BytesVector) out).append(row, json.buffer(), 0, json.size());
        return end;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        int[] depth = skipDepth.get();
        if (depth[0] == AvroJsonWriter.MAX_DEPTH) {
            throw new DecodeException(
                    pos, "records nested deeper than " + AvroJsonWriter.MAX_DEPTH);
        }
        depth[0]++;
        try {
            return definition.skip(data, pos, limit);
        } finally {
            depth[0]--;
        }
    }

    @Override
    GrowableVector createVector(int capacity) {
        return new BytesVector(capacity);
    }
}
