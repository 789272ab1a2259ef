package io.jetliner.flink.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Flink's planner made of one statement, read from its {@code EXPLAIN}: the optimized physical
 * plan, what the planner pushed into the table scan (the scan's ability specs, such as {@code
 * project=[amount]} or {@code filter=[<(duration_ms, 600)]}), and the operators Flink itself still
 * runs on the rows the scan returns. A benchmark of a connector's push-downs means nothing unless
 * it says which of them the planner used.
 */
final class SqlPlan {

    private static final String PHYSICAL_PLAN = "== Optimized Physical Plan ==";
    private static final String SCAN = "TableSourceScan";
    private static final String SCAN_TABLE = "table=[[";

    /** The operator of a plan line: its name after the tree's indentation and branch marks. */
    private static final Pattern OPERATOR = Pattern.compile("^[\\s|:+\\-]*([A-Za-z]+)\\((.*)\\)$");

    private static final Pattern WHERE = Pattern.compile("where=\\[");

    /** Operators that move or write rows without computing on them. */
    private static final List<String> NOT_COMPUTING = List.of("Sink", "Exchange");

    private final String physicalPlan;
    private final List<String> pushedIntoScan;
    private final List<String> aboveScan;

    private SqlPlan(String physicalPlan, List<String> pushedIntoScan, List<String> aboveScan) {
        this.physicalPlan = physicalPlan;
        this.pushedIntoScan = pushedIntoScan;
        this.aboveScan = aboveScan;
    }

    /**
     * Reads what {@code TableEnvironment.explainSql} returned for a statement of one table scan.
     *
     * @throws IllegalArgumentException if it holds no optimized physical plan, or a plan of other
     *     than one table scan
     */
    static SqlPlan of(String explain) {
        String physicalPlan = physicalPlan(explain);
        List<String> pushedIntoScan = null;
        List<String> aboveScan = new ArrayList<>();
        for (String line : physicalPlan.split("\\R")) {
            Matcher operator = OPERATOR.matcher(line);
            if (!operator.matches()) {
                throw new IllegalArgumentException("not a plan operator: " + line);
            }
            String name = operator.group(1);
            if (name.equals(SCAN)) {
                if (pushedIntoScan != null) {
                    throw new IllegalArgumentException("more than one scan in\n" + physicalPlan);
                }
                pushedIntoScan = abilities(line);
            } else if (!NOT_COMPUTING.contains(name)) {
                aboveScan.add(describe(name, operator.group(2)));
            }
        }
        if (pushedIntoScan == null) {
            throw new IllegalArgumentException("no table scan in\n" + physicalPlan);
        }
        // The plan prints the last operator first; the rows go from the scan upwards.
        Collections.reverse(aboveScan);
        return new SqlPlan(
                physicalPlan,
                Collections.unmodifiableList(pushedIntoScan),
                Collections.unmodifiableList(aboveScan));
    }

    /** The optimized physical plan, as {@code EXPLAIN} prints it. */
    String physicalPlan() {
        return physicalPlan;
    }

    /**
     * The ability specs of the scan, as the planner prints them ({@code project=[amount]}, {@code
     * filter=[...]}, {@code limit=[...]}, {@code aggregates=[...]}, ...); none when it read the
     * table as declared.
     */
    List<String> pushedIntoScan() {
        return pushedIntoScan;
    }

    /**
     * The operators that compute on the scan's rows, from the scan upwards: their names, with the
     * condition of a {@code Calc} that filters ({@code Calc where=[<(duration_ms, 600)]}).
     */
    List<String> aboveScan() {
        return aboveScan;
    }

    /** The same push-downs and the same operators above the scan, whatever the tables' names. */
    boolean sameShape(SqlPlan other) {
        return pushedIntoScan.equals(other.pushedIntoScan) && aboveScan.equals(other.aboveScan);
    }

    private static String physicalPlan(String explain) {
        int start = explain.indexOf(PHYSICAL_PLAN);
        if (start < 0) {
            throw new IllegalArgumentException("no optimized physical plan in\n" + explain);
        }
        start += PHYSICAL_PLAN.length();
        int end = explain.indexOf("\n== ", start);
        return explain.substring(start, end < 0 ? explain.length() : end).strip();
    }

    /**
     * The specs in {@code table=[[catalog, database, table, spec, spec...]]} of a scan line, each
     * split at the commas outside its brackets.
     */
    private static List<String> abilities(String line) {
        int start = line.indexOf(SCAN_TABLE);
        if (start < 0) {
            throw new IllegalArgumentException("a scan without its table: " + line);
        }
        start += SCAN_TABLE.length();
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int partStart = start;
        for (int i = start; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && depth > 0) {
                depth--;
            } else if (c == ']' || (c == ',' && depth == 0)) {
                parts.add(line.substring(partStart, i).strip());
                if (c == ']') {
                    // The catalog, the database and the table come first.
                    return new ArrayList<>(parts.subList(Math.min(3, parts.size()), parts.size()));
                }
                partStart = i + 1;
            }
        }
        throw new IllegalArgumentException("a scan's table without its end: " + line);
    }

    private static String describe(String name, String arguments) {
        Matcher where = WHERE.matcher(arguments);
        if (!where.find()) {
            return name;
        }
        int depth = 1;
        int end = where.end();
        while (end < arguments.length() && depth > 0) {
            char c = arguments.charAt(end++);
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
        }
        return name + " " + arguments.substring(where.start(), end);
    }
}
