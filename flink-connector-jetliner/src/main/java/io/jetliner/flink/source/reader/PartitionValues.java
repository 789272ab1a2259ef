package io.jetliner.flink.source.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Partition values, read from directory names, as Flink's internal data of their column's type. The
 * formats are those Flink's file system connector writes: {@code String.valueOf} of numbers and
 * booleans, ISO dates, and timestamps as {@code 2024-01-31 23:59:59.123} (a {@code T} instead of
 * the space is accepted too).
 */
@Internal
public final class PartitionValues {

    private PartitionValues() {}

    /** Whether a partition column may have this type. */
    public static boolean supports(LogicalType type) {
        switch (type.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
            case BOOLEAN:
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case FLOAT:
            case DOUBLE:
            case DECIMAL:
            case DATE:
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return true;
            default:
                return false;
        }
    }

    /**
     * {@code value} as Flink's internal data of {@code type}, one that {@link #supports} allows.
     *
     * @throws IllegalArgumentException saying why, where the value is not of the type
     */
    public static Object parse(String value, LogicalType type) {
        try {
            switch (type.getTypeRoot()) {
                case CHAR:
                case VARCHAR:
                    return StringData.fromString(value);
                case BOOLEAN:
                    return parseBoolean(value);
                case TINYINT:
                    return Byte.parseByte(value);
                case SMALLINT:
                    return Short.parseShort(value);
                case INTEGER:
                    return Integer.parseInt(value);
                case BIGINT:
                    return Long.parseLong(value);
                case FLOAT:
                    return Float.parseFloat(value);
                case DOUBLE:
                    return Double.parseDouble(value);
                case DECIMAL:
                    return parseDecimal(value, (DecimalType) type);
                case DATE:
                    return (int) LocalDate.parse(value).toEpochDay();
                case TIMESTAMP_WITHOUT_TIME_ZONE:
                    return TimestampData.fromLocalDateTime(
                            LocalDateTime.parse(value.replace(' ', 'T')));
                default:
                    throw new IllegalArgumentException(
                            "a partition column cannot be of type " + type.asSummaryString());
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + value + "' is not a value of type " + type.asSummaryString(), e);
        }
    }

    private static boolean parseBoolean(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException("'" + value + "' is not a BOOLEAN");
        }
    }

    private static DecimalData parseDecimal(String value, DecimalType type) {
        DecimalData decimal =
                DecimalData.fromBigDecimal(
                        new BigDecimal(value), type.getPrecision(), type.getScale());
        if (decimal == null) {
            throw new IllegalArgumentException(
                    "'" + value + "' has more digits than " + type.asSummaryString() + " holds");
        }
        return decimal;
    }
}
