package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.IntVector;
import io.jetliner.flink.avro.decode.vector.LongVector;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A record's fields are read by generated code, exactly as a loop over them reads them. */
class FieldSequenceTest {

    /** More fields than one generated method takes, every third one skipped. */
    private static final int FIELDS = 100;

    @Test
    void generatesAClassOfItsOwnForARecordLayout() {
        FieldSequence sequence = FieldSequence.of(readers(), targets());

        assertThat(sequence).isNotInstanceOf(InterpretedFieldSequence.class);
        assertThat(sequence.getClass().isHidden()).isTrue();
        assertThat(FieldSequence.of(readers(), targets()).getClass())
                .isNotEqualTo(sequence.getClass());
    }

    @Test
    void readsAndSkipsLikeTheLoopOverItsFields() {
        byte[] record = record();
        FieldSequence generated = FieldSequence.of(readers(), targets());
        FieldSequence interpreted = new InterpretedFieldSequence(readers(), targets());
        GrowableVector[] generatedOut = vectors();
        GrowableVector[] interpretedOut = vectors();

        assertThat(generated.read(record, 0, record.length, generatedOut, 1))
                .isEqualTo(record.length);
        assertThat(interpreted.read(record, 0, record.length, interpretedOut, 1))
                .isEqualTo(record.length);
        assertThat(generated.skip(record, 0, record.length)).isEqualTo(record.length);
        for (int target = 0; target < generatedOut.length; target++) {
            long expected = expectedValue(target);
            assertThat(value(generatedOut[target])).isEqualTo(expected);
            assertThat(value(interpretedOut[target])).isEqualTo(expected);
        }
    }

    private static FieldReader[] readers() {
        FieldReader[] readers = new FieldReader[FIELDS];
        for (int i = 0; i < FIELDS; i++) {
            readers[i] = i % 2 == 0 ? new LongReader() : new IntReader();
        }
        return readers;
    }

    /** Field i goes to target i - i / 3 unless i % 3 == 2, which is skipped. */
    private static int[] targets() {
        int[] targets = new int[FIELDS];
        int next = 0;
        for (int i = 0; i < FIELDS; i++) {
            targets[i] = i % 3 == 2 ? -1 : next++;
        }
        return targets;
    }

    private static GrowableVector[] vectors() {
        FieldReader[] readers = readers();
        int[] targets = targets();
        GrowableVector[] vectors = new GrowableVector[FIELDS - FIELDS / 3];
        for (int i = 0; i < FIELDS; i++) {
            if (targets[i] >= 0) {
                vectors[targets[i]] = readers[i].createVector(2);
            }
        }
        return vectors;
    }

    /** Field i holds the value i * 1000 - 7, zig-zag varint encoded. */
    private static byte[] record() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < FIELDS; i++) {
            long zigzag = ((i * 1000L - 7) << 1) ^ ((i * 1000L - 7) >> 63);
            while ((zigzag & ~0x7fL) != 0) {
                out.write((int) (zigzag & 0x7f) | 0x80);
                zigzag >>>= 7;
            }
            out.write((int) zigzag);
        }
        return out.toByteArray();
    }

    private static long expectedValue(int target) {
        int[] targets = targets();
        for (int i = 0; i < FIELDS; i++) {
            if (targets[i] == target) {
                return i * 1000L - 7;
            }
        }
        throw new AssertionError(target);
    }

    private static long value(GrowableVector vector) {
        return vector instanceof LongVector
                ? ((LongVector) vector).getLong(1)
                : ((IntVector) vector).getInt(1);
    }
}
