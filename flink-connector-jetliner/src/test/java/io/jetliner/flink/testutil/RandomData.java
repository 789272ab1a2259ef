package io.jetliner.flink.testutil;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded generator of random Avro data for a schema, in Avro's generic representation of raw
 * values (what {@code GenericDatumWriter} writes with no conversions): edge values of every type
 * (extreme and boundary numbers, NaNs and signed zeros, empty and very long strings, non-ASCII
 * text, empty and large arrays and maps), logical-type values within their ranges, decimals within
 * their precision.
 *
 * <p>A datum has a budget of values, so that nested collections cannot multiply into a huge row,
 * and recursion ends at depth {@value #MAX_RECORD_DEPTH}: beyond it a union takes its null branch
 * (or a branch that is no record) and arrays and maps are empty.
 */
public final class RandomData {

    private static final int MAX_RECORD_DEPTH = 6;
    private static final int VALUE_BUDGET = 2_000;

    /** Years -9999 to 9999, in milliseconds from the epoch. */
    private static final long MILLIS_RANGE = 253_402_300_799_999L;

    private static final int[][] CODE_POINT_RANGES = {
        {0x20, 0x7e},
        {0xa0, 0xff},
        {0x370, 0x4ff},
        {0x4e00, 0x9fff},
        {0xe000, 0xfffd},
        {0x1f300, 0x1f64f},
        {0x10000, 0x10ffff},
        {0x0, 0x1f}
    };

    private final Random random;
    private int budget;

    public RandomData(Random random) {
        this.random = random;
    }

    /** A random datum of {@code schema}. */
    public Object datum(Schema schema) {
        budget = VALUE_BUDGET;
        return value(schema, 0);
    }

    /** {@code count} random data of {@code schema}. */
    public List<Object> data(Schema schema, int count) {
        List<Object> data = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            data.add(datum(schema));
        }
        return data;
    }

    private Object value(Schema schema, int recordDepth) {
        budget--;
        LogicalType logical = schema.getLogicalType();
        String logicalName = logical == null ? "" : logical.getName();
        switch (schema.getType()) {
            case NULL:
                return null;
            case BOOLEAN:
                return random.nextBoolean();
            case INT:
                return intValue(logicalName);
            case LONG:
                return longValue(logicalName);
            case FLOAT:
                return floatValue();
            case DOUBLE:
                return doubleValue();
            case STRING:
                if (logicalName.equals("uuid")) {
                    return maybeUtf8(new UUID(random.nextLong(), random.nextLong()).toString());
                }
                return maybeUtf8(string());
            case BYTES:
                if (logicalName.equals("decimal")) {
                    return ByteBuffer.wrap(unscaled((LogicalTypes.Decimal) logical).toByteArray());
                }
                return bytes();
            case FIXED:
                return new GenericData.Fixed(schema, fixedBytes(schema, logical));
            case ENUM:
                List<String> symbols = schema.getEnumSymbols();
                return new GenericData.EnumSymbol(
                        schema, symbols.get(random.nextInt(symbols.size())));
            case ARRAY:
                return array(schema, recordDepth);
            case MAP:
                return map(schema, recordDepth);
            case RECORD:
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), value(field.schema(), recordDepth + 1));
                }
                return record;
            case UNION:
                return value(unionBranch(schema, recordDepth), recordDepth);
            default:
                throw new IllegalArgumentException("no such Avro type: " + schema);
        }
    }

    private Schema unionBranch(Schema union, int recordDepth) {
        List<Schema> branches = union.getTypes();
        if (recordDepth >= MAX_RECORD_DEPTH || budget <= 0) {
            for (Schema branch : branches) {
                if (branch.getType() == Schema.Type.NULL) {
                    return branch;
                }
            }
            for (Schema branch : branches) {
                if (branch.getType() != Schema.Type.RECORD) {
                    return branch;
                }
            }
        }
        if (random.nextInt(4) == 0) {
            for (Schema branch : branches) {
                if (branch.getType() == Schema.Type.NULL) {
                    return branch;
                }
            }
        }
        return branches.get(random.nextInt(branches.size()));
    }

    private int collectionSize(int recordDepth) {
        if (budget <= 0 || recordDepth >= MAX_RECORD_DEPTH) {
            return 0;
        }
        int roll = random.nextInt(100);
        int size;
        if (roll < 12) {
            size = 0;
        } else if (roll < 82) {
            size = 1 + random.nextInt(5);
        } else if (roll < 97) {
            size = 6 + random.nextInt(25);
        } else {
            size = 100 + random.nextInt(300);
        }
        return Math.min(size, budget);
    }

    private Object array(Schema schema, int recordDepth) {
        int size = collectionSize(recordDepth);
        List<Object> elements =
                random.nextBoolean() ? new GenericData.Array<>(size, schema) : new ArrayList<>();
        for (int i = 0; i < size; i++) {
            elements.add(value(schema.getElementType(), recordDepth));
        }
        return elements;
    }

    private Object map(Schema schema, int recordDepth) {
        int size = collectionSize(recordDepth);
        boolean utf8Keys = random.nextBoolean();
        Map<Object, Object> entries =
                random.nextBoolean() ? new HashMap<>() : new LinkedHashMap<>();
        for (int attempts = 0; entries.size() < size && attempts < 4 * size + 10; attempts++) {
            String key = random.nextInt(3) == 0 ? "k" + entries.size() : string();
            Object typedKey = utf8Keys ? new Utf8(key) : key;
            if (!entries.containsKey(typedKey)) {
                entries.put(typedKey, value(schema.getValueType(), recordDepth));
            }
        }
        return entries;
    }

    private Integer intValue(String logical) {
        switch (logical) {
            case "time-millis":
                return random.nextInt(86_400_000);
            case "date":
                return random.nextInt(10) == 0
                        ? pick(0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE)
                        : random.nextInt(2_000_000) - 1_000_000;
            default:
                return anyInt();
        }
    }

    private Long longValue(String logical) {
        switch (logical) {
            case "time-micros":
                return nextLong(86_400_000_000L);
            case "timestamp-millis":
            case "local-timestamp-millis":
                return timestamp(1L);
            case "timestamp-micros":
            case "local-timestamp-micros":
                return timestamp(1_000L);
            case "timestamp-nanos":
            case "local-timestamp-nanos":
                return anyLong();
            default:
                return anyLong();
        }
    }

    private long timestamp(long unitsPerMilli) {
        int roll = random.nextInt(100);
        if (roll < 2) {
            return pick(Long.MIN_VALUE, Long.MAX_VALUE);
        } else if (roll < 10) {
            return pick(0L, -1L, 1L, -unitsPerMilli, unitsPerMilli - 1, unitsPerMilli + 1);
        } else {
            return (nextLong(2 * MILLIS_RANGE + 1) - MILLIS_RANGE) * unitsPerMilli
                    + nextLong(unitsPerMilli);
        }
    }

    private int anyInt() {
        int roll = random.nextInt(100);
        if (roll < 15) {
            return pick(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 63, 64, -64, -65);
        } else if (roll < 30) {
            // Around the varint's 7-bit boundaries.
            int shift = 7 * random.nextInt(5);
            return (random.nextBoolean() ? 1 : -1) * ((1 << shift) + random.nextInt(3) - 1);
        } else if (roll < 60) {
            return random.nextInt(201) - 100;
        } else {
            return random.nextInt();
        }
    }

    private long anyLong() {
        int roll = random.nextInt(100);
        if (roll < 15) {
            return pick(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MAX_VALUE + 1);
        } else if (roll < 30) {
            int shift = 7 * random.nextInt(10);
            return (random.nextBoolean() ? 1 : -1) * ((1L << shift) + random.nextInt(3) - 1);
        } else if (roll < 50) {
            return random.nextInt(201) - 100;
        } else {
            return random.nextLong();
        }
    }

    private Float floatValue() {
        int roll = random.nextInt(100);
        if (roll < 20) {
            return pick(
                    Float.NaN,
                    Float.POSITIVE_INFINITY,
                    Float.NEGATIVE_INFINITY,
                    0.0f,
                    -0.0f,
                    Float.MIN_VALUE,
                    Float.MAX_VALUE,
                    Float.MIN_NORMAL,
                    -Float.MAX_VALUE,
                    1.0f);
        } else if (roll < 60) {
            return (random.nextFloat() - 0.5f) * 1e6f;
        } else {
            return Float.intBitsToFloat(random.nextInt());
        }
    }

    private Double doubleValue() {
        int roll = random.nextInt(100);
        if (roll < 20) {
            return pick(
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY,
                    0.0,
                    -0.0,
                    Double.MIN_VALUE,
                    Double.MAX_VALUE,
                    Double.MIN_NORMAL,
                    -Double.MAX_VALUE,
                    0.1);
        } else if (roll < 60) {
            return (random.nextDouble() - 0.5) * 1e12;
        } else {
            return Double.longBitsToDouble(random.nextLong());
        }
    }

    private String string() {
        int roll = random.nextInt(100);
        int length;
        if (roll < 12) {
            return "";
        } else if (roll < 85) {
            length = 1 + random.nextInt(12);
        } else if (roll < 98 || budget <= 0) {
            length = 13 + random.nextInt(200);
        } else {
            length = 1_000 + random.nextInt(12_000);
            budget -= length / 16;
        }
        boolean asciiOnly = random.nextInt(3) > 0;
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < Math.min(length, 256); i++) {
            int[] range = asciiOnly ? CODE_POINT_RANGES[0] : pickRange();
            int codePoint = range[0] + random.nextInt(range[1] - range[0] + 1);
            text.appendCodePoint(codePoint);
        }
        // A long string repeats its random start: what matters beyond that is its length.
        String start = text.toString();
        while (text.length() < length) {
            text.append(start);
        }
        int end = Math.min(length, text.length());
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
            end--; // never cuts a surrogate pair in two
        }
        text.setLength(end);
        return text.toString();
    }

    private int[] pickRange() {
        return CODE_POINT_RANGES[random.nextInt(CODE_POINT_RANGES.length)];
    }

    private Object maybeUtf8(String text) {
        return random.nextBoolean() ? new Utf8(text) : text;
    }

    private ByteBuffer bytes() {
        byte[] bytes = randomBytes(string().length());
        if (random.nextInt(3) == 0) {
            // A buffer whose content starts at a position other than 0, as Avro readers reuse.
            int offset = 1 + random.nextInt(7);
            byte[] larger = new byte[offset + bytes.length + random.nextInt(5)];
            System.arraycopy(bytes, 0, larger, offset, bytes.length);
            return ByteBuffer.wrap(larger, offset, bytes.length);
        }
        return ByteBuffer.wrap(bytes);
    }

    private byte[] fixedBytes(Schema schema, LogicalType logical) {
        if (logical instanceof LogicalTypes.Decimal) {
            byte[] minimal = unscaled((LogicalTypes.Decimal) logical).toByteArray();
            byte[] bytes = new byte[schema.getFixedSize()];
            // Sign-extends the minimal two's complement to the fixed size.
            Arrays.fill(bytes, minimal[0] < 0 ? (byte) -1 : 0);
            System.arraycopy(minimal, 0, bytes, bytes.length - minimal.length, minimal.length);
            return bytes;
        }
        if (logical != null && logical.getName().equals("duration") && random.nextInt(8) == 0) {
            byte[] bytes = new byte[12];
            Arrays.fill(bytes, (byte) -1);
            return bytes;
        }
        return randomBytes(schema.getFixedSize());
    }

    /** An unscaled decimal value of at most {@code precision} digits, either sign. */
    private BigInteger unscaled(LogicalTypes.Decimal decimal) {
        int precision = decimal.getPrecision();
        int roll = random.nextInt(100);
        BigInteger magnitude;
        if (roll < 10) {
            magnitude = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        } else if (roll < 20) {
            magnitude = BigInteger.valueOf(random.nextInt(2));
        } else {
            int digits = 1 + random.nextInt(precision);
            StringBuilder text = new StringBuilder(digits);
            for (int i = 0; i < digits; i++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            magnitude = new BigInteger(text.toString());
        }
        return random.nextBoolean() ? magnitude.negate() : magnitude;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private long nextLong(long bound) {
        return Math.floorMod(random.nextLong(), bound);
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
