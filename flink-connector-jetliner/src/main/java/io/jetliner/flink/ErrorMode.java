package io.jetliner.flink;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Locale;

/**
 * What a reader does with a file it cannot read: fail, or skip what is broken and go on. The SQL
 * option {@code error-mode} takes the names {@code fail} and {@code skip-block}.
 */
@PublicEvolving
public enum ErrorMode {

    /** Any bad input fails the read with a {@link JetlinerException}. The default. */
    FAIL,

    /**
     * A block with a bad sync marker, a block that does not decompress, a block with a record that
     * does not decode (and a block the file cuts short, or whose declared counts and sizes are
     * impossible or over the limits) is skipped whole: none of its rows are emitted, the reader
     * finds the next sync marker and goes on. A file whose header cannot be read is skipped whole.
     * Each skip is logged once as a warning and counted. I/O errors, a file that changed under a
     * restored position and a schema that does not fit the table still fail the read.
     */
    SKIP_BLOCK;

    /** The name in configuration: {@code fail} or {@code skip-block}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
