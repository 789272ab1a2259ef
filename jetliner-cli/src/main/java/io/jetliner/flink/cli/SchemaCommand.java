package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.SchemaFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;

/** {@code jetliner schema PATH}: the Avro schema, the Flink row type and a CREATE TABLE. */
@Internal
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = {
            "Print the Avro schema of the newest file at PATH, the Flink row type it maps to, and a"
                    + " CREATE TABLE statement that reads PATH with it.",
            "Reads file headers only."
        })
public final class SchemaCommand extends JetlinerCommand {

    @Parameters(paramLabel = "PATH", description = "An Avro file, a directory of them or a glob.")
    String path;

    @Option(
            names = "--name",
            paramLabel = "TABLE",
            description = "The table name of the CREATE TABLE (default: from the file name).")
    String name;

    SchemaCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        AvroTable table = AvroTable.infer(name != null ? name : AvroTable.nameOf(path), path);
        PrintStream out = context.out();
        out.println("-- Avro schema");
        out.println(SchemaFormatter.format("json/pretty", table.schema()));
        out.println();
        out.println("-- Flink row type");
        RowType rowType = table.rowType();
        int width = rowType.getFieldNames().stream().mapToInt(String::length).max().orElse(1);
        for (RowType.RowField field : rowType.getFields()) {
            out.printf(
                    "%-" + width + "s  %s%n", field.getName(), field.getType().asSummaryString());
        }
        out.println();
        out.println("-- CREATE TABLE");
        out.println(table.createTableStatement(false) + ";");
    }
}
