package io.jetliner.flink.table.conversion;

import io.jetliner.flink.testutil.AvroFiles;

import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * An Avro file with a column of every type of the Avro-to-Flink mapping, and rows that take each
 * type's edge values first (extremes, zeros, NaN and infinities, empty strings, collections and
 * byte arrays, text that CSV must quote, nulls of every nullable column), then seeded random ones.
 *
 * <p>Timestamps with more than millisecond precision hold no sub-millisecond digits before 1970:
 * Flink 2.3's parquet format cannot round-trip those (its INT96 and INT64 readers divide towards
 * zero, which makes a negative nano-of-millisecond), so that a file of them would test Flink's
 * format rather than the conversion. {@code BatchConversionITCase} pins that limit down.
 */
final class EveryTypeFile {

    /** The columns; {@code nothing} is Avro's null type, which only JSON of the formats holds. */
    static final Schema SCHEMA =
            new Schema.Parser()
                    .parse(
                            """
                            {"type": "record", "name": "Everything", "namespace": "conversion",
                             "fields": [
                              {"name": "id", "type": "long"},
                              {"name": "flag", "type": "boolean"},
                              {"name": "small", "type": "int"},
                              {"name": "big", "type": "long"},
                              {"name": "ratio", "type": "float"},
                              {"name": "amount", "type": "double"},
                              {"name": "text", "type": "string"},
                              {"name": "blob", "type": "bytes"},
                              {"name": "code", "type": {"type": "fixed", "name": "Code", "size": 5}},
                              {"name": "suit", "type": {"type": "enum", "name": "Suit",
                                "symbols": ["SPADES", "HEARTS", "DIAMONDS", "CLUBS"]}},
                              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal",
                                "precision": 9, "scale": 2}},
                              {"name": "balance", "type": {"type": "fixed", "name": "Balance",
                                "size": 16, "logicalType": "decimal", "precision": 38, "scale": 10}},
                              {"name": "wide", "type": {"type": "bytes", "logicalType": "decimal",
                                "precision": 40, "scale": 5}},
                              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
                              {"name": "alarm_millis",
                               "type": {"type": "int", "logicalType": "time-millis"}},
                              {"name": "alarm_micros",
                               "type": {"type": "long", "logicalType": "time-micros"}},
                              {"name": "instant_millis",
                               "type": {"type": "long", "logicalType": "timestamp-millis"}},
                              {"name": "instant_micros",
                               "type": {"type": "long", "logicalType": "timestamp-micros"}},
                              {"name": "instant_nanos",
                               "type": {"type": "long", "logicalType": "timestamp-nanos"}},
                              {"name": "local_millis",
                               "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
                              {"name": "local_micros",
                               "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
                              {"name": "local_nanos",
                               "type": {"type": "long", "logicalType": "local-timestamp-nanos"}},
                              {"name": "uuid_text", "type": {"type": "string", "logicalType": "uuid"}},
                              {"name": "uuid_fixed", "type": {"type": "fixed", "name": "Uuid",
                                "size": 16, "logicalType": "uuid"}},
                              {"name": "span", "type": {"type": "fixed", "name": "Span", "size": 12,
                                "logicalType": "duration"}},
                              {"name": "maybe_int", "type": ["null", "int"]},
                              {"name": "maybe_text", "type": ["string", "null"]},
                              {"name": "maybe_instant", "type": ["null",
                                {"type": "long", "logicalType": "timestamp-micros"}]},
                              {"name": "address", "type": {"type": "record", "name": "Address",
                                "fields": [
                                 {"name": "street", "type": "string"},
                                 {"name": "zip", "type": ["null", "int"]},
                                 {"name": "geo", "type": {"type": "record", "name": "Geo",
                                   "fields": [{"name": "lat", "type": "double"},
                                              {"name": "lon", "type": "double"}]}}]}},
                              {"name": "maybe_address", "type": ["null", "Address"]},
                              {"name": "tags", "type": {"type": "array", "items": "string"}},
                              {"name": "scores", "type": {"type": "array", "items": ["null", "int"]}},
                              {"name": "lines", "type": {"type": "array", "items": {"type": "record",
                                "name": "Line", "fields": [{"name": "sku", "type": "string"},
                                                           {"name": "qty", "type": "int"}]}}},
                              {"name": "attributes", "type": {"type": "map", "values": "string"}},
                              {"name": "counters",
                               "type": {"type": "map", "values": ["null", "long"]}},
                              {"name": "choice", "type": ["null", "int", "string", "Line"]},
                              {"name": "either", "type": ["long", "bytes"]},
                              {"name": "node", "type": {"type": "record", "name": "Node",
                                "fields": [{"name": "value", "type": "int"},
                                           {"name": "next", "type": ["null", "Node"]}]}},
                              {"name": "nothing", "type": "null"}
                             ]}
                            """);

