package io.jetliner.flink.e2e.cluster;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Reads back the orders a job wrote as Parquet: every committed file under a directory. */
final class ParquetOrders {

    private ParquetOrders() {}

    /**
     * The files a Flink file sink has committed under {@code directory}: names starting with {@code
     * .} (in-progress, staging) or {@code _} are not part of the output.
     */
    static List<Path> committedFiles(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.filter(Files::isRegularFile)
                    .filter(path -> isVisible(directory.relativize(path)))
                    .forEach(files::add);
        }
        return files;
    }

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

    private static boolean isVisible(Path relative) {
        for (Path name : relative) {
            if (name.toString().startsWith(".") || name.toString().startsWith("_")) {
                return false;
            }
        }
        return true;
    }
}
