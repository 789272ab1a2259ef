package io.jetliner.flink.cli;

import io.jetliner.flink.avro.decode.RowBatch;
import io.jetliner.flink.avro.schema.AvroTypes;
import io.jetliner.flink.reader.JetlinerReader;
import io.jetliner.flink.reader.ReaderOptions;
import io.jetliner.flink.source.enumerator.DiscoveredFile;
import io.jetliner.flink.source.reader.FlattenedRowData;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.internal.TableResultInternal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.CloseableIterator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code jetliner cat PATH}: rows to stdout as JSON lines or CSV. Without {@code --where} the files
 * are read here by the plain reader, one after another in path order; with it, by a Flink SQL job
 * that filters them.
 */
@Internal
@Command(
        name = "cat",
        mixinStandardHelpOptions = true,
        description = {
            "Print the rows of the Avro files at PATH to stdout, one a line: JSON (Flink's json"
                    + " format, ISO-8601 timestamps) or CSV (Flink's csv format, after a header).",
            "See docs/cli.md for how each type is written."
        })
public final class CatCommand extends JetlinerCommand {

    /** The table name of the SQL job's statement, for --where. */
    static final String TABLE = "avro";

    @Parameters(paramLabel = "PATH", description = "An Avro file, a directory of them or a glob.")
    String path;

    @Option(
            names = {"-c", "--columns"},
            paramLabel = "COLUMNS",
            split = ",",
            description = "The columns to print, nested ones as a.b (default: all).")
    List<String> columns = new ArrayList<>();

    @Option(
            names = {"-w", "--where"},
            paramLabel = "SQL-EXPR",
            description =
                    "Only rows for which this Flink SQL condition holds, e.g. \"amount > 10 AND"
                            + " country = 'DE'\" (runs a Flink job).")
    String where;

    @Option(
            names = {"-n", "--limit"},
            paramLabel = "N",
            description = "At most N rows.")
    Long limit;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            description = "json (default) or csv.")
    RowFormat format = RowFormat.JSON;

    @Mixin JobOptions job = new JobOptions();

    CatCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() throws Exception {
        if (limit != null && limit < 0) {
            throw new UserError("--limit must not be negative, not " + limit);
        }
        OutputStream out = new BufferedOutputStream(context.out(), 1 << 16);
        try {
            if (where == null) {
                readHere(out);
            } else {
                readWithSql(out);
            }
        } finally {
            out.flush();
        }
    }

    private void readHere(OutputStream out) throws Exception {
        List<DiscoveredFile> files = AvroTable.files(path);
        long remaining = limit == null ? Long.MAX_VALUE : limit;
        long total = files.stream().mapToLong(DiscoveredFile::length).sum();
        RowFormat.RowWriter writer = null;
        RowType writerType = null;
        try (Progress progress = progress("cat", total)) {
            for (DiscoveredFile file : files) {
                if (remaining == 0) {
                    break;
                }
                ReaderOptions.Builder options = ReaderOptions.builder();
                ColumnPaths selected = null;
                if (!columns.isEmpty()) {
                    RowType fileType = AvroTypes.toRowType(AvroTable.schemaOf(file));
                    selected = ColumnPaths.select(fileType, columns);
                    options.projection(selected.readType());
                }
                try (JetlinerReader reader = JetlinerReader.open(file.path(), options.build())) {
                    FlattenedRowData view = selected == null ? null : selected.view();
                    RowType type = selected == null ? reader.rowType() : selected.outputType();
                    if (writer == null) {
                        writer = format.writer(type, out);
                        writerType = type;
                    } else if (!type.equals(writerType)) {
                        throw new UserError(
                                file.path()
                                        + " has the columns "
                                        + type.asSummaryString()
                                        + ", the files before it "
                                        + writerType.asSummaryString()
                                        + ": choose --columns they share");
                    }
                    long fileRows = 0;
                    long bytesCounted = 0;
                    for (RowBatch batch = reader.nextBatch();
                            batch != null && remaining > 0;
                            batch = reader.nextBatch()) {
                        int rows = (int) Math.min(batch.size(), remaining);
                        for (int i = 0; i < rows; i++) {
                            RowData row = batch.row(i);
                            writer.write(view == null ? row : view.replace(row));
                        }
                        remaining -= rows;
                        fileRows += rows;
                        long bytes =
                                Math.min(reader.prefetchStats().compressedBytes(), file.length());
                        progress.add(bytes - bytesCounted, rows);
                        bytesCounted = bytes;
                    }
                    progress.add(file.length() - bytesCounted, 0);
                }
            }
        }
    }

    private void readWithSql(OutputStream out) throws Exception {
        FlinkSession session = FlinkSession.open(job);
        session.register(TABLE, path);
        String select =
                columns.isEmpty()
                        ? "*"
                        : columns.stream()
                                .map(CatCommand::selectItem)
                                .collect(Collectors.joining(", "));
        String statement =
                "SELECT "
                        + select
                        + " FROM "
                        + AvroTable.quote(TABLE)
                        + " WHERE "
                        + where
                        + (limit == null ? "" : " LIMIT " + limit);
        long total = AvroTable.files(path).stream().mapToLong(DiscoveredFile::length).sum();
        Progress progress = jobProgress("cat", total, session);
        try (progress) {
            TableResultInternal result =
                    (TableResultInternal) session.tables().executeSql(statement);
            RowType type =
                    (RowType) result.getResolvedSchema().toPhysicalRowDataType().getLogicalType();
            RowFormat.RowWriter writer = format.writer(type, out);
            CloseableIterator<RowData> rows = result.collectInternal();
            try {
                while (rows.hasNext()) {
                    writer.write(rows.next());
                }
            } finally {
                rows.close();
            }
        }
    }

    /** {@code b.c} as {@code `b`.`c` AS `b.c`}: a column named as it was asked for. */
    private static String selectItem(String column) {
        String path =
                java.util.Arrays.stream(column.split("\\."))
                        .map(AvroTable::quote)
                        .collect(Collectors.joining("."));
        return column.contains(".") ? path + " AS " + AvroTable.quote(column) : path;
    }
}
