package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.RowVector;

/**
 * An Avro {@code null} written where the reader has a union with null, or a reader field the writer
 * lacks whose default is null: a null in the reader's column (and in the fields of a union's row,
 * as {@link UnionReader} leaves them). It consumes none of the block's bytes.
 */
final class NullValueReader extends FieldReader {

    private final FieldReader readerType;

    NullValueReader(FieldReader readerType) {
        this.readerType = readerType;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        out.setNull(row);
        if (out instanceof RowVector) {
            for (GrowableVector field : ((RowVector) out).fields()) {
                field.setNull(row);
            }
        }
        return pos;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return pos;
    }

    @Override
    GrowableVector createVector(int capacity) {
        return readerType.createVector(capacity);
    }

    @Override
    int fixedSize() {
        return 0;
    }
}
