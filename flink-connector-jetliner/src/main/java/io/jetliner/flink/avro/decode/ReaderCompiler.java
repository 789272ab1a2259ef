package io.jetliner.flink.avro.decode;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.avro.schema.AvroTypes;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a writer schema and a projection into a tree of {@link FieldReader}s. It walks the
 * schema together with the schema's Flink type ({@link AvroTypes}, the one source of the mapping)
 * and the projected type: the mapped type decides how a value is kept, the projected type which
 * fields are kept at all and in which order. Every other field gets a reader only to be skipped.
 *
 * <p>A projected type must be the mapped type, or a subset of its ROW fields (at any depth: in
 * rows, array elements, map values, union rows, durations), matched by name; it may be nullable
 * where the file's type is not, never the other way round. A timestamp-* field may also be
 * projected as the TIMESTAMP of its precision (the legacy mapping).
 */
final class ReaderCompiler {

    /** The readers of the records being defined, by full name, for references to themselves. */
    private final Map<String, RecordReader> definitions = new HashMap<>();

    private ReaderCompiler() {}

    /** The reader of a file's records: a record's fields, or the one field of any other schema. */
    static RecordReader compile(Schema writerSchema, RowType mapped, RowType projected) {
        ReaderCompiler compiler = new ReaderCompiler();
        if (writerSchema.getType() == Schema.Type.RECORD) {
            return compiler.compileRecord(writerSchema, mapped, projected, "");
        }
        RecordReader reader = new RecordReader();
        compiler.defineRow(reader, List.of(writerSchema), mapped, projected, "");
        return reader;
    }

    private FieldReader compile(
            Schema schema, LogicalType mapped, LogicalType projected, String path) {
        if (mapped.isNullable() && !projected.isNullable()) {
            throw incompatible(path, "is nullable in the file but projected as " + projected);
        }
        switch (schema.getType()) {
            case NULL:
                requireSameType(mapped, projected, path);
                return new NullReader();
            case BOOLEAN:
                requireSameType(mapped, projected, path);
                return new BooleanReader();
            case INT:
                requireSameType(mapped, projected, path);
                return new IntReader();
            case LONG:
                if (!isInstantAsTimestamp(mapped, projected)) {
                    requireSameType(mapped, projected, path);
                }
                return compileLong(mapped);
            case FLOAT:
                requireSameType(mapped, projected, path);
                return new FloatReader();
            case DOUBLE:
                requireSameType(mapped, projected, path);
                return new DoubleReader();
            case STRING:
                requireSameType(mapped, projected, path);
                return new BytesReader();
            case ENUM:
                requireSameType(mapped, projected, path);
                return new EnumReader(schema.getEnumSymbols());
            case BYTES:
                requireSameType(mapped, projected, path);
                return AvroTypes.isDecimal(schema)
                        ? compileDecimal(schema, FieldReader.VARIABLE_SIZE, mapped)
                        : new BytesReader();
            case FIXED:
                return compileFixed(schema, mapped, projected, path);
            case RECORD:
                if (mapped instanceof RowType) {
                    return compileRecord(
                            schema,
                            (RowType) mapped,
                            as(RowType.class, projected, mapped, path),
                            path);
                }
                requireSameType(mapped, projected, path);
                return new RecursiveRecordReader(schema, definitions.get(schema.getFullName()));
            case ARRAY:
                return new ArrayReader(
                        compile(
                                schema.getElementType(),
                                ((ArrayType) mapped).getElementType(),
                                as(ArrayType.class, projected, mapped, path).getElementType(),
                                path + "[]"));
            case MAP:
                MapType projectedMap = as(MapType.class, projected, mapped, path);
                requireSameType(((MapType) mapped).getKeyType(), projectedMap.getKeyType(), path);
                return new MapReader(
                        compile(
                                schema.getValueType(),
                                ((MapType) mapped).getValueType(),
                                projectedMap.getValueType(),
                                path + "{}"));
            case UNION:
                return compileUnion(schema, mapped, projected, path);
            default:
                throw new IllegalArgumentException("Unknown Avro type " + schema.getType());
        }
    }

    /**
     * Whether a timestamp-* field (an instant: TIMESTAMP_LTZ) is projected as the TIMESTAMP of the
     * same precision: the legacy mapping of {@link AvroTypes#toRowType(Schema, boolean)}. Both read
     * the same {@code TimestampData}, the instant's date and time in UTC.
     */
    private static boolean isInstantAsTimestamp(LogicalType mapped, LogicalType projected) {
        return mapped instanceof LocalZonedTimestampType
                && projected instanceof TimestampType
                && ((LocalZonedTimestampType) mapped).getPrecision()
                        == ((TimestampType) projected).getPrecision();
    }

    private static FieldReader compileLong(LogicalType mapped) {
        if (mapped instanceof TimeType) {
            return new TimeMicrosReader();
        }
        if (mapped instanceof LocalZonedTimestampType) {
            return new LongReader(unitsPerMilli(((LocalZonedTimestampType) mapped).getPrecision()));
        }
        if (mapped instanceof TimestampType) {
            return new LongReader(unitsPerMilli(((TimestampType) mapped).getPrecision()));
        }
        return new LongReader();
    }

    private static int unitsPerMilli(int precision) {
        switch (precision) {
            case 3:
                return 1;
            case 6:
                return 1_000;
            case 9:
                return 1_000_000;
            default:
                throw new IllegalArgumentException("No Avro timestamp of precision " + precision);
        }
    }

