package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

/** A {@link FieldSequence} as a loop over its field readers. */
final class InterpretedFieldSequence extends FieldSequence {

    private final FieldReader[] fields;
    private final int[] targets;

    InterpretedFieldSequence(FieldReader[] fields, int[] targets) {
        this.fields = fields;
        this.targets = targets;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector[] out, int row) {
        FieldReader[] fields = this.fields;
        int[] targets = this.targets;
        for (int i = 0; i < fields.length; i++) {
            int target = targets[i];
            pos =
                    target < 0
                            ? fields[i].skip(data, pos, limit)
                            : fields[i].read(data, pos, limit, out[target], row);
        }
        return pos;
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        for (FieldReader field : fields) {
            pos = field.skip(data, pos, limit);
        }
        return pos;
    }
}
