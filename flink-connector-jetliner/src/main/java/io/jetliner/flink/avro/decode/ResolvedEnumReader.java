package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.decode.vector.EnumVector;
import io.jetliner.flink.avro.decode.vector.GrowableVector;

import java.util.List;

/**
 * An Avro {@code enum} whose writer's symbols differ from the reader's: each written index becomes
 * the reader's index of the same symbol, or of the reader's default where the reader has no such
 * symbol; without a default, reading that symbol is an error naming it.
 */
final class ResolvedEnumReader extends FieldReader {

    /** By writer index: the reader's index, or -1 for a symbol the reader cannot take. */
    private final int[] readerIndex;

    private final String path;
    private final List<String> writerSymbols;
    private final FieldReader readerType;

    /** {@code path}: the field, for messages. */
    ResolvedEnumReader(
            String path, List<String> writerSymbols, int[] readerIndex, FieldReader readerType) {
        this.path = path;
        this.writerSymbols = writerSymbols;
        this.readerIndex = readerIndex;
        this.readerType = readerType;
    }

    @Override
    int read(byte[] data, int pos, int limit, GrowableVector out, int row) {
        long symbol = AvroBinary.readIndex(data, pos, limit, readerIndex.length, "enum symbol");
        int index = readerIndex[AvroBinary.value(symbol)];
        if (index < 0) {
            throw new JetlinerException(
                    JetlinerException.Kind.INCOMPATIBLE_SCHEMA,
                    "field '"
                            + (path.isEmpty() ? "(row)" : path)
                            + "' holds the enum symbol '"
                            + writerSymbols.get(AvroBinary.value(symbol))
                            + "', which the reader's enum lacks and has no default for");
        }
        ((EnumVector) out).set(row, index);
        return AvroBinary.end(symbol);
    }

    @Override
    int skip(byte[] data, int pos, int limit) {
        return AvroBinary.end(
                AvroBinary.readIndex(data, pos, limit, readerIndex.length, "enum symbol"));
    }

    @Override
    GrowableVector createVector(int capacity) {
        return readerType.createVector(capacity);
    }
}
