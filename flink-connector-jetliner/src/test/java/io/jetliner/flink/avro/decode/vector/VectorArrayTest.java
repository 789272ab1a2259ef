package io.jetliner.flink.avro.decode.vector;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An array value is a window of its element vector, typed as its elements are. */
class VectorArrayTest {

    @Test
    void readsTheElementsOfItsRangeOnly() {
        IntVector ints = new IntVector(8);
        for (int i = 0; i < 8; i++) {
            ints.set(i, i * 10);
        }
        ArrayData array = new VectorArray(ints, 2, 3);

        assertThat(array.size()).isEqualTo(3);
        assertThat(array.getInt(0)).isEqualTo(20);
        assertThat(array.toIntArray()).containsExactly(20, 30, 40);
    }

    @Test
    void copiesPrimitivesOfEveryKind() {
        BooleanVector booleans = new BooleanVector(2);
        booleans.set(1, true);
        LongVector longs = new LongVector(2);
        longs.set(1, -5L);
        FloatVector floats = new FloatVector(2);
        floats.set(1, 1.5f);
        DoubleVector doubles = new DoubleVector(2);
        doubles.set(1, 2.5);

        assertThat(new VectorArray(booleans, 1, 1).toBooleanArray()).containsExactly(true);
        assertThat(new VectorArray(longs, 1, 1).toLongArray()).containsExactly(-5L);
        assertThat(new VectorArray(floats, 1, 1).toFloatArray()).containsExactly(1.5f);
        assertThat(new VectorArray(doubles, 1, 1).toDoubleArray()).containsExactly(2.5);
    }

    @Test
    void refusesAPrimitiveCopyOfAnArrayWithNulls() {
        IntVector ints = new IntVector(2);
        ints.setNull(1);

        assertThatThrownBy(() -> new VectorArray(ints, 0, 2).toIntArray())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("null at 1");
    }

    @Test
    void servesStringsBinariesAndDecimals() {
        BytesVector bytes = new BytesVector(2);
        byte[] text = "héllo".getBytes(StandardCharsets.UTF_8);
        bytes.append(0, new byte[] {9}, 0, 1);
        bytes.append(1, text, 0, text.length);
        CompactDecimalVector decimals = new CompactDecimalVector(1);
        decimals.set(0, 12345L);

        assertThat(new VectorArray(bytes, 1, 1).getString(0))
                .isEqualTo(StringData.fromString("héllo"));
        assertThat(new VectorArray(bytes, 0, 2).getBinary(0)).containsExactly(9);
        assertThat(new VectorArray(decimals, 0, 1).getDecimal(0, 7, 2))
                .isEqualTo(DecimalData.fromUnscaledLong(12345L, 7, 2));
    }
}
