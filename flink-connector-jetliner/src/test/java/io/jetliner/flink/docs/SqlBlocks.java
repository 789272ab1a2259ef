package io.jetliner.flink.docs;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a ```sql block of the docs: its statements, in order, on a TableEnvironment of its own in
 * batch mode, after its locations are pointed at {@link DocFixtures}. A statement that fails fails
 * the block, and so does a query ({@code SELECT}, {@code WITH}) that returns no row: an example
 * whose filter matches nothing shows nothing.
 */
final class SqlBlocks {

    private SqlBlocks() {}

    static void run(CodeBlock block, DocFixtures fixtures) throws Exception {
        TableEnvironment tableEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        for (String statement : statements(fixtures.substituteLocations(block.code()))) {
            long rows;
            try {
                TableResult result = tableEnv.executeSql(statement);
                rows = count(result);
            } catch (Exception e) {
                throw new AssertionError(
                        block.location() + ": the statement fails: " + statement + "\n" + e, e);
            }
            if (isQuery(statement) && rows == 0) {
                throw new AssertionError(
                        block.location() + ": the query returns no row: " + statement);
            }
        }
    }

    /**
     * The statements of a script: split at each {@code ;} outside quotes, backticks and comments,
     * without line comments ({@code --}), keeping block comments (hints are block comments).
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '\'' || c == '`' || c == '"') {
                int end = script.indexOf(c, i + 1);
                end = end < 0 ? script.length() : end + 1;
                current.append(script, i, end);
                i = end;
            } else if (script.startsWith("--", i)) {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end;
            } else if (script.startsWith("/*", i)) {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? script.length() : end + 2;
                current.append(script, i, end);
                i = end;
            } else if (c == ';') {
                add(statements, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder statement) {
        String trimmed = statement.toString().strip();
        if (!trimmed.isEmpty()) {
            statements.add(trimmed);
        }
        statement.setLength(0);
    }

    private static boolean isQuery(String statement) {
        String upper = statement.toUpperCase(Locale.ROOT);
        return upper.startsWith("SELECT") || upper.startsWith("WITH");
    }

    private static long count(TableResult result) throws Exception {
        long rows = 0;
        try (CloseableIterator<Row> iterator = result.collect()) {
            while (iterator.hasNext()) {
                iterator.next();
                rows++;
            }
        }
        return rows;
    }
}
