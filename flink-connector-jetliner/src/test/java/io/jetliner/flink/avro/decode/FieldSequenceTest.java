package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;
import io.jetliner.flink.avro.decode.vector.IntVector;
import io.jetliner.flink.avro.decode.vector.LongVector;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A record's fields are read by generated code, exactly as a loop over them reads them. */
class FieldSequenceTest {

    /** More fields than one generated method takes, every third one skipped. */
    private static final int FIELDS = 100;

    @Test
    void generatesAClassOfItsOwnForARecordLayout() throws Throwable {
        FieldSequence sequence = FieldSequenceBytecode.define(readers(), targets());

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

    @Test
    void generatesCodeForEveryKindOfReader() throws Throwable {
        Schema node =
                new Schema.Parser()
                        .parse(
                                "{\"type\": \"record\", \"name\": \"N\", \"fields\": ["
                                        + "{\"name\": \"next\", \"type\": [\"null\", \"N\"]}]}");
        RecordReader record = new RecordReader();
        record.define(new FieldReader[] {new IntReader()}, new int[] {0}, 1);
        FieldReader[] readers = {
            new NullReader(),
            new BooleanReader(),
            new IntReader(),
            new LongReader(1000),
            new TimeMicrosReader(),
            new FloatReader(),
            new DoubleReader(),
            new BytesReader(),
            new FixedReader(3),
            new UuidFixedReader(),
            new EnumReader(List.of("A")),
            new CompactDecimalReader(-1, 5, 2),
            new WideDecimalReader(16, 30, 2),
            new DecimalStringReader(-1, 50, 2),
            new DurationReader(new int[] {0, -1, 1}, 2),
            record,
            new ArrayReader(new BytesReader()),
            new MapReader(new NullableReader(2, 1, new LongReader())),
            new NullableReader(2, 0, new DoubleReader()),
            new SoleBranchReader(new FloatReader()),
            new UnionReader(
                    new FieldReader[] {null, new IntReader(), new BytesReader()},
                    new int[] {-1, 0, -1},
                    1),
            new RecursiveRecordReader(node, record)
        };
        int[] reading = new int[readers.length];
        int[] skipping = new int[readers.length];
        for (int i = 0; i < readers.length; i++) {
            reading[i] = i;
            skipping[i] = -1;
        }

        assertThat(FieldSequenceBytecode.define(readers, reading).getClass().isHidden()).isTrue();
        assertThat(FieldSequenceBytecode.define(readers, skipping).getClass().isHidden()).isTrue();
    }

    private static FieldReader[] readers() {
        FieldReader[] readers = new FieldReader[FIELDS];
        for (int i = 0; i < FIELDS; i++) {
            readers[i] =
                    i % 2 == 0
                            ? new LongReader()
                            : new SoleBranchReader(new NullableReader(2, 1, new IntReader()));
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

    /**
     * Field i holds the value i * 1000 - 7, zig-zag varint encoded; odd fields after the branch
     * indexes of their unions.
     */
    private static byte[] record() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < FIELDS; i++) {
            if (i % 2 == 1) {
                out.write(0);
                out.write(2);
            }
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
