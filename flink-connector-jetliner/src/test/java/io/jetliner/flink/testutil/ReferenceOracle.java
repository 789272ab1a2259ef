package io.jetliner.flink.testutil;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
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

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The normative Avro-to-Flink mapping of the design (types and values), written as plainly as
 * possible and without any code of the decoder, so that the two can be compared. Slow on purpose:
 * it walks the writer schema for every value.
 *
 * <p>Values go in as Avro's generic representation of the <em>raw</em> data (logical types not
 * applied: {@link GenericData} without conversions): records, collections, maps with {@code Utf8}
 * or {@code String} keys, {@code Utf8} or {@code String}, {@code ByteBuffer}, {@link GenericFixed},
 * enum symbols, boxed primitives and null. They come out as Flink's internal data structures:
 * {@link GenericRowData}, {@link GenericArrayData}, {@link GenericMapData}, {@link StringData},
 * {@link DecimalData}, {@link TimestampData}, int days for DATE, int milliseconds of the day for
 * TIME, {@code byte[]} for BYTES and BINARY.
 *
 * <p>A recursive reference (a record inside itself) becomes a STRING holding the sub-tree in Avro's
 * JSON encoding (unions wrapped as {@code {"branch": value}}, bytes as ISO-8859-1 strings, NaN and
 * infinities as strings), as Avro Java's {@code JsonEncoder} and so avro-tools write it. The oracle
 * wraps it in a {@link JsonStringData} so that the comparison can compare it as JSON rather than as
 * text.
 *
 * <p>Two shapes the design's table does not name are read the natural way: a union of one non-null
 * branch without null is that branch's type, and a union of null alone is NULL. Logical types that
 * Avro Java rejects for their underlying type (e.g. {@code date} on a long, a decimal too wide for
 * its fixed size) count as unknown: the underlying type.
 */
public final class ReferenceOracle {

    private static final int MAX_DECIMAL_PRECISION = 38;
    private static final VarCharType STRING = new VarCharType(false, VarCharType.MAX_LENGTH);
    private static final JsonFactory JSON = new JsonFactory();

    private ReferenceOracle() {}

    /** The Flink row type of a file with this writer schema. */
    public static RowType rowType(Schema writerSchema) {
        if (writerSchema.getType() == Schema.Type.RECORD) {
            return (RowType) type(writerSchema, new HashSet<>());
        }
        return new RowType(
                false, List.of(new RowField("value", type(writerSchema, new HashSet<>()))));
    }

    /** The Flink row of one datum written with this writer schema. */
    public static RowData row(Object datum, Schema writerSchema) {
        if (writerSchema.getType() == Schema.Type.RECORD) {
            return (RowData) value(datum, writerSchema, new HashSet<>());
        }
        return GenericRowData.of(value(datum, writerSchema, new HashSet<>()));
    }

    // ---------------------------------------------------------------------------------- types

    private static LogicalType type(Schema schema, Set<String> enclosingRecords) {
        String logical = logicalTypeName(schema);
        switch (schema.getType()) {
            case NULL:
                return new NullType();
            case BOOLEAN:
                return new BooleanType(false);
            case INT:
                if ("date".equals(logical)) {
                    return new DateType(false);
                }
                if ("time-millis".equals(logical)) {
                    return new TimeType(false, 3);
                }
                return new IntType(false);
            case LONG:
                return longType(logical);
            case FLOAT:
                return new FloatType(false);
            case DOUBLE:
                return new DoubleType(false);
            case STRING:
            case ENUM:
                return STRING;
            case BYTES:
                if ("decimal".equals(logical)) {
                    return decimalType(schema);
                }
                return new VarBinaryType(false, VarBinaryType.MAX_LENGTH);
            case FIXED:
                return fixedType(schema, logical);
            case ARRAY:
                return new ArrayType(false, type(schema.getElementType(), enclosingRecords));
            case MAP:
                return new MapType(false, STRING, type(schema.getValueType(), enclosingRecords));
            case RECORD:
                return recordType(schema, enclosingRecords);
            case UNION:
                return unionType(schema, enclosingRecords);
            default:
                throw new IllegalArgumentException("no such Avro type: " + schema);
        }
    }

