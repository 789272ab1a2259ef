package io.jetliner.flink.e2e.cluster;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Reads back the orders a job wrote as Parquet. */
final class ParquetOrders {

    private ParquetOrders() {}

    /** Passes the canonical text of each order in {@code files} to {@code rows}. */
    static void read(List<Path> files, Consumer<String> rows) throws IOException {
        Configuration hadoop = new Configuration(false);
        for (Path file : files) {
            try (ParquetReader<Group> reader =
                    ParquetReader.builder(
                                    new GroupReadSupport(),
                                    new org.apache.hadoop.fs.Path(file.toUri()))
                            .withConf(hadoop)
                            .build()) {
                for (Group order = reader.read(); order != null; order = reader.read()) {
                    rows.accept(
                            OrderFiles.line(
                                    order.getLong("id", 0),
                                    order.getString("customer", 0),
                                    order.getInteger("quantity", 0),
                                    order.getDouble("price", 0),
                                    order.getFieldRepetitionCount("note") == 0
                                            ? null
                                            : order.getString("note", 0),
                                    order.getInteger("day", 0)));
                }
            }
        }
    }
}
