package io.jetliner.flink.benchmarks;

/**
 * The statements {@link SqlBenchmark} times on the {@link EventsDataset events} table, each with
 * the query that checks what it read: the two aggregates check themselves; the scans, whose rows a
 * blackhole swallows, are checked by aggregates over every column of the rows they read.
 */
public enum SqlQuery {

    /** {@code SELECT COUNT(*)}: no column wanted, only how many rows there are. */
    COUNT("count", "COUNT(*)", 20.0) {
        @Override
        String statement(String source, String sink) {
            return "SELECT COUNT(*) FROM " + source;
        }

        @Override
        String check(String source) {
            return statement(source, null);
        }
    },

    /** {@code SELECT SUM(amount)}: one column of every row. */
    SUM("sum", "SUM(amount)", 0) {
        @Override
        String statement(String source, String sink) {
            return "SELECT SUM(amount) FROM " + source;
        }

        @Override
        String check(String source) {
            return statement(source, null);
        }
    },

    /** Every column of every row, into a blackhole. */
    SCAN("scan", "full scan into blackhole", 4.0) {
        @Override
        String statement(String source, String sink) {
            return "INSERT INTO " + sink + " SELECT * FROM " + source;
        }

        @Override
        String check(String source) {
            return "SELECT " + EVERY_COLUMN_CHECKSUM + " FROM " + source;
        }
    },

    /** Every column of the rows of a selective predicate, about 1 % of them, into a blackhole. */
    FILTER("filter", "WHERE " + SqlQuery.PREDICATE + " into blackhole", 6.0) {
        @Override
        String statement(String source, String sink) {
            return "INSERT INTO " + sink + " SELECT * FROM " + source + " WHERE " + PREDICATE;
        }

        @Override
        String check(String source) {
            return "SELECT " + EVERY_COLUMN_CHECKSUM + " FROM " + source + " WHERE " + PREDICATE;
        }
    };

    /**
     * About 1 % of the events: {@code duration_ms} is uniform over 0..59,999. A comparison of a
     * primitive column, the kind a connector can evaluate while it decodes.
     */
    static final String PREDICATE = "duration_ms < 600";

    /**
     * Aggregates that every column of every row read goes into; the first is the row count. The
     * timestamp is compared as text (the session's time zone is UTC), as the connectors type it
     * differently ({@code TIMESTAMP_LTZ(3)} and {@code TIMESTAMP(3)}).
     */
    static final String EVERY_COLUMN_CHECKSUM =
            "COUNT(*), SUM(event_id), SUM(user_id), SUM(CAST(duration_ms AS BIGINT)),"
                    + " SUM(CASE WHEN is_test THEN 1 ELSE 0 END), SUM(amount),"
                    + " SUM(CHAR_LENGTH(event_type)), MIN(event_type), MAX(event_type),"
                    + " SUM(CHAR_LENGTH(country)), MIN(country), MAX(country),"
                    + " SUM(CHAR_LENGTH(device)), MIN(device), MAX(device),"
                    + " SUM(CHAR_LENGTH(session_id)), MIN(session_id), MAX(session_id),"
                    + " CAST(MIN(ts) AS STRING), CAST(MAX(ts) AS STRING)";

    private final String flag;
    private final String label;
    private final double target;

    SqlQuery(String flag, String label, double target) {
        this.flag = flag;
        this.label = label;
        this.target = target;
    }

    /** The name of the query on the command line. */
    public String flag() {
        return flag;
    }

    /** The name of the query in reports. */
    public String label() {
        return label;
    }

    /** How many times faster than Flink's avro format Jetliner is meant to be; 0 for none. */
    public double target() {
        return target;
    }

    /** The timed statement, reading {@code source} (and writing {@code sink}, a blackhole). */
    abstract String statement(String source, String sink);

    /** A query of one row that must return the same for both connectors and any parallelism. */
    abstract String check(String source);
}
