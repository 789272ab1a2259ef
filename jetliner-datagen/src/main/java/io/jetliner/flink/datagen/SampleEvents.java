package io.jetliner.flink.datagen;

import org.apache.flink.annotation.PublicEvolving;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * The {@code events} table: ten columns of a click stream, deterministic for a given row count
 * (seed {@link SeededAvroWriter#SEED}), identical in every codec. Every benchmark of the project
 * compares on it, and {@code jetliner generate} and {@code jetliner demo} write it.
 *
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>column</th><th>Avro type</th><th>values</th></tr>
 *   <tr><td>event_id</td><td>long</td><td>the row number, 0, 1, 2, …</td></tr>
 *   <tr><td>user_id</td><td>long</td><td>1..1,000,000, a fifth of rows from 1,000 heavy users</td></tr>
 *   <tr><td>event_type</td><td>string</td><td>one of 8 names, page_view most often</td></tr>
 *   <tr><td>ts</td><td>long timestamp-millis</td><td>from 2024-01-01T00:00Z, about 100 ms apart</td></tr>
 *   <tr><td>amount</td><td>double</td><td>0.00..999.99 (whole cents) for purchases, else 0.0</td></tr>
 *   <tr><td>country</td><td>string</td><td>one of 20 ISO codes</td></tr>
 *   <tr><td>device</td><td>string</td><td>ios, android, web or desktop</td></tr>
 *   <tr><td>session_id</td><td>string</td><td>32 hexadecimal digits</td></tr>
 *   <tr><td>is_test</td><td>boolean</td><td>true for 1 % of rows</td></tr>
 *   <tr><td>duration_ms</td><td>int</td><td>0..59,999</td></tr>
 * </table>
 *
 * <p>{@code event_type} is a string rather than an enum, and {@code amount} a double rather than a
 * decimal, so that Flink's own {@code avro} format reads the file with the table type it derives
 * from it (Avro does not resolve an enum to the string a Flink {@code STRING} column asks for).
 */
@PublicEvolving
public final class SampleEvents {

    /** The namespace of the generated schemas. */
    public static final String NAMESPACE = "io.jetliner.flink.benchmarks";

    public static final Schema SCHEMA =
            SchemaBuilder.record("Event")
                    .namespace(NAMESPACE)
                    .fields()
                    .requiredLong("event_id")
                    .requiredLong("user_id")
                    .requiredString("event_type")
                    .name("ts")
                    .type(
                            LogicalTypes.timestampMillis()
                                    .addToSchema(Schema.create(Schema.Type.LONG)))
                    .noDefault()
                    .requiredDouble("amount")
                    .requiredString("country")
                    .requiredString("device")
                    .requiredString("session_id")
                    .requiredBoolean("is_test")
                    .requiredInt("duration_ms")
                    .endRecord();

    private static final long START_MILLIS = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final Utf8[] EVENT_TYPES =
            utf8(
                    "page_view",
                    "page_view",
                    "page_view",
                    "page_view",
                    "click",
                    "click",
                    "search",
                    "add_to_cart",
                    "purchase",
                    "login",
                    "logout",
                    "share");
    private static final Utf8 PURCHASE = new Utf8("purchase");
    private static final Utf8[] COUNTRIES =
            utf8(
                    "US", "DE", "FR", "GB", "JP", "BR", "IN", "CA", "AU", "ES", "IT", "NL", "SE",
                    "PL", "MX", "KR", "CN", "ZA", "NG", "AR");
    private static final Utf8[] DEVICES = utf8("ios", "android", "web", "desktop");
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private SampleEvents() {}

    /** Writes {@code rows} events compressed with {@code codec} (an Avro codec name) to a file. */
    public static void write(Path file, String codec, long rows) throws IOException {
        write(file, codec, rows, written -> {});
    }

    /** As {@link #write(Path, String, long)}, telling {@code progress} the rows written so far. */
    public static void write(Path file, String codec, long rows, LongConsumer progress)
            throws IOException {
        SeededAvroWriter.write(SCHEMA, SampleEvents::fill, codec, rows, file, progress);
    }

    /** Fills every field of {@code row} (of {@link #SCHEMA}) as event number {@code index}. */
    public static void fill(GenericData.Record row, long index, Random random) {
        Utf8 type = EVENT_TYPES[random.nextInt(EVENT_TYPES.length)];
        long userId =
                random.nextInt(5) == 0 ? 1 + random.nextInt(1_000) : 1 + random.nextInt(1_000_000);
        row.put(0, index);
        row.put(1, userId);
        row.put(2, type);
        row.put(3, START_MILLIS + index * 100 + random.nextInt(100));
        row.put(4, type.equals(PURCHASE) ? random.nextInt(100_000) / 100.0 : 0.0);
        row.put(5, COUNTRIES[random.nextInt(COUNTRIES.length)]);
        row.put(6, DEVICES[random.nextInt(DEVICES.length)]);
        row.put(7, sessionId(random));
        row.put(8, random.nextInt(100) == 0);
        row.put(9, random.nextInt(60_000));
    }

    private static Utf8 sessionId(Random random) {
        byte[] digits = new byte[32];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = HEX[random.nextInt(HEX.length)];
        }
        return new Utf8(digits);
    }

    private static Utf8[] utf8(String... values) {
        Utf8[] result = new Utf8[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = new Utf8(values[i]);
        }
        return result;
    }
}
