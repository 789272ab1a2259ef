package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;
import org.apache.flink.formats.common.TimeFormats;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonEncoding;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonFactory;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.StreamWriteFeature;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.RowType;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * Rows as JSON lines in the encoding of Flink's {@code json} format with {@code
 * 'json.timestamp-format.standard' = 'ISO-8601'} and {@code 'json.encode.decimal-as-plain-number' =
 * 'true'}: the same text Flink's {@code JsonRowDataSerializationSchema} writes for every value it
 * can write, streamed with no tree per row. Two values Flink's serializer fails on are written too:
 * a column of type {@code NULL} (Avro's {@code null}) as {@code null}, and a {@code TIME} of
 * 86,400,000 ms (written by some Avro {@code time-millis} writers for the end of the day) as {@code
 * "24:00:00"}, as ISO-8601 allows.
 */
@Internal
public final class JsonRowEncoder {

    private static final int MILLIS_PER_DAY = 86_400_000;
    private static final JsonFactory JSON =
            JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private final ValueWriter rowWriter;
    private final JsonGenerator json;
    private final OutputStream out;

    /** Writes rows of {@code type} to {@code out}, one line each. */
    public JsonRowEncoder(RowType type, OutputStream out) {
        this.rowWriter = writer(type);
        this.out = out;
        try {
            this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // Lines are separated by '\n' below, not by the generator's default root separator.
        json.setRootValueSeparator(null);
    }

    public void write(RowData row) throws IOException {
        rowWriter.write(json, row);
        json.flush();
        out.write('\n');
    }

    @FunctionalInterface
    private interface ValueWriter {
        void write(JsonGenerator json, Object value) throws IOException;
    }

    private static ValueWriter writer(LogicalType type) {
        ValueWriter notNull = notNullWriter(type);
        return (json, value) -> {
            if (value == null) {
                json.writeNull();
            } else {
                notNull.write(json, value);
            }
        };
    }

    private static ValueWriter notNullWriter(LogicalType type) {
        switch (type.getTypeRoot()) {
            case NULL:
                return (json, value) -> json.writeNull();
            case BOOLEAN:
                return (json, value) -> json.writeBoolean((Boolean) value);
            case TINYINT:
                return (json, value) -> json.writeNumber((Byte) value);
            case SMALLINT:
                return (json, value) -> json.writeNumber((Short) value);
            case INTEGER:
            case INTERVAL_YEAR_MONTH:
                return (json, value) -> json.writeNumber((Integer) value);
            case BIGINT:
            case INTERVAL_DAY_TIME:
                return (json, value) -> json.writeNumber((Long) value);
            case FLOAT:
                return (json, value) -> json.writeNumber((Float) value);
            case DOUBLE:
                return (json, value) -> json.writeNumber((Double) value);
            case CHAR:
            case VARCHAR:
                return (json, value) -> json.writeString(value.toString());
            case BINARY:
            case VARBINARY:
                return (json, value) ->
                        json.writeString(Base64.getEncoder().encodeToString((byte[]) value));
            case DATE:
                return (json, value) ->
                        json.writeString(LocalDate.ofEpochDay((Integer) value).toString());
            case TIME_WITHOUT_TIME_ZONE:
                return (json, value) -> json.writeString(time((Integer) value));
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return (json, value) ->
                        json.writeString(
                                TimeFormats.ISO8601_TIMESTAMP_FORMAT.format(
                                        ((TimestampData) value).toLocalDateTime()));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return (json, value) ->
                        json.writeString(
                                TimeFormats.ISO8601_TIMESTAMP_WITH_LOCAL_TIMEZONE_FORMAT.format(
                                        ((TimestampData) value)
                                                .toInstant()
                                                .atOffset(ZoneOffset.UTC)));
            case DECIMAL:
                return (json, value) -> json.writeNumber(((DecimalData) value).toBigDecimal());
            case ARRAY:
                return arrayWriter((ArrayType) type);
            case MAP:
                return mapWriter((MapType) type);
            case ROW:
                return rowWriter((RowType) type);
            default:
                throw new UserError("no JSON encoding for the type " + type.asSummaryString());
        }
    }

    private static String time(int millisOfDay) {
        if (millisOfDay == MILLIS_PER_DAY) {
            return "24:00:00";
        }
        return TimeFormats.SQL_TIME_FORMAT.format(LocalTime.ofNanoOfDay(millisOfDay * 1_000_000L));
    }

    private static ValueWriter arrayWriter(ArrayType type) {
        ValueWriter elementWriter = writer(type.getElementType());
        ArrayData.ElementGetter getter = elementGetter(type.getElementType());
        return (json, value) -> {
            ArrayData array = (ArrayData) value;
            json.writeStartArray();
            for (int i = 0; i < array.size(); i++) {
                elementWriter.write(json, getter.getElementOrNull(array, i));
            }
            json.writeEndArray();
        };
    }

    private static ValueWriter mapWriter(MapType type) {
        ValueWriter valueWriter = writer(type.getValueType());
        ArrayData.ElementGetter keyGetter = elementGetter(type.getKeyType());
        ArrayData.ElementGetter valueGetter = elementGetter(type.getValueType());
        return (json, value) -> {
            MapData map = (MapData) value;
            ArrayData keys = map.keyArray();
            ArrayData values = map.valueArray();
            json.writeStartObject();
            for (int i = 0; i < map.size(); i++) {
                Object key = keyGetter.getElementOrNull(keys, i);
                if (key == null) {
                    throw new UserError(
                            "a map of type " + type.asSummaryString() + " has a null key");
                }
                json.writeFieldName(key.toString());
                valueWriter.write(json, valueGetter.getElementOrNull(values, i));
            }
            json.writeEndObject();
        };
    }

    private static ArrayData.ElementGetter elementGetter(LogicalType type) {
        return type.is(LogicalTypeRoot.NULL)
                ? (array, pos) -> null
                : ArrayData.createElementGetter(type);
    }

    private static ValueWriter rowWriter(RowType type) {
        List<RowType.RowField> fields = type.getFields();
        String[] names = new String[fields.size()];
        ValueWriter[] writers = new ValueWriter[fields.size()];
        RowData.FieldGetter[] getters = new RowData.FieldGetter[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            LogicalType fieldType = fields.get(i).getType();
            names[i] = fields.get(i).getName();
            writers[i] = writer(fieldType);
            // Flink has no getter for a NULL column: its value is null whatever the row says.
            getters[i] =
                    fieldType.is(LogicalTypeRoot.NULL)
                            ? row -> null
                            : RowData.createFieldGetter(fieldType, i);
        }
        return (json, value) -> {
            RowData row = (RowData) value;
            json.writeStartObject();
            for (int i = 0; i < names.length; i++) {
                json.writeFieldName(names[i]);
                writers[i].write(json, getters[i].getFieldOrNull(row));
            }
            json.writeEndObject();
        };
    }
}
