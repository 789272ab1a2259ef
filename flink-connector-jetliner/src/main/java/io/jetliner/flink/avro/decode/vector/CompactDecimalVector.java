package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.columnar.vector.DecimalColumnVector;

/** A column of decimals of precision up to 18, kept as their unscaled longs. */
@Internal
public final class CompactDecimalVector extends LongVector implements DecimalColumnVector {

    public CompactDecimalVector(int capacity) {
        super(capacity);
    }

    @Override
    public DecimalData getDecimal(int row, int precision, int scale) {
        return DecimalData.fromUnscaledLong(getLong(row), precision, scale);
    }
}