    /** Columns of Avro types that map to ROW, ARRAY or MAP. */
    static final List<String> NESTED_COLUMNS =
            List.of(
                    "span",
                    "address",
                    "maybe_address",
                    "tags",
                    "scores",
                    "lines",
                    "attributes",
                    "counters",
                    "choice",
                    "either",
                    "node");

    /** The column of Flink type NULL. */
    static final String NULL_COLUMN = "nothing";

    private static final long SEED = 20_261_124L;
    private static final String[] TEXT_EDGES = {
        "",
        " spaced out ",
        "comma, semicolon; \"quotes\" and 'apostrophes'",
        "two\nlines\r\nand a tab\t",
        "ünïcödé, 漢字 and 🚀",
        "null"
    };
    private static final double[] DOUBLE_EDGES = {
        0.0,
        -0.0,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE,
        Double.MAX_VALUE,
        -Double.MAX_VALUE
    };
    private static final float[] FLOAT_EDGES = {
        0.0f,
        -0.0f,
        Float.NaN,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE,
        Float.MAX_VALUE,
        -Float.MAX_VALUE
    };
    private static final int[] INT_EDGES = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
    private static final long[] LONG_EDGES = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE};

    /** 0001-01-01 and 9999-12-31, the range of Flink's DATE and TIMESTAMP. */
    private static final int FIRST_DAY = -719_162;

    private static final int LAST_DAY = 2_932_896;
    private static final long FIRST_MILLI = FIRST_DAY * 86_400_000L;
    private static final long LAST_MILLI = (LAST_DAY + 1) * 86_400_000L - 1;

    /** What a signed 64-bit count of nanoseconds reaches: 1677-09-21 to 2262-04-11. */
    private static final long FIRST_NANO_MILLI = Long.MIN_VALUE / 1_000_000 + 1;

    private static final long LAST_NANO_MILLI = Long.MAX_VALUE / 1_000_000;

    private static final int MILLIS_OF_DAY = 86_400_000;
    private static final long MICROS_OF_DAY = MILLIS_OF_DAY * 1_000L;
    private static final BigInteger TEN = BigInteger.TEN;

    private final Random random = new Random(SEED);

    private EveryTypeFile() {}

    /** The records, raw values as Avro writes them without conversions, {@code id} 0, 1, 2, … */
    static List<GenericRecord> records(int count) {
        EveryTypeFile file = new EveryTypeFile();
        List<GenericRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(file.record(i));
        }
        return records;
    }

    /** Writes {@code records} to {@code file}, in several blocks. */
    static void write(List<GenericRecord> records, Path file) throws IOException {
        Files.write(
                file, AvroFiles.write(SCHEMA, records, CodecFactory.snappyCodec(), 1024, Map.of()));
    }

    private GenericRecord record(int i) {
        GenericData.Record record = new GenericData.Record(SCHEMA);
        record.put("id", (long) i);
        record.put("flag", i % 3 == 0);
        record.put("small", i < INT_EDGES.length ? INT_EDGES[i] : random.nextInt());
        record.put("big", i < LONG_EDGES.length ? LONG_EDGES[i] : random.nextLong());
        record.put(
                "ratio",
                i < FLOAT_EDGES.length
                        ? FLOAT_EDGES[i]
                        : (random.nextFloat() - 0.5f) * (float) Math.pow(10, random.nextInt(30)));
        record.put(
                "amount",
                i < DOUBLE_EDGES.length
                        ? DOUBLE_EDGES[i]
                        : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(300)));
        record.put("text", i < TEXT_EDGES.length ? TEXT_EDGES[i] : word(0, 30));
        record.put("blob", ByteBuffer.wrap(blob(i)));
        record.put("code", fixed("Code", bytes(5)));
        List<String> suits = SCHEMA.getField("suit").schema().getEnumSymbols();
        record.put(
                "suit",
                new GenericData.EnumSymbol(
                        SCHEMA.getField("suit").schema(), suits.get(i % suits.size())));
        record.put("price", ByteBuffer.wrap(unscaled(i, 9).toByteArray()));
        record.put("balance", fixed("Balance", signExtended(unscaled(i, 38), 16)));
        record.put("wide", ByteBuffer.wrap(unscaled(i, 40).toByteArray()));
        record.put("day", edgeOr(i, new int[] {FIRST_DAY, LAST_DAY, 0, -1}, FIRST_DAY, LAST_DAY));
        record.put(
                "alarm_millis",
                edgeOr(i, new int[] {0, MILLIS_OF_DAY - 1, 1}, 0, MILLIS_OF_DAY - 1));
        record.put(
                "alarm_micros",
                i == 0 ? 0L : i == 1 ? MICROS_OF_DAY - 1 : randomLong(0, MICROS_OF_DAY - 1));
        long instantMilli = milli(i, FIRST_MILLI, LAST_MILLI);
        record.put("instant_millis", instantMilli);
        record.put("instant_micros", finer(milli(i, FIRST_MILLI, LAST_MILLI), 1_000));
        record.put("instant_nanos", finer(milli(i, FIRST_NANO_MILLI, LAST_NANO_MILLI), 1_000_000));
        record.put("local_millis", milli(i, FIRST_MILLI, LAST_MILLI));
        record.put("local_micros", finer(milli(i, FIRST_MILLI, LAST_MILLI), 1_000));
        record.put("local_nanos", finer(milli(i, FIRST_NANO_MILLI, LAST_NANO_MILLI), 1_000_000));
        record.put("uuid_text", new UUID(random.nextLong(), random.nextLong()).toString());
        record.put("uuid_fixed", fixed("Uuid", bytes(16)));
        // Three unsigned 32-bit counts: the high bit set reads as a large BIGINT, not a negative.
        record.put("span", fixed("Span", i == 0 ? new byte[12] : bytes(12)));
        record.put("maybe_int", i % 3 == 1 ? null : random.nextInt(1000) - 500);
        record.put("maybe_text", i % 4 == 2 ? null : word(0, 8));
        record.put("maybe_instant", i % 5 == 3 ? null : finer(milli(i, 0, LAST_MILLI), 1_000));
        record.put("address", address(i));
        record.put("maybe_address", i % 2 == 0 ? null : address(i + 1));
        record.put("tags", strings(i % 4 == 0 ? 0 : 1 + random.nextInt(4)));
        List<Integer> scores = new ArrayList<>();
        for (int k = 0, n = i % 5; k < n; k++) {
            scores.add(random.nextInt(3) == 0 ? null : random.nextInt());
        }
        record.put("scores", scores);
        List<GenericRecord> lines = new ArrayList<>();
        for (int k = 0, n = i % 4; k < n; k++) {
            lines.add(line());
        }
        record.put("lines", lines);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int k = 0, n = i % 3; k < n; k++) {
            attributes.put("key" + k + word(0, 3), word(0, 10));
        }
        record.put("attributes", attributes);
        Map<String, Long> counters = new LinkedHashMap<>();
        for (int k = 0, n = i % 4; k < n; k++) {
            counters.put(word(1, 6) + k, random.nextInt(3) == 0 ? null : random.nextLong());
        }
        record.put("counters", counters);
        switch (i % 4) {
            case 0:
                record.put("choice", null);
                break;
            case 1:
                record.put("choice", random.nextInt());
                break;
            case 2:
                record.put("choice", word(0, 12));
                break;
            default:
                record.put("choice", line());
        }
        record.put("either", i % 2 == 0 ? random.nextLong() : ByteBuffer.wrap(bytes(i % 7)));
        record.put("node", node(i % 4));
        record.put("nothing", null);
        return record;
    }

    private GenericRecord address(int i) {
        Schema addressSchema = SCHEMA.getField("address").schema();
        GenericData.Record geo = new GenericData.Record(addressSchema.getField("geo").schema());
        geo.put("lat", random.nextDouble() * 180 - 90);
        geo.put("lon", random.nextDouble() * 360 - 180);
        GenericData.Record address = new GenericData.Record(addressSchema);
        address.put("street", i < TEXT_EDGES.length ? TEXT_EDGES[i] : word(3, 20));
        address.put("zip", i % 3 == 2 ? null : 10_000 + random.nextInt(90_000));
        address.put("geo", geo);
        return address;
    }

    private GenericRecord line() {
        Schema lineSchema = SCHEMA.getField("lines").schema().getElementType();
        GenericData.Record line = new GenericData.Record(lineSchema);
        line.put("sku", word(4, 8));
        line.put("qty", random.nextInt(100));
        return line;
    }

    /** A linked list of {@code depth} more nodes: the recursion the mapping turns into JSON. */
    private GenericRecord node(int depth) {
        GenericData.Record node = new GenericData.Record(SCHEMA.getField("node").schema());
        node.put("value", random.nextInt());
        node.put("next", depth == 0 ? null : node(depth - 1));
        return node;
    }

    /** {@code edges[i]} for the first rows, then a random value of {@code [first, last]}. */
    private int edgeOr(int i, int[] edges, int first, int last) {
        return i < edges.length ? edges[i] : (int) randomLong(first, last);
    }

    /** Edge instants first (the first and last of the range, the epoch, just before it). */
    private long milli(int i, long first, long last) {
        switch (i) {
            case 0:
                return Math.max(first, 0);
            case 1:
                return last;
            case 2:
                return first;
            case 3:
                return Math.max(first, -1);
            default:
                return randomLong(first, last);
        }
    }

    /**
     * {@code milli} in units {@code perMilli} times finer, with random sub-millisecond digits from
     * 1970 on (see the class comment for why not before).
     */
    private long finer(long milli, long perMilli) {
        long value = milli * perMilli;
        return milli >= 0 && milli < Long.MAX_VALUE / perMilli
                ? value + randomLong(0, perMilli - 1)
                : value;
    }

    /** An unscaled decimal of up to {@code precision} digits: its extremes first. */
    private BigInteger unscaled(int i, int precision) {
        BigInteger largest = TEN.pow(precision).subtract(BigInteger.ONE);
        switch (i) {
            case 0:
                return BigInteger.ZERO;
            case 1:
                return largest;
            case 2:
                return largest.negate();
            default:
                BigInteger value = new BigInteger(precision * 10 / 3, random).mod(largest);
                return random.nextBoolean() ? value : value.negate();
        }
    }

    private static byte[] signExtended(BigInteger value, int size) {
        byte[] minimal = value.toByteArray();
        byte[] bytes = new byte[size];
        byte fill = (byte) (value.signum() < 0 ? 0xff : 0);
        int pad = size - minimal.length;
        for (int k = 0; k < pad; k++) {
            bytes[k] = fill;
        }
        System.arraycopy(minimal, 0, bytes, pad, minimal.length);
        return bytes;
    }

    private byte[] blob(int i) {
        if (i == 0) {
            return new byte[0];
        }
        if (i == 1) {
            byte[] every = new byte[256];
            for (int b = 0; b < every.length; b++) {
                every[b] = (byte) b;
            }
            return every;
        }
        return bytes(random.nextInt(20));
    }

    private GenericData.Fixed fixed(String name, byte[] bytes) {
        return new GenericData.Fixed(fixedSchema(name), bytes);
    }

    private static Schema fixedSchema(String name) {
        for (Schema.Field field : SCHEMA.getFields()) {
            if (field.schema().getType() == Schema.Type.FIXED
                    && field.schema().getName().equals(name)) {
                return field.schema();
            }
        }
        throw new IllegalArgumentException("no fixed " + name);
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private List<String> strings(int count) {
        List<String> strings = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            strings.add(word(0, 10));
        }
        return strings;
    }

    private String word(int min, int max) {
        StringBuilder word = new StringBuilder();
        for (int k = 0, n = min + random.nextInt(max - min + 1); k < n; k++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private long randomLong(long first, long last) {
        return first + Math.floorMod(random.nextLong(), last - first + 1);
    }
}
