package io.jetliner.flink.e2e.cluster;

import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The tests' input: Avro files of orders whose values follow from their ids, so that the rows a job
 * writes can be checked against the ids it was given.
 */
final class OrderFiles {

    /** Every Avro codec the connector reads. */
    static final String[] CODECS = {"null", "deflate", "snappy", "zstandard", "bzip2", "xz"};

    static final Schema SCHEMA =
            new Schema.Parser()
                    .parse(
                            "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"io.jetliner.e2e\","
                                    + "\"fields\":["
                                    + "{\"name\":\"id\",\"type\":\"long\"},"
                                    + "{\"name\":\"customer\",\"type\":\"string\"},"
                                    + "{\"name\":\"quantity\",\"type\":\"int\"},"
                                    + "{\"name\":\"price\",\"type\":\"double\"},"
                                    + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],"
                                    + "\"default\":null},"
                                    + "{\"name\":\"day\",\"type\":{\"type\":\"int\","
                                    + "\"logicalType\":\"date\"}}]}");

    /** The table's columns as the SQL DDL declares them. */
    static final String COLUMNS =
            "id BIGINT NOT NULL, customer STRING NOT NULL, quantity INT NOT NULL,"
                    + " price DOUBLE NOT NULL, note STRING, `day` DATE NOT NULL";

    private OrderFiles() {}

    /**
     * Writes orders {@code firstId .. firstId + count - 1} to {@code file} with {@code codec}, in
     * blocks of a few kilobytes, under a hidden name first and then renamed, so that a monitoring
     * reader never lists a file that is still being written.
     */
    static void write(Path file, String codec, long firstId, int count) throws IOException {
        Path hidden = file.resolveSibling("." + file.getFileName() + ".writing");
        GenericRecord order = new GenericData.Record(SCHEMA);
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(SCHEMA))) {
            writer.setCodec(CodecFactory.fromString(codec));
            writer.setSyncInterval(4096);
            writer.create(SCHEMA, hidden.toFile());
            for (long id = firstId; id < firstId + count; id++) {
                order.put("id", id);
                order.put("customer", customer(id));
                order.put("quantity", quantity(id));
                order.put("price", price(id));
                order.put("note", note(id));
                order.put("day", day(id));
                writer.append(order);
            }
        }
        Files.move(hidden, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The canonical text of order {@code id}, as {@link #line} gives it for a row read back. */
    static String expectedLine(long id) {
        return line(id, customer(id), quantity(id), price(id), note(id), day(id));
    }

    static String line(
            long id, String customer, int quantity, double price, String note, int epochDay) {
        return id + "|" + customer + "|" + quantity + "|" + price + "|" + note + "|" + epochDay;
    }

    private static String customer(long id) {
        return "customer-" + (id % 97);
    }

    private static int quantity(long id) {
        return (int) (id % 13) + 1;
    }

    private static double price(long id) {
        return id * 0.25 + 0.01;
    }

    private static String note(long id) {
        return id % 3 == 0 ? null : "note for order " + id;
    }

    private static int day(long id) {
        return 19_000 + (int) (id % 365);
    }
}
