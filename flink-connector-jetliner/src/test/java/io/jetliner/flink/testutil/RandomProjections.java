package io.jetliner.flink.testutil;

import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random projections of a record's row type, as a reader is asked for them: a random subset of the
 * top-level fields in a random order (now and then none at all, as for {@code COUNT(*)}), and,
 * within fields that are records themselves (also optional ones), a random non-empty subset of
 * their fields, to any depth. Rows that stand for unions or durations are kept whole, and rows
 * inside arrays and maps are not narrowed.
 */
public final class RandomProjections {

    private RandomProjections() {}

    /** A random projection of {@code fullType}, the oracle's row type of {@code record}. */
    public static RowType next(Schema record, RowType fullType, Random random) {
        boolean none = random.nextInt(20) == 0;
        return project(record, fullType, random, none ? 0 : 1);
    }

    private static RowType project(Schema record, RowType type, Random random, int minFields) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < type.getFieldCount(); i++) {
            positions.add(i);
        }
        Collections.shuffle(positions, random);
        int count =
                positions.isEmpty() ? 0 : Math.max(minFields, random.nextInt(positions.size() + 1));
        List<RowField> fields = new ArrayList<>();
        for (int position : positions.subList(0, Math.min(count, positions.size()))) {
            RowField field = type.getFields().get(position);
            LogicalType fieldType = field.getType();
            Schema nested = recordOf(record.getFields().get(position).schema());
            if (nested != null
                    && fieldType instanceof RowType
                    && !nested.getFields().isEmpty()
                    && random.nextInt(5) < 2) {
                fieldType =
                        project(nested, (RowType) fieldType, random, 1)
                                .copy(fieldType.isNullable());
            }
            fields.add(new RowField(field.getName(), fieldType));
        }
        return new RowType(type.isNullable(), fields);
    }

    /** The record of a field that is a record or an optional record; else null. */
    private static Schema recordOf(Schema schema) {
        if (schema.getType() == Schema.Type.RECORD) {
            return schema;
        }
        if (schema.getType() == Schema.Type.UNION && schema.getTypes().size() == 2) {
            Schema first = schema.getTypes().get(0);
            Schema second = schema.getTypes().get(1);
            if (first.getType() == Schema.Type.NULL && second.getType() == Schema.Type.RECORD) {
                return second;
            }
            if (second.getType() == Schema.Type.NULL && first.getType() == Schema.Type.RECORD) {
                return first;
            }
        }
        return null;
    }

    /** The projected part of a full row, as the reader must return it. */
    public static PlainValues.Row project(PlainValues.Row full, RowType projected) {
        List<Object> values = new ArrayList<>();
        for (RowField field : projected.getFields()) {
            int index = full.names().indexOf(field.getName());
            if (index < 0) {
                throw new IllegalArgumentException(
                        "no field " + field.getName() + " in " + full.names());
            }
            Object value = full.values().get(index);
            if (value instanceof PlainValues.Row && field.getType() instanceof RowType) {
                value = project((PlainValues.Row) value, (RowType) field.getType());
            }
            values.add(value);
        }
        return new PlainValues.Row(projected.getFieldNames(), values);
    }
}
