package io.jetliner.flink.avro.codec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrowableBufferTest {

    @Test
    void growsByDoublingKeepingItsBytes() {
        GrowableBuffer buffer = new GrowableBuffer(4);
        buffer.array()[3] = 7;

        byte[] grown = buffer.ensureCapacity(5);

        assertThat(grown).hasSize(8).isSameAs(buffer.array());
        assertThat(grown[3]).isEqualTo((byte) 7);
    }

    @Test
    void stopsDoublingAtTheMaximumCapacity() {
        GrowableBuffer buffer = new GrowableBuffer(600);

        assertThat(buffer.ensureCapacity(601, 1000)).hasSize(1000);
        assertThat(buffer.ensureCapacity(1000, 1000)).hasSize(1000);
    }

    @Test
    void refusesACapacityAboveTheMaximum() {
        GrowableBuffer buffer = new GrowableBuffer(16);

        assertThatThrownBy(() -> buffer.ensureCapacity(1001, 1000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(buffer.array()).hasSize(16);
    }
}
