package io.jetliner.flink.cli;

import io.jetliner.flink.table.catalog.JetlinerCatalog;

import org.apache.flink.annotation.Internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code jetliner sql "STATEMENT"}: one Flink SQL statement over Avro files, each a table with the
 * columns of its newest file: those named with {@code --table}, or else every table of a {@link
 * JetlinerCatalog} of the current directory.
 */
@Internal
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        description = {
            "Run one Flink SQL statement (batch mode) and print its result as a table.",
            "Tables: each --table name=PATH; without any, the current directory (or --catalog DIR)"
                    + " as a catalog: every subdirectory and top-level .avro file a table."
        })
public final class SqlCommand extends JetlinerCommand {

    /** The catalog name of the directory's tables. */
    static final String CATALOG = "avro";

    @Parameters(paramLabel = "STATEMENT", description = "The SQL statement, in quotes.")
    String statement;

    @Option(
            names = {"-t", "--table"},
            paramLabel = "NAME=PATH",
            description = "A table of the Avro files at PATH; repeatable.")
    Map<String, String> tables = new LinkedHashMap<>();

    @Option(
            names = "--catalog",
            paramLabel = "DIR",
            description = "Without --table: the directory whose files are the tables (default: .).")
    Path catalogDirectory;

    @Mixin JobOptions job = new JobOptions();

    SqlCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() throws Exception {
        FlinkSession session = FlinkSession.open(job);
        if (tables.isEmpty()) {
            Path directory = catalogDirectory == null ? Paths.get("") : catalogDirectory;
            session.tables()
                    .executeSql(
                            "CREATE CATALOG "
                                    + AvroTable.quote(CATALOG)
                                    + " WITH ('type' = 'jetliner', 'path' = '"
                                    + AvroTable.qualified(directory.toAbsolutePath().toString())
                                            .toString()
                                            .replace("'", "''")
                                    + "')");
            session.tables().useCatalog(CATALOG);
        } else if (catalogDirectory != null) {
            throw new UserError("--catalog and --table exclude each other");
        }
        for (Map.Entry<String, String> table : tables.entrySet()) {
            session.register(table.getKey(), table.getValue());
        }
        ResultPrinter result;
        Progress progress = jobProgress("sql", 0, session);
        try (progress) {
            result = ResultPrinter.collect(session.tables().executeSql(statement));
        }
        result.print(context.out());
    }
}
