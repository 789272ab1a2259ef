package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.columnar.vector.DecimalColumnVector;

/**
 * A column of decimals of precision 19 to 38, kept as the file's unscaled big-endian two's
 * complement bytes.
 */
@Internal
public final class DecimalBytesVector extends BytesVector implements DecimalColumnVector {

    public DecimalBytesVector(int capacity) {
        super(capacity);
    }

    @Override
    public DecimalData getDecimal(int row, int precision, int scale) {
        return DecimalData.fromUnscaledBytes(copyOf(row), precision, scale);
    }
}
