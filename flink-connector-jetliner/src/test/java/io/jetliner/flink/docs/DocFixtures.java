package io.jetliner.flink.docs;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small Avro files the docs' examples run on, and the rule that points the locations the
 * examples name ({@code s3://bucket/events/}, {@code /data/events.avro}) at them.
 *
 * <p>A location is any string literal that starts with the scheme of a file system ({@code s3://},
 * {@code gs://}, {@code hdfs://}, {@code abfss://}, {@code file:}, …) or with {@code /}. A location
 * with {@code warehouse} in it is the catalog's warehouse; else one with {@code order} in it is the
 * orders, any other the events; of those, a last name ending in {@code .avro} is one file, one
 * ending in {@code .avsc} their schema as a file, any other their directory.
 *
 * <ul>
 *   <li><b>events</b>: the {@code events} table of the benchmarks and of {@code jetliner generate}
 *       ({@link #EVENTS}), in two files;
 *   <li><b>orders</b>: {@code id, customer, amount, price, note (nullable), day (date), placed,
 *       address ROW<city, zip>}, in the Hive-style partitions {@code
 *       dt=2024-01-01/region=eu/part-0.avro}, {@code dt=2024-01-01/region=us/part-1.avro} and
 *       {@code dt=2024-01-02/region=eu/part-0.avro};
 *   <li><b>warehouse</b>: {@code events/2024/part-0.avro} and {@code part-1.avro}, {@code
 *       clicks/dt=2024-01-01/part-0.avro} and {@code dt=2024-01-02}, {@code users.avro}, and {@code
 *       _temporary/} and {@code README.md}, which a catalog skips.
 * </ul>
 */
final class DocFixtures {

    /** A string literal of Java ("...") or SQL ('...') that holds a location. */
    private static final Pattern LOCATION_LITERAL =
            Pattern.compile(
                    "([\"'])((?:(?:s3[anp]?|gs|hdfs|abfss?|wasbs?|oss|viewfs|file):/|/)"
                            + "[^\"'\\s]*)\\1");

    static final Schema EVENTS =
            SchemaBuilder.record("Event")
                    .namespace("io.jetliner.flink.benchmarks")
                    .fields()
                    .requiredLong("event_id")
                    .requiredLong("user_id")
                    .requiredString("event_type")
                    .name("ts")
                    .type(timestampMillis())
                    .noDefault()
                    .requiredDouble("amount")
                    .requiredString("country")
                    .requiredString("device")
                    .requiredString("session_id")
                    .requiredBoolean("is_test")
                    .requiredInt("duration_ms")
                    .endRecord();

    static final Schema ORDERS =
            SchemaBuilder.record("Order")
                    .fields()
                    .requiredLong("id")
                    .requiredString("customer")
                    .requiredDouble("amount")
                    .requiredDouble("price")
                    .optionalString("note")
                    .name("day")
                    .type(LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)))
                    .noDefault()
                    .name("placed")
                    .type(timestampMillis())
                    .noDefault()
                    .name("address")
                    .type(
                            SchemaBuilder.record("Address")
                                    .fields()
                                    .requiredString("city")
                                    .requiredInt("zip")
                                    .endRecord())
                    .noDefault()
                    .endRecord();

    static final Schema CLICKS =
            SchemaBuilder.record("Click")
                    .fields()
                    .requiredLong("click_id")
                    .requiredLong("user_id")
                    .requiredString("url")
                    .endRecord();

    static final Schema USERS =
            SchemaBuilder.record("User")
                    .fields()
                    .requiredLong("user_id")
                    .requiredString("name")
                    .endRecord();

    private static final long START_MILLIS = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final String[] EVENT_TYPES = {"page_view", "click", "purchase", "search"};
    private static final String[] CITIES = {"Berlin", "Lisbon", "Oslo"};

    private final Path root;

    private DocFixtures(Path root) {
        this.root = root;
    }

    /** Writes every fixture under {@code root}. */
    static DocFixtures writeUnder(Path root) {
        DocFixtures fixtures = new DocFixtures(root);
        fixtures.writeEvents(root.resolve("events").resolve("part-0.avro"), 0, 60);
        fixtures.writeEvents(root.resolve("events").resolve("part-1.avro"), 60, 40);
        fixtures.writeEvents(root.resolve("events.avro"), 0, 100);
        fixtures.writeOrders("orders/dt=2024-01-01/region=eu/part-0.avro", 0);
        fixtures.writeOrders("orders/dt=2024-01-01/region=us/part-1.avro", 1);
        fixtures.writeOrders("orders/dt=2024-01-02/region=eu/part-0.avro", 2);
        fixtures.writeOrders("orders.avro", 3);
        Path warehouse = root.resolve("warehouse");
        fixtures.writeEvents(warehouse.resolve("events/2024/part-0.avro"), 0, 50);
        fixtures.writeEvents(warehouse.resolve("events/2024/part-1.avro"), 50, 50);
        fixtures.write(
                warehouse.resolve("clicks/dt=2024-01-01/part-0.avro"),
                CLICKS,
                20,
                DocFixtures::click);
        fixtures.write(
                warehouse.resolve("clicks/dt=2024-01-02/part-0.avro"),
                CLICKS,
                20,
                DocFixtures::click);
        fixtures.write(warehouse.resolve("users.avro"), USERS, 10, DocFixtures::user);
        try {
            Files.writeString(root.resolve("events.avsc"), EVENTS.toString(true));
            Files.writeString(root.resolve("orders.avsc"), ORDERS.toString(true));
            Files.createDirectories(warehouse.resolve("_temporary"));
            Files.writeString(warehouse.resolve("README.md"), "not a table\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixtures;
    }

    /** The fixture's URI that stands for a location an example names. */
    String locate(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/', lower.length() - 2) + 1);
        String fixture = lower.contains("order") ? "orders" : "events";
        if (lower.contains("warehouse")) {
            fixture = "warehouse";
        } else if (name.endsWith(".avsc")) {
            fixture += ".avsc";
        } else if (name.endsWith(".avro")) {
            fixture += ".avro";
        }
        // a plain path, which java.io.File takes as well as Flink's Path and SQL's 'path'
        return root.resolve(fixture).toAbsolutePath().toString();
    }

    /** {@code code} with every location literal pointing at its fixture instead. */
    String substituteLocations(String code) {
        Matcher literal = LOCATION_LITERAL.matcher(code);
        StringBuilder out = new StringBuilder();
        while (literal.find()) {
            String quote = literal.group(1);
            literal.appendReplacement(
                    out, Matcher.quoteReplacement(quote + locate(literal.group(2)) + quote));
        }
        literal.appendTail(out);
        return out.toString();
    }

    private void writeEvents(Path file, long firstId, int rows) {
        write(file, EVENTS, rows, i -> event(firstId + i));
    }

    private void writeOrders(String file, int part) {
        write(root.resolve(file), ORDERS, 25, i -> order(part * 100L + i));
    }

    private void write(Path file, Schema schema, int rows, LongFunction<GenericRecord> record) {
        try {
            Files.createDirectories(file.getParent());
            try (DataFileWriter<GenericRecord> writer =
                    new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
                writer.setCodec(CodecFactory.snappyCodec());
                writer.create(schema, file.toFile());
                for (long i = 0; i < rows; i++) {
                    writer.append(record.apply(i));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GenericRecord event(long id) {
        GenericRecord event = new GenericData.Record(EVENTS);
        event.put("event_id", id);
        event.put("user_id", 1 + id % 13);
        event.put("event_type", EVENT_TYPES[(int) (id % EVENT_TYPES.length)]);
        event.put("ts", START_MILLIS + id * 100);
        event.put("amount", id % EVENT_TYPES.length == 2 ? (id % 1000) / 10.0 : 0.0);
        event.put("country", id % 3 == 0 ? "DE" : "PT");
        event.put("device", id % 2 == 0 ? "web" : "ios");
        event.put("session_id", String.format(Locale.ROOT, "%032x", id / 10));
        event.put("is_test", id % 50 == 0);
        event.put("duration_ms", (int) (id * 37 % 60_000));
        return event;
    }

    private static GenericRecord order(long id) {
        GenericRecord address = new GenericData.Record(ORDERS.getField("address").schema());
        address.put("city", CITIES[(int) (id % CITIES.length)]);
        address.put("zip", 10_000 + (int) id);
        GenericRecord order = new GenericData.Record(ORDERS);
        order.put("id", id);
        order.put("customer", "customer-" + id % 7);
        order.put("amount", id * 1.25);
        order.put("price", 10 + id % 90 * 1.0);
        order.put("note", id % 3 == 0 ? null : "note " + id);
        order.put("day", (int) (START_MILLIS / 86_400_000L + id % 2));
        order.put("placed", START_MILLIS + id * 60_000);
        order.put("address", address);
        return order;
    }

    private static GenericRecord click(long id) {
        GenericRecord click = new GenericData.Record(CLICKS);
        click.put("click_id", id);
        click.put("user_id", 1 + id % 10);
        click.put("url", "/page/" + id % 5);
        return click;
    }

    private static GenericRecord user(long id) {
        GenericRecord user = new GenericData.Record(USERS);
        user.put("user_id", id + 1);
        user.put("name", "user-" + (id + 1));
        return user;
    }

    private static Schema timestampMillis() {
        return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    }
}
