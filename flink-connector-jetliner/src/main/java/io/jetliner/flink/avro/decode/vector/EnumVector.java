package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.columnar.vector.BytesColumnVector;

/**
 * A column of enum symbols: it stores each value's symbol index and serves the symbol's UTF-8 bytes
 * from the enum's dictionary, so decoding an enum is an int store.
 */
@Internal
public final class EnumVector extends IntVector implements BytesColumnVector, StringColumn {

    private final byte[][] symbols;
    private final StringData[] strings;

    /** {@code symbols}: the UTF-8 bytes of each symbol, by index; shared, never modified. */
    public EnumVector(int capacity, byte[][] symbols) {
        super(capacity);
        this.symbols = symbols;
        this.strings = new StringData[symbols.length];
        for (int i = 0; i < symbols.length; i++) {
            strings[i] = StringData.fromBytes(symbols[i]);
        }
    }

    /** The symbol's one string, shared by every row of it: no object a value. */
    @Override
    public StringData getString(int row) {
        return strings[getInt(row)];
    }

    @Override
    public Bytes getBytes(int row) {
        byte[] symbol = symbols[getInt(row)];
        return new Bytes(symbol, 0, symbol.length);
    }
}
