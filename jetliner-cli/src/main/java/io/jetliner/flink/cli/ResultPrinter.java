package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.internal.TableResultInternal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.utils.print.PrintStyle;
import org.apache.flink.util.CloseableIterator;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement's result, printed as Flink's SQL client prints it: a table, or {@code [OK]}. The rows
 * are all collected first (the table's column widths depend on them), so that the progress bar can
 * be cleared before the table is printed.
 */
@Internal
final class ResultPrinter {

    private final TableResultInternal result;
    private final List<RowData> rows;

    private ResultPrinter(TableResultInternal result, List<RowData> rows) {
        this.result = result;
        this.rows = rows;
    }

    /** Waits for the statement's job and collects its rows. */
    static ResultPrinter collect(TableResult result) throws Exception {
        TableResultInternal internal = (TableResultInternal) result;
        List<RowData> rows = new ArrayList<>();
        if (result.getResultKind() == ResultKind.SUCCESS_WITH_CONTENT) {
            CloseableIterator<RowData> collected = internal.collectInternal();
            try {
                collected.forEachRemaining(rows::add);
            } finally {
                collected.close();
            }
        }
        return new ResultPrinter(internal, rows);
    }

    List<RowData> rows() {
        return rows;
    }

    void print(PrintStream out) {
        if (result.getResultKind() == ResultKind.SUCCESS) {
            out.println("[OK]");
            return;
        }
        PrintWriter writer = new PrintWriter(out, true);
        PrintStyle.tableauWithDataInferredColumnWidths(
                        result.getResolvedSchema(),
                        result.getRowDataToStringConverter(),
                        PrintStyle.DEFAULT_MAX_COLUMN_WIDTH,
                        false,
                        false)
                .print(rows.iterator(), writer);
        writer.flush();
    }
}
