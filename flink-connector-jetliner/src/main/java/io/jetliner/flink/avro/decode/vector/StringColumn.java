package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.StringData;

/**
 * A column that serves its values as {@link StringData} straight, with fewer objects than Flink's
 * {@code StringData.fromBytes} over {@code BytesColumnVector.getBytes} creates (four a value).
 */
@Internal
public interface StringColumn {

    /** The value of {@code row} as a string, valid while the batch is. */
    StringData getString(int row);
}
