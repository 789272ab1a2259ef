package io.jetliner.flink.avro.schema;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BinaryType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.FloatType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.NullType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.RowType.RowField;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Flink type of every Avro schema: the one mapping Jetliner reads Avro with.
 *
 * <table border="1">
 *   <caption>Avro to Flink</caption>
 *   <tr><th>Avro</th><th>Flink</th><th>internal value</th></tr>
 *   <tr><td>null</td><td>NULL</td><td>always null</td></tr>
 *   <tr><td>boolean, int, long, float, double</td><td>BOOLEAN, INT, BIGINT, FLOAT, DOUBLE</td>
 *       <td>the value</td></tr>
 *   <tr><td>string</td><td>STRING</td><td>the UTF-8 bytes as written</td></tr>
 *   <tr><td>bytes</td><td>BYTES</td><td>the bytes</td></tr>
 *   <tr><td>fixed(n)</td><td>BINARY(n)</td><td>the n bytes</td></tr>
 *   <tr><td>enum</td><td>STRING</td><td>the symbol</td></tr>
 *   <tr><td>record</td><td>ROW (fields by their Avro names, in Avro order)</td><td></td></tr>
 *   <tr><td>array&lt;T&gt;</td><td>ARRAY&lt;T&gt;</td><td></td></tr>
 *   <tr><td>map&lt;T&gt;</td><td>MAP&lt;STRING NOT NULL, T&gt;</td><td></td></tr>
 *   <tr><td>union [null, T] or [T, null]</td><td>T, nullable</td><td></td></tr>
 *   <tr><td>union [T]</td><td>T</td><td></td></tr>
 *   <tr><td>union [null]</td><td>NULL</td><td></td></tr>
 *   <tr><td>union of two or more non-null types, with or without null</td>
 *       <td>ROW with one nullable field per non-null branch, in branch order; nullable if the union
 *       holds null</td>
 *       <td>exactly one field set (null: the ROW is null, and so are its fields)</td></tr>
 *   <tr><td>decimal(p, s) on bytes or fixed, p &le; 38</td><td>DECIMAL(p, s)</td><td></td></tr>
 *   <tr><td>decimal(p, s) on bytes or fixed, p &gt; 38</td><td>STRING</td>
 *       <td>the exact value, {@link java.math.BigDecimal#toPlainString()}</td></tr>
 *   <tr><td>uuid on string</td><td>STRING</td><td>the string</td></tr>
 *   <tr><td>uuid on fixed(16)</td><td>STRING</td><td>canonical 8-4-4-4-12 lower-case hex</td></tr>
 *   <tr><td>date</td><td>DATE</td><td>days since 1970-01-01</td></tr>
 *   <tr><td>time-millis / time-micros</td><td>TIME(3) / TIME(6)</td>
 *       <td>milliseconds of the day (micros truncated, as Flink's TIME holds milliseconds)</td></tr>
 *   <tr><td>timestamp-millis / -micros / -nanos</td><td>TIMESTAMP_LTZ(3 / 6 / 9), or TIMESTAMP(3 / 6
 *       / 9) in the legacy mapping ({@link #toRowType(Schema, boolean)})</td><td></td></tr>
 *   <tr><td>local-timestamp-millis / -micros / -nanos</td><td>TIMESTAMP(3 / 6 / 9)</td><td></td></tr>
 *   <tr><td>duration on fixed(12)</td>
 *       <td>ROW&lt;months BIGINT NOT NULL, days BIGINT NOT NULL, millis BIGINT NOT NULL&gt;</td>
 *       <td>each an unsigned little-endian 32-bit number</td></tr>
 *   <tr><td>a record referenced inside its own definition</td><td>STRING</td>
 *       <td>the value in Avro's JSON encoding</td></tr>
 *   <tr><td>any other logical type, or a logical type on the wrong type</td>
 *       <td>the mapping of the underlying type</td><td></td></tr>
 * </table>
 *
 * <p>Nullability: a type that is not a union is NOT NULL; a union is nullable exactly if it holds
 * null. Field names of a union's ROW are the branches' type names: {@code boolean}, {@code int},
 * {@code long}, {@code float}, {@code double}, {@code bytes}, {@code string}, {@code array}, {@code
 * map}, and the simple name of a named type (its full name where two branches share a simple name).
 * A logical type does not change a branch's name: a {@code long} carrying {@code timestamp-millis}
 * is the field {@code long}.
 *
 * <p>Recursion: a record's fields are mapped while the record is being defined; where the record
 * itself is referenced again inside that definition (at any depth, directly or through unions,
 * arrays, maps and other records), that reference, and only it, maps to STRING: each value there is
 * the whole sub-tree in Avro's JSON encoding, as Avro's {@code JsonEncoder} writes it for the
 * referenced record's schema (unions as {@code {"branch full name": value}}, bytes and fixed as
 * ISO-8859-1 strings, NaN and infinities as strings), which is lossless. The reference keeps the
 * nullability rules above, so a field {@code ["null", Node]} inside {@code Node} is a nullable
 * STRING holding null or the JSON of a {@code Node}. A record used again beside its definition (not
 * inside it) is no recursion and maps to a ROW again. Decoding refuses values nested deeper than
 * 500 records.
 *
 * <p>A top-level schema that is not a record becomes {@code ROW<value T>}.
 */
@Internal
public final class AvroTypes {

    /** The name of the one column of a top-level schema that is not a record. */
    public static final String VALUE_COLUMN = "value";

    private AvroTypes() {}

    /**
     * The row type of a file: a record's fields, or for any other schema one column named {@link
     * #VALUE_COLUMN}.
     */
    public static RowType toRowType(Schema avroSchema) {
        return toRowType(avroSchema, false);
    }

    /**
     * The row type of a file, with timestamp-millis, -micros and -nanos mapped to TIMESTAMP(3 / 6 /
     * 9) instead of TIMESTAMP_LTZ if {@code legacyTimestamps}: the mapping of Flink's own avro
     * format, for tables moving from it. The values are the same instants either way, read as
     * TIMESTAMP in UTC; local-timestamp-* are TIMESTAMP in both mappings.
     */
    public static RowType toRowType(Schema avroSchema, boolean legacyTimestamps) {
        LogicalType type = toLogicalType(avroSchema, legacyTimestamps);
        if (avroSchema.getType() == Schema.Type.RECORD) {
            return (RowType) type;
        }
        return new RowType(false, List.of(new RowField(VALUE_COLUMN, type)));
    }

    /** The Flink type of any Avro schema, by the mapping in this class's documentation. */
    public static LogicalType toLogicalType(Schema avroSchema) {
        return toLogicalType(avroSchema, false);
    }

    /**
     * The Flink type of any Avro schema, timestamps mapped as {@link #toRowType(Schema, boolean)}
     * says.
     */
    public static LogicalType toLogicalType(Schema avroSchema, boolean legacyTimestamps) {
        return map(avroSchema, legacyTimestamps, new HashSet<>());
    }

    /**
     * The field names of the ROW a union of two or more non-null branches maps to, one per non-null
     * branch, in branch order.
     */
    public static List<String> unionFieldNames(Schema union) {
        List<Schema> branches = nonNullBranches(union);
        Map<String, Integer> simpleNameCount = new HashMap<>();
        for (Schema branch : branches) {
            simpleNameCount.merge(branchName(branch), 1, Integer::sum);
        }
        List<String> names = new ArrayList<>(branches.size());
        for (Schema branch : branches) {
            String name = branchName(branch);
            names.add(simpleNameCount.get(name) > 1 ? branch.getFullName() : name);
        }
        return names;
    }

    /** The branches of a union other than null, in branch order. */
    public static List<Schema> nonNullBranches(Schema union) {
        List<Schema> branches = new ArrayList<>(union.getTypes().size());
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                branches.add(branch);
            }
        }
        return branches;
    }

    private static String branchName(Schema branch) {
        switch (branch.getType()) {
            case RECORD:
            case ENUM:
            case FIXED:
                return branch.getName();
            default:
                return branch.getType().getName();
        }
    }

    private static LogicalType map(
            Schema schema, boolean legacyTimestamps, Set<String> enclosingRecords) {
        switch (schema.getType()) {
            case NULL:
                return new NullType();
            case BOOLEAN:
                return new BooleanType(false);
            case INT:
                return mapInt(schema);
            case LONG:
                return mapLong(schema, legacyTimestamps);
            case FLOAT:
                return new FloatType(false);
            case DOUBLE:
                return new DoubleType(false);
            case STRING:
            case ENUM:
                return string();
            case BYTES:
                return isDecimal(schema)
                        ? mapDecimal(schema)
                        : new VarBinaryType(false, VarBinaryType.MAX_LENGTH);
            case FIXED:
                return mapFixed(schema);
            case RECORD:
                return mapRecord(schema, legacyTimestamps, enclosingRecords);
            case ARRAY:
                return new ArrayType(
                        false, map(schema.getElementType(), legacyTimestamps, enclosingRecords));
            case MAP:
                return new MapType(
                        false,
                        string(),
                        map(schema.getValueType(), legacyTimestamps, enclosingRecords));
            case UNION:
                return mapUnion(schema, legacyTimestamps, enclosingRecords);
            default:
                throw new IllegalArgumentException("Unknown Avro type " + schema.getType());
        }
    }

    private static LogicalType mapInt(Schema schema) {
        if (schema.getLogicalType() instanceof LogicalTypes.Date) {
            return new DateType(false);
        }
        if (schema.getLogicalType() instanceof LogicalTypes.TimeMillis) {
            return new TimeType(false, 3);
        }
        return new IntType(false);
    }

    private static LogicalType mapLong(Schema schema, boolean legacyTimestamps) {
        org.apache.avro.LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.TimeMicros) {
            return new TimeType(false, 6);
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return instant(3, legacyTimestamps);
        }
        if (logical instanceof LogicalTypes.TimestampMicros) {
            return instant(6, legacyTimestamps);
        }
        if (logical instanceof LogicalTypes.TimestampNanos) {
            return instant(9, legacyTimestamps);
        }
        if (logical instanceof LogicalTypes.LocalTimestampMillis) {
            return new TimestampType(false, 3);
        }
        if (logical instanceof LogicalTypes.LocalTimestampMicros) {
            return new TimestampType(false, 6);
        }
        if (logical instanceof LogicalTypes.LocalTimestampNanos) {
            return new TimestampType(false, 9);
        }
        return new BigIntType(false);
    }

    private static LogicalType instant(int precision, boolean legacyTimestamps) {
        return legacyTimestamps
                ? new TimestampType(false, precision)
                : new LocalZonedTimestampType(false, precision);
    }

    private static LogicalType mapFixed(Schema schema) {
        if (isDecimal(schema)) {
            return mapDecimal(schema);
        }
        if (isUuidOnFixed(schema)) {
            return string();
        }
        if (isDuration(schema)) {
            return durationType();
        }
        if (schema.getFixedSize() == 0) {
            return BinaryType.ofEmptyLiteral();
        }
        return new BinaryType(false, schema.getFixedSize());
    }

    private static LogicalType mapDecimal(Schema schema) {
        LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) schema.getLogicalType();
        if (decimal.getPrecision() > DecimalType.MAX_PRECISION) {
            return string();
        }
        return new DecimalType(false, decimal.getPrecision(), decimal.getScale());
    }

    private static LogicalType mapRecord(
            Schema schema, boolean legacyTimestamps, Set<String> enclosingRecords) {
        if (!enclosingRecords.add(schema.getFullName())) {
            return string();
        }
        List<RowField> fields = new ArrayList<>(schema.getFields().size());
        for (Schema.Field field : schema.getFields()) {
            fields.add(
                    new RowField(
                            field.name(), map(field.schema(), legacyTimestamps, enclosingRecords)));
        }
        enclosingRecords.remove(schema.getFullName());
        return new RowType(false, fields);
    }

    private static LogicalType mapUnion(
            Schema union, boolean legacyTimestamps, Set<String> enclosingRecords) {
        List<Schema> branches = nonNullBranches(union);
        boolean nullable = branches.size() < union.getTypes().size();
        if (branches.isEmpty()) {
            return new NullType();
        }
        if (branches.size() == 1) {
            return map(branches.get(0), legacyTimestamps, enclosingRecords).copy(nullable);
        }
        List<String> names = unionFieldNames(union);
        List<RowField> fields = new ArrayList<>(branches.size());
        for (int i = 0; i < branches.size(); i++) {
            fields.add(
                    new RowField(
                            names.get(i),
                            map(branches.get(i), legacyTimestamps, enclosingRecords).copy(true)));
        }
        return new RowType(nullable, fields);
    }

    /** Whether a schema carries a valid decimal logical type (Avro drops invalid ones). */
    public static boolean isDecimal(Schema schema) {
        return schema.getLogicalType() instanceof LogicalTypes.Decimal;
    }

    /** Whether a fixed schema is a uuid: a fixed of 16 bytes carrying the uuid logical type. */
    public static boolean isUuidOnFixed(Schema schema) {
        return schema.getType() == Schema.Type.FIXED
                && schema.getFixedSize() == 16
                && schema.getLogicalType() != null
                && "uuid".equals(schema.getLogicalType().getName());
    }

    /** Whether a fixed schema is a duration: a fixed of 12 bytes carrying the duration type. */
    public static boolean isDuration(Schema schema) {
        return schema.getType() == Schema.Type.FIXED
                && schema.getFixedSize() == 12
                && schema.getLogicalType() != null
                && "duration".equals(schema.getLogicalType().getName());
    }

    /** The type of an Avro duration: three unsigned 32-bit counts. */
    public static RowType durationType() {
        return new RowType(
                false,
                List.of(
                        new RowField("months", new BigIntType(false)),
                        new RowField("days", new BigIntType(false)),
                        new RowField("millis", new BigIntType(false))));
    }

    private static VarCharType string() {
        return new VarCharType(false, VarCharType.MAX_LENGTH);
    }
}
