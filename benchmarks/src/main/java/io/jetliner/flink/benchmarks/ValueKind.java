package io.jetliner.flink.benchmarks;

import org.apache.flink.table.types.logical.LogicalType;

import org.apache.avro.Schema;

/**
 * The kinds of value that both checksums read inline, by the same codes, so that reading a row and
 * reading a record back cost alike; everything else is {@link #OTHER} and read by a nested reader.
 */
final class ValueKind {

    static final int OTHER = 0;
    static final int BOOLEAN = 1;
    static final int INT = 2;
    static final int LONG = 3;
    static final int FLOAT = 4;
    static final int DOUBLE = 5;
    static final int STRING = 6;
    static final int BYTES = 7;

    private ValueKind() {}

    /** The kind of a Flink column; timestamps, decimals and nested types are {@link #OTHER}. */
    static int of(LogicalType type) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return BOOLEAN;
            case INTEGER:
            case DATE:
            case TIME_WITHOUT_TIME_ZONE:
                return INT;
            case BIGINT:
                return LONG;
            case FLOAT:
                return FLOAT;
            case DOUBLE:
                return DOUBLE;
            case CHAR:
            case VARCHAR:
                return STRING;
            case BINARY:
            case VARBINARY:
                return BYTES;
            default:
                return OTHER;
        }
    }

    /**
     * The kind of an Avro value; a long with a logical type (a timestamp, converted to milliseconds
     * by the reader of {@link #OTHER}) and nested types are {@link #OTHER}.
     */
    static int of(Schema schema) {
        switch (schema.getType()) {
            case BOOLEAN:
                return BOOLEAN;
            case INT:
                return INT;
            case LONG:
                return schema.getLogicalType() == null ? LONG : OTHER;
            case FLOAT:
                return FLOAT;
            case DOUBLE:
                return DOUBLE;
            case STRING:
            case ENUM:
                return STRING;
            case BYTES:
            case FIXED:
                return schema.getLogicalType() == null ? BYTES : OTHER;
            default:
                return OTHER;
        }
    }
}
