package io.jetliner.flink.testutil;

import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The random schema and data generators: valid, varied, and read the same by Avro itself. */
class RandomAvroTest {

    private static final long SEED = 0x5eed_0f_0c_a1eL;

    @Test
    void everyGeneratedFileReadsBackThroughAvroJavaToTheSameOracleRows() {
        Random random = new Random(SEED);
        RowComparison comparison = new RowComparison(RowComparison.FloatZero.EXACT);
        for (int i = 0; i < 150; i++) {
            Schema schema = RandomSchemas.next(random);
            List<Object> data = new RandomData(random).data(schema, random.nextInt(8));
            String codec = AvroFiles.CODECS.get(i % AvroFiles.CODECS.size());
            byte[] file =
                    AvroFiles.write(
                            schema,
                            data,
                            AvroFiles.codec(codec, random),
                            32 + random.nextInt(2000),
                            Map.of());
            List<Object> readBack = AvroFiles.read(file);

            Schema parsed = new Schema.Parser().parse(schema.toString());
            assertThat(parsed).isEqualTo(schema);
            RowType type = ReferenceOracle.rowType(parsed);
            assertThat(readBack).hasSameSizeAs(data);
            for (int row = 0; row < data.size(); row++) {
                RowData written = ReferenceOracle.row(data.get(row), parsed);
                RowData read = ReferenceOracle.row(readBack.get(row), parsed);
                try {
                    comparison.assertSameRow(row, written, read, type);
                } catch (AssertionError e) {
                    throw new AssertionError("case " + i + ", " + codec + ", " + schema, e);
                }
            }
        }
    }

