package io.jetliner.flink.testutil;

import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Deep equality of {@link PlainValues}, reporting the first difference with its path: {@code field
 * a.b[3].c: expected X, was Y} (map values as {@code m["key"]}).
 *
 * <p>Floats and doubles compare by their bits ({@link Float#floatToIntBits}: -0.0 differs from 0.0,
 * every NaN is the same NaN). Maps compare as unordered key to value. JSON strings of the oracle
 * ({@link PlainValues.Json}) compare as JSON trees, numbers by value.
 */
public final class RowComparison {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DESCRIBED_CHARS = 300;

    /** How float zeros compare. */
    public enum FloatZero {
        /** By bits: 0.0f and -0.0f differ. */
        EXACT,
        /**
         * An expected 0.0f also matches an actual -0.0f. For expectations read from avro-tools'
         * JSON only: avro-tools 1.12.1 prints a float -0.0 as 0.0 (its {@code JsonEncoder} writes
         * {@code f + 0d}), so the expected sign is lost there. Doubles are not affected.
         */
        EXPECTED_POSITIVE_MATCHES_NEGATIVE
    }

    private final FloatZero floatZero;

    public RowComparison(FloatZero floatZero) {
        this.floatZero = floatZero;
    }

    /**
     * Throws an {@link AssertionError} naming the row and the path of the first difference between
     * two rows of the same row type.
     */
    public void assertSameRow(long rowNumber, RowData expected, RowData actual, RowType type) {
        String difference =
                difference(PlainValues.of(expected, type), PlainValues.of(actual, type));
        if (difference != null) {
            throw new AssertionError("row " + rowNumber + ", " + difference);
        }
    }

    /** The first difference, as {@code field PATH: expected X, was Y}; null when equal. */
    public String difference(Object expected, Object actual) {
        return difference(expected, actual, "");
    }

    private String difference(Object expected, Object actual, String path) {
        if (expected == null || actual == null) {
            return expected == actual ? null : mismatch(path, expected, actual);
        }
        if (expected instanceof PlainValues.Row && actual instanceof PlainValues.Row) {
            return rowDifference((PlainValues.Row) expected, (PlainValues.Row) actual, path);
        }
        if (expected instanceof List && actual instanceof List) {
            return listDifference((List<?>) expected, (List<?>) actual, path);
        }
        if (expected instanceof Map && actual instanceof Map) {
            return mapDifference((Map<?, ?>) expected, (Map<?, ?>) actual, path);
        }
        if (expected instanceof PlainValues.Json) {
            String actualText =
                    actual instanceof PlainValues.Json
                            ? ((PlainValues.Json) actual).text()
                            : actual instanceof String ? (String) actual : null;
            if (actualText != null) {
                return jsonDifference(((PlainValues.Json) expected).text(), actualText, path);
            }
        }
        if (expected instanceof byte[] && actual instanceof byte[]) {
            return java.util.Arrays.equals((byte[]) expected, (byte[]) actual)
                    ? null
                    : mismatch(path, expected, actual);
        }
        if (expected instanceof Float && actual instanceof Float) {
            return sameFloat((Float) expected, (Float) actual)
                    ? null
                    : mismatch(path, expected, actual);
        }
        if (expected instanceof Double && actual instanceof Double) {
            return Double.doubleToLongBits((Double) expected)
                            == Double.doubleToLongBits((Double) actual)
                    ? null
                    : mismatch(path, expected, actual);
        }
        // BigDecimal equality includes the scale, which DECIMAL(p, s) fixes: wanted.
        return expected.getClass() == actual.getClass() && expected.equals(actual)
                ? null
                : mismatch(path, expected, actual);
    }

    private boolean sameFloat(float expected, float actual) {
        if (Float.floatToIntBits(expected) == Float.floatToIntBits(actual)) {
            return true;
        }
        return floatZero == FloatZero.EXPECTED_POSITIVE_MATCHES_NEGATIVE
                && Float.floatToIntBits(expected) == 0
                && Float.floatToIntBits(actual) == Float.floatToIntBits(-0.0f);
    }

    private String rowDifference(PlainValues.Row expected, PlainValues.Row actual, String path) {
        if (!expected.names().equals(actual.names())) {
            return "field "
                    + (path.isEmpty() ? "<row>" : path)
                    + ": expected fields "
                    + expected.names()
                    + ", was "
                    + actual.names();
        }
        for (int i = 0; i < expected.names().size(); i++) {
            String name = expected.names().get(i);
            String difference =
                    difference(
                            expected.values().get(i),
                            actual.values().get(i),
                            path.isEmpty() ? name : path + "." + name);
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private String listDifference(List<?> expected, List<?> actual, String path) {
        if (expected.size() != actual.size()) {
            return "field "
                    + path
                    + ": expected "
                    + expected.size()
                    + " elements, was "
                    + actual.size()
                    + " ("
                    + describe(expected)
                    + " vs "
                    + describe(actual)
                    + ")";
        }
        for (int i = 0; i < expected.size(); i++) {
            String difference = difference(expected.get(i), actual.get(i), path + "[" + i + "]");
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private String mapDifference(Map<?, ?> expected, Map<?, ?> actual, String path) {
        if (!expected.keySet().equals(actual.keySet())) {
            TreeSet<String> missing = new TreeSet<>();
            TreeSet<String> extra = new TreeSet<>();
            expected.keySet().stream()
                    .filter(k -> !actual.containsKey(k))
                    .forEach(k -> missing.add(describe(k)));
            actual.keySet().stream()
                    .filter(k -> !expected.containsKey(k))
                    .forEach(k -> extra.add(describe(k)));
            return "field " + path + ": map keys missing " + missing + ", unexpected " + extra;
        }
        for (Map.Entry<?, ?> entry : expected.entrySet()) {
            String difference =
                    difference(
                            entry.getValue(),
                            actual.get(entry.getKey()),
                            path + "[" + describe(entry.getKey()) + "]");
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private String jsonDifference(String expected, String actual, String path) {
        JsonNode expectedTree;
        JsonNode actualTree;
        try {
            expectedTree = JSON.readTree(expected);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the oracle's JSON does not parse: " + expected, e);
        }
        try {
            actualTree = JSON.readTree(actual);
        } catch (JsonProcessingException e) {
            return "field "
                    + path
                    + ": expected JSON "
                    + describe(expected)
                    + ", was "
                    + describe(actual)
                    + ", which is no JSON ("
                    + e.getOriginalMessage()
                    + ")";
        }
        String difference = jsonTreeDifference(expectedTree, actualTree, "$");
        return difference == null
                ? null
                : "field "
                        + path
                        + " (JSON "
                        + difference
                        + "): expected "
                        + describe(expected)
                        + ", was "
                        + describe(actual);
    }

    private static String jsonTreeDifference(JsonNode expected, JsonNode actual, String path) {
        if (expected.isNumber() && actual.isNumber()) {
            BigDecimal e = expected.decimalValue();
            BigDecimal a = actual.decimalValue();
            return e.compareTo(a) == 0 ? null : path + ": " + e + " vs " + a;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            return path + ": " + expected.getNodeType() + " vs " + actual.getNodeType();
        }
        if (expected.isObject()) {
            List<String> expectedNames = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedNames::add);
            List<String> actualNames = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualNames::add);
            if (!new TreeSet<>(expectedNames).equals(new TreeSet<>(actualNames))) {
                return path + ": keys " + expectedNames + " vs " + actualNames;
            }
            for (String name : expectedNames) {
                String difference =
                        jsonTreeDifference(expected.get(name), actual.get(name), path + "." + name);
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                return path + ": " + expected.size() + " vs " + actual.size() + " elements";
            }
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                String difference = jsonTreeDifference(e.next(), a.next(), path + "[" + i + "]");
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        return expected.equals(actual) ? null : path + ": " + expected + " vs " + actual;
    }

    private static String mismatch(String path, Object expected, Object actual) {
        return "field "
                + (path.isEmpty() ? "<row>" : path)
                + ": expected "
                + describe(expected)
                + ", was "
                + describe(actual);
    }

    /** A short, unambiguous rendering of a plain value for failure messages. */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return quoted((String) value);
        }
        if (value instanceof PlainValues.Json) {
            return "JSON " + quoted(((PlainValues.Json) value).text());
        }
        if (value instanceof byte[]) {
            byte[] bytes = (byte[]) value;
            String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64));
            return "0x" + hex + (bytes.length > 64 ? "… (" + bytes.length + " bytes)" : "");
        }
        if (value instanceof Float) {
            float f = (Float) value;
            return f + "f (bits 0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
        }
        if (value instanceof Double) {
            double d = (Double) value;
            return d + " (bits 0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString() + " (decimal)";
        }
        if (value instanceof TimestampData) {
            TimestampData t = (TimestampData) value;
            return t
                    + " (epoch ms "
                    + t.getMillisecond()
                    + " + "
                    + t.getNanoOfMillisecond()
                    + " ns)";
        }
        if (value instanceof List) {
            List<?> list = (List<?>) value;
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < list.size() && text.length() < MAX_DESCRIBED_CHARS; i++) {
                text.append(i == 0 ? "" : ", ").append(describe(list.get(i)));
            }
            return truncate(text.append(']').toString());
        }
        if (value instanceof Map) {
            StringBuilder text = new StringBuilder("{");
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (text.length() > MAX_DESCRIBED_CHARS) {
                    break;
                }
                text.append(text.length() == 1 ? "" : ", ")
                        .append(describe(entry.getKey()))
                        .append(": ")
                        .append(describe(entry.getValue()));
            }
            return truncate(text.append('}').toString());
        }
        if (value instanceof PlainValues.Row) {
            return truncate(value.toString());
        }
        return truncate(Objects.toString(value) + " (" + value.getClass().getSimpleName() + ")");
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        int limit = Math.min(text.length(), 120);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || c >= 0x7f) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('"');
        if (text.length() > limit) {
            quoted.append("… (").append(text.length()).append(" chars)");
        }
        return quoted.toString();
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DESCRIBED_CHARS
                ? text
                : text.substring(0, MAX_DESCRIBED_CHARS) + "…";
    }
}