    private FieldReader compileFixed(
            Schema schema, LogicalType mapped, LogicalType projected, String path) {
        if (AvroTypes.isDuration(schema)) {
            RowType mappedRow = (RowType) mapped;
            RowType projectedRow = as(RowType.class, projected, mapped, path);
            requireFieldsExist(projectedRow, mappedRow, path);
            int[] targets = new int[mappedRow.getFieldCount()];
            for (int i = 0; i < targets.length; i++) {
                RowField field = mappedRow.getFields().get(i);
                targets[i] = projectedRow.getFieldIndex(field.getName());
                if (targets[i] >= 0) {
                    requireSameType(
                            field.getType(),
                            projectedRow.getTypeAt(targets[i]),
                            child(path, field.getName()));
                }
            }
            return new DurationReader(targets, projectedRow.getFieldCount());
        }
        requireSameType(mapped, projected, path);
        if (AvroTypes.isDecimal(schema)) {
            return compileDecimal(schema, schema.getFixedSize(), mapped);
        }
        if (AvroTypes.isUuidOnFixed(schema)) {
            return new UuidFixedReader();
        }
        return new FixedReader(schema.getFixedSize());
    }

    private static FieldReader compileDecimal(Schema schema, int size, LogicalType mapped) {
        LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) schema.getLogicalType();
        int precision = decimal.getPrecision();
        int scale = decimal.getScale();
        if (!(mapped instanceof DecimalType)) {
            return new DecimalStringReader(size, precision, scale);
        }
        return DecimalData.isCompact(precision)
                ? new CompactDecimalReader(size, precision, scale)
                : new WideDecimalReader(size, precision, scale);
    }

    private RecordReader compileRecord(
            Schema record, RowType mapped, RowType projected, String path) {
        RecordReader reader = new RecordReader();
        definitions.put(record.getFullName(), reader);
        List<Schema> fieldSchemas = new ArrayList<>(record.getFields().size());
        for (Schema.Field field : record.getFields()) {
            fieldSchemas.add(field.schema());
        }
        defineRow(reader, fieldSchemas, mapped, projected, path);
        definitions.remove(record.getFullName());
        return reader;
    }

    private void defineRow(
            RecordReader reader,
            List<Schema> fieldSchemas,
            RowType mapped,
            RowType projected,
            String path) {
        requireFieldsExist(projected, mapped, path);
        FieldReader[] fields = new FieldReader[fieldSchemas.size()];
        int[] targets = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            RowField field = mapped.getFields().get(i);
            targets[i] = projected.getFieldIndex(field.getName());
            LogicalType projectedType =
                    targets[i] < 0 ? field.getType() : projected.getTypeAt(targets[i]);
            fields[i] =
                    compile(
                            fieldSchemas.get(i),
                            field.getType(),
                            projectedType,
                            child(path, field.getName()));
        }
        reader.define(fields, targets, projected.getFieldCount());
    }

    private FieldReader compileUnion(
            Schema union, LogicalType mapped, LogicalType projected, String path) {
        List<Schema> branches = union.getTypes();
        List<Schema> nonNull = AvroTypes.nonNullBranches(union);
        if (nonNull.isEmpty()) {
            requireSameType(mapped, projected, path);
            return new NullableReader(branches.size(), -1, new NullReader());
        }
        if (nonNull.size() == 1) {
            FieldReader value = compile(nonNull.get(0), mapped, projected, path);
            return branches.size() == 1
                    ? new SoleBranchReader(value)
                    : new NullableReader(branches.size(), branches.indexOf(nonNull.get(0)), value);
        }
        RowType mappedRow = (RowType) mapped;
        RowType projectedRow = as(RowType.class, projected, mapped, path);
        requireFieldsExist(projectedRow, mappedRow, path);
        FieldReader[] readers = new FieldReader[branches.size()];
        int[] targets = new int[branches.size()];
        int field = 0;
        for (int i = 0; i < readers.length; i++) {
            targets[i] = -1;
            if (branches.get(i).getType() == Schema.Type.NULL) {
                continue;
            }
            RowField mappedField = mappedRow.getFields().get(field++);
            targets[i] = projectedRow.getFieldIndex(mappedField.getName());
            LogicalType projectedType =
                    targets[i] < 0 ? mappedField.getType() : projectedRow.getTypeAt(targets[i]);
            readers[i] =
                    compile(
                            branches.get(i),
                            mappedField.getType(),
                            projectedType,
                            child(path, mappedField.getName()));
        }
        return new UnionReader(readers, targets, projectedRow.getFieldCount());
    }

    private static void requireFieldsExist(RowType projected, RowType mapped, String path) {
        for (RowField field : projected.getFields()) {
            if (mapped.getFieldIndex(field.getName()) < 0) {
                throw incompatible(
                        child(path, field.getName()),
                        "is projected as "
                                + field.getType()
                                + " but the file has no such field; "
                                + (path.isEmpty() ? "its fields" : "the fields of " + path)
                                + " are "
                                + mapped.getFieldNames());
            }
        }
    }

    private static void requireSameType(LogicalType mapped, LogicalType projected, String path) {
        if (!projected.copy(true).equals(mapped.copy(true))) {
            throw incompatible(path, "is " + mapped + " in the file but projected as " + projected);
        }
    }

    private static <T extends LogicalType> T as(
            Class<T> kind, LogicalType projected, LogicalType mapped, String path) {
        if (!kind.isInstance(projected)) {
            throw incompatible(path, "is " + mapped + " in the file but projected as " + projected);
        }
        return kind.cast(projected);
    }

    private static JetlinerException incompatible(String path, String detail) {
        return new JetlinerException(
                JetlinerException.Kind.INCOMPATIBLE_SCHEMA,
                "field '" + (path.isEmpty() ? "(row)" : path) + "' " + detail);
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
