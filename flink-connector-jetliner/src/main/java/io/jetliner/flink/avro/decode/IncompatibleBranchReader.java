package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

/**
 * A branch of a writer's union that the reader's type cannot take: a value of it is an error when
 * read (the file is fine as long as it holds none), and is skipped when skipped.
 */
final class IncompatibleBranchReader extends FieldReader {

    private final String reason;
    private final FieldReader writerType;

    /** {@code writerType}: the branch's own reader, to skip its values. */
    IncompatibleBranchReader(String reason, FieldReader writerType) {
        this.reason = reason;
        this.writerType = writerType;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        throw new JetlinerException(JetlinerException.Kind.INCOMPATIBLE_SCHEMA, reason);
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return writerType.skip(data, pos, limit);
    }

    @Override
    GrowableVector createVector(int capacity) {
        throw new UnsupportedOperationException("a failing branch has no column");
    }

    @Override
    int fixedSize() {
        return writerType.fixedSize();
    }
}
