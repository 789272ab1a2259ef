package io.jetliner.flink.docs;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a ```sql block of the docs: its statements, in order, on a TableEnvironment of its own,
 * after its locations are pointed at {@link DocFixtures}. A statement that fails fails the block.
 *
 * <ul>
 *   <li>In batch mode (the default), a query ({@code SELECT}, {@code WITH}) is executed and must
 *       return a row: an example whose filter matches nothing shows nothing.
 *   <li>{@code SET 'key' = 'value'}, a statement of the SQL client, sets the TableEnvironment's
 *       configuration.
 *   <li>A block that sets {@code 'execution.runtime-mode' = 'streaming'} runs in streaming mode,
 *       where a query may never end: its queries are planned ({@code EXPLAIN}), not executed.
 *   <li>{@code INSERT} is always planned, never executed: the example's sink would write into the
 *       fixtures, or run until cancelled. Planning checks the tables, columns, options and types of
 *       both sides.
 * </ul>
 */
final class SqlBlocks {

    private SqlBlocks() {}

    private static final Pattern STREAMING_MODE =
            Pattern.compile(
                    "SET\\s+'execution\\.runtime-mode'\\s*=\\s*'streaming'",
                    Pattern.CASE_INSENSITIVE);

    private static final Pattern SET = Pattern.compile("(?is)SET\\s+'([^']+)'\\s*=\\s*'([^']*)'");

    static void run(CodeBlock block, DocFixtures fixtures) throws Exception {
        String script = fixtures.substituteLocations(block.code());
        boolean streaming = STREAMING_MODE.matcher(script).find();
        TableEnvironment tableEnv =
                TableEnvironment.create(
                        streaming
                                ? EnvironmentSettings.inStreamingMode()
                                : EnvironmentSettings.inBatchMode());
        for (String statement : statements(script)) {
            boolean planOnly = startsWith(statement, "INSERT") || (streaming && isQuery(statement));
            long rows;
            try {
                Matcher set = SET.matcher(statement);
                if (set.matches()) {
                    // the SQL client's statement: here, the TableEnvironment's configuration
                    tableEnv.getConfig().set(set.group(1), set.group(2));
                    continue;
                }
                if (planOnly) {
                    tableEnv.explainSql(statement);
                    continue;
                }
                rows = count(tableEnv.executeSql(statement));
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
        return startsWith(statement, "SELECT") || startsWith(statement, "WITH");
    }

    private static boolean startsWith(String statement, String keyword) {
        return statement.toUpperCase(Locale.ROOT).startsWith(keyword);
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
