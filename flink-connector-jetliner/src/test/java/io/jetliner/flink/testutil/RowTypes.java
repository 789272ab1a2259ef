package io.jetliner.flink.testutil;

import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;

import java.util.ArrayList;
import java.util.List;

/** Row types as the mapping defines them, for comparison. */
public final class RowTypes {

    private RowTypes() {}

    /**
     * {@code type} without field descriptions (the mapping does not define them: a decoder may
     * carry Avro's docs over or not) and with a NOT NULL top level (nor does it define the
     * nullability of the row itself). Everything else, nested nullability included, is kept.
     */
    public static RowType comparable(RowType type) {
        return (RowType) withoutDescriptions(type).copy(false);
    }

    private static LogicalType withoutDescriptions(LogicalType type) {
        if (type instanceof RowType) {
            List<RowType.RowField> fields = new ArrayList<>();
            for (RowType.RowField field : ((RowType) type).getFields()) {
                fields.add(
                        new RowType.RowField(
                                field.getName(), withoutDescriptions(field.getType())));
            }
            return new RowType(type.isNullable(), fields);
        }
        if (type instanceof ArrayType) {
            return new ArrayType(
                    type.isNullable(), withoutDescriptions(((ArrayType) type).getElementType()));
        }
        if (type instanceof MapType) {
            MapType map = (MapType) type;
            return new MapType(
                    type.isNullable(),
                    withoutDescriptions(map.getKeyType()),
                    withoutDescriptions(map.getValueType()));
        }
        return type;
    }
}
