package io.jetliner.flink.source.reader;

import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.CharType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.FloatType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.SmallIntType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.TinyIntType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionValuesTest {

    @Test
    void parsesEachSupportedTypeAsFlinksInternalData() {
        assertThat(PartitionValues.parse("eu", VarCharType.STRING_TYPE))
                .isEqualTo(StringData.fromString("eu"));
        assertThat(PartitionValues.parse("ab", new CharType(2)))
                .isEqualTo(StringData.fromString("ab"));
        assertThat(PartitionValues.parse("TRUE", new BooleanType())).isEqualTo(true);
        assertThat(PartitionValues.parse("false", new BooleanType())).isEqualTo(false);
        assertThat(PartitionValues.parse("-7", new TinyIntType())).isEqualTo((byte) -7);
        assertThat(PartitionValues.parse("300", new SmallIntType())).isEqualTo((short) 300);
        assertThat(PartitionValues.parse("2024", new IntType())).isEqualTo(2024);
        assertThat(PartitionValues.parse("9000000000", new BigIntType())).isEqualTo(9000000000L);
        assertThat(PartitionValues.parse("1.5", new FloatType())).isEqualTo(1.5f);
        assertThat(PartitionValues.parse("-2.25", new DoubleType())).isEqualTo(-2.25);
        assertThat(PartitionValues.parse("12.30", new DecimalType(5, 2)))
                .isEqualTo(DecimalData.fromBigDecimal(new BigDecimal("12.30"), 5, 2));
        assertThat(PartitionValues.parse("2024-01-31", new DateType()))
                .isEqualTo((int) LocalDate.of(2024, 1, 31).toEpochDay());
        assertThat(PartitionValues.parse("2024-01-31 23:59:59.123", new TimestampType(3)))
                .isEqualTo(
                        TimestampData.fromLocalDateTime(
                                LocalDateTime.of(2024, 1, 31, 23, 59, 59, 123_000_000)));
        assertThat(PartitionValues.parse("2024-01-31T08:00", new TimestampType(0)))
                .isEqualTo(TimestampData.fromLocalDateTime(LocalDateTime.of(2024, 1, 31, 8, 0)));
    }

    @Test
    void rejectsAValueNotOfItsTypeSayingWhich() {
        assertThatThrownBy(() -> PartitionValues.parse("eu", new IntType()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'eu'")
                .hasMessageContaining("INT");
        assertThatThrownBy(() -> PartitionValues.parse("2024-13-01", new DateType()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATE");
        assertThatThrownBy(() -> PartitionValues.parse("yes", new BooleanType()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BOOLEAN");
        assertThatThrownBy(() -> PartitionValues.parse("300", new TinyIntType()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartitionValues.parse("1234.5", new DecimalType(4, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DECIMAL(4, 1)");
    }

    @Test
    void supportsTheTypesADirectoryNameCanSpellAndNoOthers() {
        assertThat(PartitionValues.supports(VarCharType.STRING_TYPE)).isTrue();
        assertThat(PartitionValues.supports(new DateType())).isTrue();
        assertThat(PartitionValues.supports(new DecimalType(10, 2))).isTrue();
        assertThat(PartitionValues.supports(new LocalZonedTimestampType(3))).isFalse();
        assertThat(PartitionValues.supports(new VarBinaryType())).isFalse();
        assertThat(PartitionValues.supports(new ArrayType(new IntType()))).isFalse();
    }
}
