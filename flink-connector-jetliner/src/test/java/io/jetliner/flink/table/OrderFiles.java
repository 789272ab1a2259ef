package io.jetliner.flink.table;

import org.apache.flink.types.Row;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders written by Avro's own {@code DataFileWriter} for the table tests: every value follows from
 * the order's id, so a test checks what SQL read against {@link #expectedRow(long)}.
 */
final class OrderFiles {

    static final Schema SCHEMA =
            new Schema.Parser()
                    .parse(
                            """
            {"type": "record", "name": "Order", "namespace": "io.jetliner.test", "fields": [
              {"name": "id", "type": "long"},
              {"name": "customer", "type": "string"},
              {"name": "amount", "type": "double"},
              {"name": "note", "type": ["null", "string"]},
              {"name": "placed", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "local", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
              {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
                {"name": "city", "type": "string"},
                {"name": "zip", "type": "int"},
                {"name": "geo", "type": ["null", {"type": "record", "name": "Geo", "fields": [
                  {"name": "lat", "type": "double"},
                  {"name": "lon", "type": "double"}]}]}]}},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "attrs", "type": {"type": "map", "values": "long"}},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "SHIPPED"]}}]}
            """);

    /** Every column of {@link #SCHEMA}, declared as the type mapping has it. */
    static final String COLUMNS =
            """
            id BIGINT NOT NULL,
            customer STRING NOT NULL,
            amount DOUBLE NOT NULL,
            note STRING,
            placed TIMESTAMP_LTZ(3) NOT NULL,
            `local` TIMESTAMP(6) NOT NULL,
            `day` DATE NOT NULL,
            price DECIMAL(10, 2) NOT NULL,
            address ROW<city STRING NOT NULL, zip INT NOT NULL,
                geo ROW<lat DOUBLE NOT NULL, lon DOUBLE NOT NULL>> NOT NULL,
            tags ARRAY<STRING NOT NULL> NOT NULL,
            attrs MAP<STRING NOT NULL, BIGINT NOT NULL> NOT NULL,
            status STRING NOT NULL
            """;

    private static final Conversions.DecimalConversion DECIMALS =
            new Conversions.DecimalConversion();
    private static final long PLACED_BASE = 1_700_000_000_000L;

    private OrderFiles() {}

    static GenericRecord order(long id) {
        GenericRecord order = new GenericData.Record(SCHEMA);
        order.put("id", id);
        order.put("customer", "customer-" + id);
        order.put("amount", id * 1.5);
        order.put("note", id % 3 == 0 ? null : "note " + id);
        order.put("placed", PLACED_BASE + id);
        order.put("local", (PLACED_BASE + id) * 1000 + 7);
        order.put("day", (int) (19_000 + id));
        Schema priceSchema = SCHEMA.getField("price").schema();
        order.put("price", DECIMALS.toBytes(price(id), priceSchema, priceSchema.getLogicalType()));
        Schema addressSchema = SCHEMA.getField("address").schema();
        GenericRecord address = new GenericData.Record(addressSchema);
        address.put("city", "city-" + id % 7);
        address.put("zip", (int) (10_000 + id));
        Schema geoSchema = addressSchema.getField("geo").schema().getTypes().get(1);
        if (id % 4 != 0) {
            GenericRecord geo = new GenericData.Record(geoSchema);
            geo.put("lat", id / 10.0);
            geo.put("lon", -id / 10.0);
            address.put("geo", geo);
        }
        order.put("address", address);
        order.put("tags", tags(id));
        order.put("attrs", attrs(id));
        order.put(
                "status",
                new GenericData.EnumSymbol(
                        SCHEMA.getField("status").schema(), id % 2 == 0 ? "NEW" : "SHIPPED"));
        return order;
    }

    /** The row SQL reads for the order with this id, every column of {@link #COLUMNS}. */
    static Row expectedRow(long id) {
        return Row.of(
                id,
                "customer-" + id,
                id * 1.5,
                id % 3 == 0 ? null : "note " + id,
                Instant.ofEpochMilli(PLACED_BASE + id),
                LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC)
                        .plusNanos(((PLACED_BASE + id) * 1000 + 7) * 1000),
                LocalDate.ofEpochDay(19_000 + id),
                price(id),
                Row.of(
                        "city-" + id % 7,
                        (int) (10_000 + id),
                        id % 4 == 0 ? null : Row.of(id / 10.0, -id / 10.0)),
                tags(id).toArray(new String[0]),
                attrs(id),
                id % 2 == 0 ? "NEW" : "SHIPPED");
    }

    /** The instant an order was placed, as the legacy mapping's TIMESTAMP reads it (UTC). */
    static LocalDateTime placedUtc(long id) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(PLACED_BASE + id), ZoneOffset.UTC);
    }

    private static BigDecimal price(long id) {
        return BigDecimal.valueOf(id * 101 - 5_000, 2);
    }

    private static List<String> tags(long id) {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < id % 3; i++) {
            tags.add("t" + i);
        }
        return tags;
    }

    private static Map<String, Long> attrs(long id) {
        Map<String, Long> attrs = new LinkedHashMap<>();
        if (id % 2 == 1) {
            attrs.put("weight", id * 10);
        }
        return attrs;
    }

    /**
     * Writes the orders {@code [firstId, firstId + count)} to {@code directory/name} with this
     * codec, in blocks of a few records, under a hidden name first and then renamed into place, as
     * a job expects to find a file: complete.
     */
    static Path write(Path directory, String name, long firstId, int count, CodecFactory codec) {
        Path hidden = directory.resolve("." + name + ".inprogress");
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA))) {
            writer.setCodec(codec);
            writer.setSyncInterval(256);
            writer.create(SCHEMA, hidden.toFile());
            for (long id = firstId; id < firstId + count; id++) {
                writer.append(order(id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Files.move(hidden, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