    @Test
    void generatesEveryShapeOfTheDesignsTypeMapping() {
        Random random = new Random(SEED);
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < 2_000; i++) {
            Schema schema = RandomSchemas.next(random);
            if (schema.getType() != Schema.Type.RECORD) {
                seen.add("top-level " + schema.getType());
            }
            collectShapes(schema, new HashSet<>(), new HashSet<>(), seen);
        }
        assertThat(seen)
                .contains(
                        "NULL",
                        "BOOLEAN",
                        "INT",
                        "LONG",
                        "FLOAT",
                        "DOUBLE",
                        "STRING",
                        "BYTES",
                        "FIXED",
                        "ENUM",
                        "ARRAY",
                        "MAP",
                        "RECORD",
                        "empty record",
                        "[null, T]",
                        "[T, null]",
                        "multi-branch union",
                        "multi-branch with null",
                        "recursive reference",
                        "reused named type",
                        "top-level UNION",
                        "top-level ARRAY",
                        "date",
                        "time-millis",
                        "time-micros",
                        "timestamp-millis",
                        "timestamp-micros",
                        "timestamp-nanos",
                        "local-timestamp-millis",
                        "local-timestamp-micros",
                        "local-timestamp-nanos",
                        "decimal on BYTES",
                        "decimal on FIXED",
                        "decimal wider than 38 on BYTES",
                        "decimal wider than 38 on FIXED",
                        "uuid on STRING",
                        "uuid on FIXED",
                        "duration",
                        "unknown logical type",
                        "invalid logical type");
    }

    @Test
    void generatesEdgeValues() {
        Random random = new Random(SEED);
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < 300; i++) {
            Schema schema = RandomSchemas.next(random);
            for (Object datum : new RandomData(random).data(schema, 5)) {
                collectEdgeValues(datum, seen);
            }
        }
        assertThat(seen)
                .contains(
                        "float NaN",
                        "float -0.0",
                        "double NaN",
                        "double -0.0",
                        "empty string",
                        "string of 1000+ chars",
                        "non-BMP char",
                        "empty bytes",
                        "bytes at a non-zero position",
                        "empty collection",
                        "collection of 100+ elements",
                        "Long.MIN_VALUE",
                        "Integer.MIN_VALUE");
    }

    private static void collectShapes(
            Schema schema, Set<String> enclosing, Set<String> defined, Set<String> seen) {
        seen.add(schema.getType().toString());
        String logical = schema.getProp("logicalType");
        if (logical != null) {
            if (schema.getLogicalType() == null) {
                seen.add(
                        logical.startsWith("x-") ? "unknown logical type" : "invalid logical type");
            } else if (logical.equals("decimal") || logical.equals("uuid")) {
                int precision =
                        schema.getObjectProp("precision") == null
                                ? 0
                                : ((Number) schema.getObjectProp("precision")).intValue();
                seen.add(
                        logical
                                + (precision > 38 ? " wider than 38" : "")
                                + " on "
                                + schema.getType());
            } else {
                seen.add(logical);
            }
        }
        switch (schema.getType()) {
            case RECORD:
                if (enclosing.contains(schema.getFullName())) {
                    seen.add("recursive reference");
                    return;
                }
                if (!defined.add(schema.getFullName())) {
                    seen.add("reused named type");
                }
                if (schema.getFields().isEmpty()) {
                    seen.add("empty record");
                }
                enclosing.add(schema.getFullName());
                for (Schema.Field field : schema.getFields()) {
                    collectShapes(field.schema(), enclosing, defined, seen);
                }
                enclosing.remove(schema.getFullName());
                return;
            case ENUM:
            case FIXED:
                if (!defined.add(schema.getFullName())) {
                    seen.add("reused named type");
                }
                return;
            case ARRAY:
                collectShapes(schema.getElementType(), enclosing, defined, seen);
                return;
            case MAP:
                collectShapes(schema.getValueType(), enclosing, defined, seen);
                return;
            case UNION:
                List<Schema> branches = schema.getTypes();
                Integer nullIndex = schema.getIndexNamed("null");
                if (branches.size() == 2 && nullIndex != null) {
                    seen.add(nullIndex == 0 ? "[null, T]" : "[T, null]");
                } else if (branches.size() > 2 || nullIndex == null) {
                    seen.add(nullIndex == null ? "multi-branch union" : "multi-branch with null");
                }
                for (Schema branch : branches) {
                    collectShapes(branch, enclosing, defined, seen);
                }
                return;
            default:
        }
    }

    private static void collectEdgeValues(Object value, Set<String> seen) {
        if (value instanceof GenericData.Record) {
            GenericData.Record record = (GenericData.Record) value;
            for (int i = 0; i < record.getSchema().getFields().size(); i++) {
                collectEdgeValues(record.get(i), seen);
            }
        } else if (value instanceof Collection || value instanceof Map) {
            Collection<?> elements =
                    value instanceof Map ? ((Map<?, ?>) value).values() : (Collection<?>) value;
            if (elements.isEmpty()) {
                seen.add("empty collection");
            } else if (elements.size() >= 100) {
                seen.add("collection of 100+ elements");
            }
            elements.forEach(element -> collectEdgeValues(element, seen));
        } else if (value instanceof Float) {
            seen.add(Float.isNaN((Float) value) ? "float NaN" : "float");
            if (Float.floatToIntBits((Float) value) == Float.floatToIntBits(-0.0f)) {
                seen.add("float -0.0");
            }
        } else if (value instanceof Double) {
            seen.add(Double.isNaN((Double) value) ? "double NaN" : "double");
            if (Double.doubleToLongBits((Double) value) == Double.doubleToLongBits(-0.0)) {
                seen.add("double -0.0");
            }
        } else if (value instanceof CharSequence) {
            String text = value.toString();
            if (text.isEmpty()) {
                seen.add("empty string");
            } else if (text.length() >= 1000) {
                seen.add("string of 1000+ chars");
            }
            if (text.codePointCount(0, text.length()) < text.length()) {
                seen.add("non-BMP char");
            }
        } else if (value instanceof ByteBuffer) {
            ByteBuffer bytes = (ByteBuffer) value;
            if (bytes.remaining() == 0) {
                seen.add("empty bytes");
            }
            if (bytes.position() > 0) {
                seen.add("bytes at a non-zero position");
            }
        } else if (value instanceof Long && (Long) value == Long.MIN_VALUE) {
            seen.add("Long.MIN_VALUE");
        } else if (value instanceof Integer && (Integer) value == Integer.MIN_VALUE) {
            seen.add("Integer.MIN_VALUE");
        }
    }
}
