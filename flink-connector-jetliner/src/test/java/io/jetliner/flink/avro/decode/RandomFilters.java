package io.jetliner.flink.avro.decode;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random {@link RowFilter}s over the comparable fields of some decoded rows: trees of AND, OR and
 * NOT up to three deep over comparisons, IN lists and null tests, whose literals are mostly values
 * of the rows themselves, as they are or just beside them, so that every outcome occurs.
 */
final class RandomFilters {

    private final Random random;
    private final RowType rowType;
    private final List<? extends RowData> rows;
    private final List<String> fields = new ArrayList<>();

    /**
     * Filters on the fields of {@code rowType} among {@code fieldNames}, drawn from {@code rows}.
     */
    RandomFilters(
            Random random, RowType rowType, List<String> fieldNames, List<? extends RowData> rows) {
        this.random = random;
        this.rowType = rowType;
        this.rows = rows;
        this.fields.addAll(fieldNames);
    }

    RowFilter next() {
        return filter(random.nextInt(4));
    }

    private RowFilter filter(int depth) {
        int kind = depth == 0 ? 3 + random.nextInt(3) : random.nextInt(6);
        switch (kind) {
            case 0:
                return RowFilter.and(operands(depth));
            case 1:
                return RowFilter.or(operands(depth));
            case 2:
                return RowFilter.not(filter(depth - 1));
            default:
                return leaf();
        }
    }

    private List<RowFilter> operands(int depth) {
        List<RowFilter> operands = new ArrayList<>();
        for (int i = 2 + random.nextInt(2); i > 0; i--) {
            operands.add(filter(depth - 1));
        }
        return operands;
    }

    private RowFilter leaf() {
        String field = fields.get(random.nextInt(fields.size()));
        int kind = random.nextInt(10);
        if (kind == 0) {
            return RowFilter.isNull(field);
        }
        if (kind == 1) {
            return RowFilter.isNotNull(field);
        }
        if (kind == 2) {
            List<Object> literals = new ArrayList<>();
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                literals.add(random.nextInt(8) == 0 ? null : literal(field));
            }
            return RowFilter.in(field, literals);
        }
        Object literal = literal(field);
        switch (random.nextInt(6)) {
            case 0:
                return RowFilter.equal(field, literal);
            case 1:
                return RowFilter.notEqual(field, literal);
            case 2:
                return RowFilter.lessThan(field, literal);
            case 3:
                return RowFilter.lessThanOrEqual(field, literal);
            case 4:
                return RowFilter.greaterThan(field, literal);
            default:
                return RowFilter.greaterThanOrEqual(field, literal);
        }
    }

    /** A value of the field in some row (another row's if that one is null), or beside it. */
    private Object literal(String field) {
        int index = rowType.getFieldIndex(field);
        LogicalType type = rowType.getTypeAt(index);
        RowData.FieldGetter getter = RowData.createFieldGetter(type, index);
        Object value = null;
        for (int attempt = 0; value == null && attempt < 20; attempt++) {
            value = getter.getFieldOrNull(rows.get(random.nextInt(rows.size())));
        }
        boolean beside = random.nextInt(3) == 0;
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return value == null ? random.nextBoolean() : value;
            case INTEGER:
                int i = value == null ? random.nextInt() : (Integer) value;
                return beside ? (Object) BigDecimal.valueOf(i).add(halfOrOne()) : (Object) i;
            case BIGINT:
                long l = value == null ? random.nextLong() : (Long) value;
                return beside ? (Object) BigDecimal.valueOf(l).add(halfOrOne()) : (Object) l;
            case FLOAT:
                float f = value == null ? random.nextFloat() : (Float) value;
                return beside ? Math.nextUp((double) f) : random.nextBoolean() ? f : (double) f;
            case DOUBLE:
                double d = value == null ? random.nextDouble() : (Double) value;
                return beside ? (random.nextBoolean() ? Double.NaN : Math.nextDown(d)) : d;
            case DECIMAL:
                BigDecimal decimal =
                        value == null ? BigDecimal.ONE : ((DecimalData) value).toBigDecimal();
                return beside ? decimal.add(new BigDecimal("0.00005")) : decimal;
            case VARCHAR:
                String s = value == null ? "" : ((StringData) value).toString();
                return beside ? s + (random.nextBoolean() ? "\u0000" : "\uD83D\uDE00") : s;
            case DATE:
                int days = value == null ? 0 : (Integer) value;
                return LocalDate.ofEpochDay(days + (beside ? 1 : 0));
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                TimestampData local =
                        value == null ? TimestampData.fromEpochMillis(0) : (TimestampData) value;
                return local.toLocalDateTime().plusNanos(beside ? 1 : 0);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                TimestampData instant =
                        value == null ? TimestampData.fromEpochMillis(0) : (TimestampData) value;
                return instant.toInstant().minusNanos(beside ? 1 : 0);
            default:
                throw new IllegalArgumentException("no literals for " + type);
        }
    }

    private BigDecimal halfOrOne() {
        return random.nextBoolean() ? new BigDecimal("0.5") : BigDecimal.ONE.negate();
    }
}
