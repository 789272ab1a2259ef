package io.jetliner.flink.testutil;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one line of {@code avro-tools tojson} output (Avro's JSON encoding, as Avro Java 1.12.1's
 * {@code JsonEncoder} writes it) back into Avro's generic raw values under the writer schema.
 *
 * <p>Avro's own {@code JsonDecoder} cannot do this: it rejects the {@code "NaN"}, {@code
 * "Infinity"} and {@code "-Infinity"} strings that {@code JsonEncoder} writes for such floats and
 * doubles. The encoding itself is simple: bytes and fixed are strings of one ISO-8859-1 char per
 * byte; a non-null union value is an object whose one key names the branch (the type name for
 * unnamed types, the full name for named ones); logical types are not applied.
 */
public final class AvroToolsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AvroToolsJson() {}

    /** The datum that one line of {@code tojson} output encodes. */
    public static Object read(String line, Schema schema) {
        if (line.isBlank()
                && schema.getType() == Schema.Type.RECORD
                && schema.getFields().isEmpty()) {
            // JsonEncoder writes nothing at all for a top-level record without fields.
            return new GenericData.Record(schema);
        }
        try {
            return value(JSON.readTree(line), schema, "$");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + line, e);
        }
    }

    private static Object value(JsonNode json, Schema schema, String path) {
        switch (schema.getType()) {
            case NULL:
                expect(json.isNull(), json, schema, path);
                return null;
            case BOOLEAN:
                expect(json.isBoolean(), json, schema, path);
                return json.booleanValue();
            case INT:
                expect(json.isIntegralNumber() && json.canConvertToInt(), json, schema, path);
                return json.intValue();
            case LONG:
                expect(json.isIntegralNumber() && json.canConvertToLong(), json, schema, path);
                return json.longValue();
            case FLOAT:
                return (float) floatingPoint(json, schema, path);
            case DOUBLE:
                return floatingPoint(json, schema, path);
            case STRING:
                expect(json.isTextual(), json, schema, path);
                return json.textValue();
            case BYTES:
                expect(json.isTextual(), json, schema, path);
                return ByteBuffer.wrap(latin1(json, schema, path));
            case FIXED:
                expect(json.isTextual(), json, schema, path);
                byte[] bytes = latin1(json, schema, path);
                expect(bytes.length == schema.getFixedSize(), json, schema, path);
                return new GenericData.Fixed(schema, bytes);
            case ENUM:
                expect(
                        json.isTextual() && schema.hasEnumSymbol(json.textValue()),
                        json,
                        schema,
                        path);
                return new GenericData.EnumSymbol(schema, json.textValue());
            case ARRAY:
                expect(json.isArray(), json, schema, path);
                List<Object> elements = new ArrayList<>();
                for (int i = 0; i < json.size(); i++) {
                    elements.add(value(json.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                return elements;
            case MAP:
                expect(json.isObject(), json, schema, path);
                Map<String, Object> entries = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    entries.put(
                            entry.getKey(),
                            value(
                                    entry.getValue(),
                                    schema.getValueType(),
                                    path + "[\"" + entry.getKey() + "\"]"));
                }
                return entries;
            case RECORD:
                expect(
                        json.isObject() && json.size() == schema.getFields().size(),
                        json,
                        schema,
                        path);
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    JsonNode fieldJson = json.get(field.name());
                    expect(fieldJson != null, json, schema, path);
                    record.put(
                            field.pos(),
                            value(fieldJson, field.schema(), path + "." + field.name()));
                }
                return record;
            case UNION:
                return unionValue(json, schema, path);
            default:
                throw new IllegalArgumentException("no such Avro type: " + schema);
        }
    }

    private static Object unionValue(JsonNode json, Schema union, String path) {
        if (json.isNull()) {
            expect(union.getIndexNamed("null") != null, json, union, path);
            return null;
        }
        expect(json.isObject() && json.size() == 1, json, union, path);
        String branchName = json.fieldNames().next();
        for (Schema branch : union.getTypes()) {
            if (branch.getFullName().equals(branchName)) {
                return value(json.get(branchName), branch, path + "<" + branchName + ">");
            }
        }
        throw new IllegalArgumentException(
                path + ": no branch " + branchName + " in " + union + ": " + json);
    }

    private static double floatingPoint(JsonNode json, Schema schema, String path) {
        if (json.isTextual()) {
            switch (json.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        expect(json.isNumber(), json, schema, path);
        // Jackson parses a JSON number as Double.parseDouble does: -0.0 keeps its sign.
        return json.doubleValue();
    }

    private static byte[] latin1(JsonNode json, Schema schema, String path) {
        String text = json.textValue();
        for (int i = 0; i < text.length(); i++) {
            expect(text.charAt(i) <= 0xff, json, schema, path);
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void expect(boolean condition, JsonNode json, Schema schema, String path) {
        if (!condition) {
            String text = json == null ? "nothing" : json.toString();
            throw new IllegalArgumentException(
                    path
                            + ": "
                            + (text.length() > 200 ? text.substring(0, 200) + "…" : text)
                            + " is no JSON encoding of "
                            + schema.getType()
                            + " "
                            + schema.getFullName());
        }
    }
}
