package io.jetliner.flink.avro.decode;

import io.jetliner.flink.avro.decode.vector.GrowableVector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fields of a record, read (or skipped, if not projected) one after the other: the innermost
 * loop of decoding, run once per record and field.
 *
 * <p>A loop over the field readers calls each through one call site that sees every reader class: a
 * megamorphic call per field, which the JIT cannot inline. So each record layout gets a class of
 * its own, generated ({@link FieldSequenceBytecode}): straight-line code that calls each field's
 * reader held in a constant, which the JIT binds to the reader's class and inlines. Where a class
 * cannot be defined, an {@link InterpretedFieldSequence} loop does the same work.
 */
abstract class FieldSequence {

    private static final Logger LOG = LoggerFactory.getLogger(FieldSequence.class);

    /** Turns generation off, for comparison or in case of trouble: {@code -D...=false}. */
    static final String GENERATE_PROPERTY = "jetliner.decoder.generate-code";

    private static final boolean GENERATE =
            Boolean.parseBoolean(System.getProperty(GENERATE_PROPERTY, "true"));

    /**
     * Reads one record's fields at {@code pos} into {@code row} of the projected fields' vectors,
     * returning the position after the record.
     */
    abstract int read(byte[] data, int pos, int limit, GrowableVector[] out, int row);

    /** Moves past one record's fields at {@code pos}. */
    abstract int skip(byte[] data, int pos, int limit);

    /**
     * The sequence of {@code fields}, each read into the projected field {@code targets[i]}, or
     * skipped where that is -1.
     */
    static FieldSequence of(FieldReader[] fields, int[] targets) {
        if (GENERATE) {
            try {
                return FieldSequenceBytecode.define(fields, targets);
            } catch (Throwable e) {
                LOG.warn("Decoding records with a loop: cannot generate their code", e);
            }
        }
        return new InterpretedFieldSequence(fields, targets);
    }
}