    private static LogicalType longType(String logical) {
        if (logical == null) {
            return new BigIntType(false);
        }
        switch (logical) {
            case "time-micros":
                return new TimeType(false, 6);
            case "timestamp-millis":
                return new LocalZonedTimestampType(false, 3);
            case "timestamp-micros":
                return new LocalZonedTimestampType(false, 6);
            case "timestamp-nanos":
                return new LocalZonedTimestampType(false, 9);
            case "local-timestamp-millis":
                return new TimestampType(false, 3);
            case "local-timestamp-micros":
                return new TimestampType(false, 6);
            case "local-timestamp-nanos":
                return new TimestampType(false, 9);
            default:
                return new BigIntType(false);
        }
    }

    private static LogicalType fixedType(Schema schema, String logical) {
        if ("decimal".equals(logical)) {
            return decimalType(schema);
        }
        if ("uuid".equals(logical)) {
            return STRING;
        }
        if ("duration".equals(logical)) {
            return durationType();
        }
        return new BinaryType(false, schema.getFixedSize());
    }

    private static LogicalType decimalType(Schema schema) {
        LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) schema.getLogicalType();
        if (decimal.getPrecision() > MAX_DECIMAL_PRECISION) {
            return STRING;
        }
        return new DecimalType(false, decimal.getPrecision(), decimal.getScale());
    }

    private static RowType durationType() {
        return new RowType(
                false,
                List.of(
                        new RowField("months", new BigIntType(false)),
                        new RowField("days", new BigIntType(false)),
                        new RowField("millis", new BigIntType(false))));
    }

    private static LogicalType recordType(Schema schema, Set<String> enclosingRecords) {
        if (enclosingRecords.contains(schema.getFullName())) {
            return STRING;
        }
        enclosingRecords.add(schema.getFullName());
        List<RowField> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new RowField(field.name(), type(field.schema(), enclosingRecords)));
        }
        enclosingRecords.remove(schema.getFullName());
        return new RowType(false, fields);
    }

    private static LogicalType unionType(Schema union, Set<String> enclosingRecords) {
        List<Schema> branches = nonNullBranches(union);
        boolean nullable = branches.size() < union.getTypes().size();
        if (branches.isEmpty()) {
            return new NullType();
        }
        if (branches.size() == 1) {
            return type(branches.get(0), enclosingRecords).copy(nullable);
        }
        List<RowField> fields = new ArrayList<>();
        for (Schema branch : branches) {
            fields.add(new RowField(branchName(branch), type(branch, enclosingRecords).copy(true)));
        }
        return new RowType(nullable, fields);
    }

    /** The name of a multi-branch union's field for this branch, as the design defines it. */
    public static String branchName(Schema branch) {
        switch (branch.getType()) {
            case RECORD:
            case ENUM:
            case FIXED:
                return branch.getName();
            default:
                return branch.getType().getName();
        }
    }

    private static List<Schema> nonNullBranches(Schema union) {
        List<Schema> branches = new ArrayList<>();
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                branches.add(branch);
            }
        }
        return branches;
    }

    private static String logicalTypeName(Schema schema) {
        org.apache.avro.LogicalType logicalType = schema.getLogicalType();
        return logicalType == null ? null : logicalType.getName();
    }

    // ---------------------------------------------------------------------------------- values

    private static Object value(Object datum, Schema schema, Set<String> enclosingRecords) {
        if (schema.getType() == Schema.Type.UNION) {
            return unionValue(datum, schema, enclosingRecords);
        }
        if (datum == null) {
            if (schema.getType() == Schema.Type.NULL) {
                return null;
            }
            throw new IllegalArgumentException("null datum for non-nullable " + schema);
        }
        String logical = logicalTypeName(schema);
        switch (schema.getType()) {
            case NULL:
                throw new IllegalArgumentException("non-null datum for null: " + datum);
            case BOOLEAN:
                return (Boolean) datum;
            case INT:
                return (Integer) datum;
            case LONG:
                return longValue((Long) datum, logical);
            case FLOAT:
                return (Float) datum;
            case DOUBLE:
                return (Double) datum;
            case STRING:
            case ENUM:
                return StringData.fromString(datum.toString());
            case BYTES:
                return bytesValue(bytesOf((ByteBuffer) datum), schema, logical);
            case FIXED:
                return bytesValue(((GenericFixed) datum).bytes().clone(), schema, logical);
            case ARRAY:
                return arrayValue((Collection<?>) datum, schema, enclosingRecords);
            case MAP:
                return mapValue((Map<?, ?>) datum, schema, enclosingRecords);
            case RECORD:
                return recordValue((IndexedRecord) datum, schema, enclosingRecords);
            default:
                throw new IllegalArgumentException("no such Avro type: " + schema);
        }
    }

    private static Object longValue(long value, String logical) {
        if (logical == null) {
            return value;
        }
        switch (logical) {
            case "time-micros":
                return Math.toIntExact(value / 1_000);
            case "timestamp-millis":
            case "local-timestamp-millis":
                return TimestampData.fromEpochMillis(value);
            case "timestamp-micros":
            case "local-timestamp-micros":
                return TimestampData.fromEpochMillis(
                        Math.floorDiv(value, 1_000L), (int) Math.floorMod(value, 1_000L) * 1_000);
            case "timestamp-nanos":
            case "local-timestamp-nanos":
                return TimestampData.fromEpochMillis(
                        Math.floorDiv(value, 1_000_000L), (int) Math.floorMod(value, 1_000_000L));
            default:
                return value;
        }
    }

    private static Object bytesValue(byte[] bytes, Schema schema, String logical) {
        if ("decimal".equals(logical)) {
            return decimalValue(bytes, (LogicalTypes.Decimal) schema.getLogicalType());
        }
        if ("uuid".equals(logical)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return StringData.fromString(new UUID(buffer.getLong(), buffer.getLong()).toString());
        }
        if ("duration".equals(logical)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            return GenericRowData.of(
                    Integer.toUnsignedLong(buffer.getInt(0)),
                    Integer.toUnsignedLong(buffer.getInt(4)),
                    Integer.toUnsignedLong(buffer.getInt(8)));
        }
        return bytes;
    }

    private static Object decimalValue(byte[] twosComplement, LogicalTypes.Decimal decimal) {
        BigDecimal value = new BigDecimal(new BigInteger(twosComplement), decimal.getScale());
        if (value.precision() > decimal.getPrecision()) {
            throw new IllegalArgumentException(
                    value + " has more digits than decimal(" + decimal.getPrecision() + ")");
        }
        if (decimal.getPrecision() > MAX_DECIMAL_PRECISION) {
            return StringData.fromString(value.toPlainString());
        }
        return DecimalData.fromBigDecimal(value, decimal.getPrecision(), decimal.getScale());
    }

    private static Object arrayValue(
            Collection<?> elements, Schema schema, Set<String> enclosingRecords) {
        List<Object> converted = new ArrayList<>(elements.size());
        for (Object element : elements) {
            converted.add(value(element, schema.getElementType(), enclosingRecords));
        }
        return new GenericArrayData(converted.toArray());
    }

    private static Object mapValue(Map<?, ?> entries, Schema schema, Set<String> enclosingRecords) {
        Map<StringData, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            StringData key = StringData.fromString(entry.getKey().toString());
            Object previous =
                    converted.put(
                            key, value(entry.getValue(), schema.getValueType(), enclosingRecords));
            if (previous != null) {
                throw new IllegalArgumentException("duplicate map key " + key);
            }
        }
        return new GenericMapData(converted);
    }

    private static Object recordValue(
            IndexedRecord record, Schema schema, Set<String> enclosingRecords) {
        if (enclosingRecords.contains(schema.getFullName())) {
            return new JsonStringData(avroJson(record, schema));
        }
        enclosingRecords.add(schema.getFullName());
        List<Schema.Field> fields = schema.getFields();
        GenericRowData row = new GenericRowData(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            row.setField(i, value(record.get(i), fields.get(i).schema(), enclosingRecords));
        }
        enclosingRecords.remove(schema.getFullName());
        return row;
    }

    private static Object unionValue(Object datum, Schema union, Set<String> enclosingRecords) {
        Schema branch = union.getTypes().get(GenericData.get().resolveUnion(union, datum));
        if (branch.getType() == Schema.Type.NULL) {
            return null;
        }
        List<Schema> branches = nonNullBranches(union);
        if (branches.size() == 1) {
            return value(datum, branch, enclosingRecords);
        }
        GenericRowData row = new GenericRowData(branches.size());
        for (int i = 0; i < branches.size(); i++) {
            if (branches.get(i) == branch) {
                row.setField(i, value(datum, branch, enclosingRecords));
            }
        }
        return row;
    }

    /**
     * Avro's JSON encoding of a value, written here rather than by Avro Java's {@code JsonEncoder},
     * whose grammar fails on some mutually recursive records (see {@code ReferenceOracleTest}). It
     * writes what {@code JsonEncoder} writes, except that a float keeps the sign of a -0.0
     * (JsonEncoder writes {@code f + 0d}).
     */
    private static String avroJson(Object value, Schema schema) {
        StringWriter json = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(json)) {
            writeAvroJson(value, schema, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.toString();
    }

    private static void writeAvroJson(Object value, Schema schema, JsonGenerator out)
            throws IOException {
        switch (schema.getType()) {
            case NULL:
                out.writeNull();
                return;
            case BOOLEAN:
                out.writeBoolean((Boolean) value);
                return;
            case INT:
                out.writeNumber((Integer) value);
                return;
            case LONG:
                out.writeNumber((Long) value);
                return;
            case FLOAT:
                writeFloatingPoint((double) (Float) value, out);
                return;
            case DOUBLE:
                writeFloatingPoint((Double) value, out);
                return;
            case STRING:
            case ENUM:
                out.writeString(value.toString());
                return;
            case BYTES:
                out.writeString(
                        new String(bytesOf((ByteBuffer) value), StandardCharsets.ISO_8859_1));
                return;
            case FIXED:
                out.writeString(
                        new String(((GenericFixed) value).bytes(), StandardCharsets.ISO_8859_1));
                return;
            case ARRAY:
                out.writeStartArray();
                for (Object element : (Collection<?>) value) {
                    writeAvroJson(element, schema.getElementType(), out);
                }
                out.writeEndArray();
                return;
            case MAP:
                out.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    out.writeFieldName(entry.getKey().toString());
                    writeAvroJson(entry.getValue(), schema.getValueType(), out);
                }
                out.writeEndObject();
                return;
            case RECORD:
                out.writeStartObject();
                for (Schema.Field field : schema.getFields()) {
                    out.writeFieldName(field.name());
                    writeAvroJson(((IndexedRecord) value).get(field.pos()), field.schema(), out);
                }
                out.writeEndObject();
                return;
            case UNION:
                Schema branch =
                        schema.getTypes().get(GenericData.get().resolveUnion(schema, value));
                if (branch.getType() == Schema.Type.NULL) {
                    out.writeNull();
                    return;
                }
                out.writeStartObject();
                out.writeFieldName(branch.getFullName());
                writeAvroJson(value, branch, out);
                out.writeEndObject();
                return;
            default:
                throw new IllegalArgumentException("no such Avro type: " + schema);
        }
    }

    /** As Avro's JSON encoding writes floats and doubles: NaN and infinities as strings. */
    private static void writeFloatingPoint(double value, JsonGenerator out) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.writeString(Double.toString(value));
        } else {
            out.writeNumber(value);
        }
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
