package io.jetliner.flink.source.enumerator;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.core.fs.Path;

import java.io.Serializable;
import java.util.function.Predicate;

/**
 * Chooses which of the discovered files to read, by path: for example {@code path ->
 * path.getName().endsWith(".avro")}. A lambda is serializable as the source ships it to the
 * cluster, as long as what it captures is.
 *
 * <p>It is asked about files only, after the built-in rules (hidden files and directories, those
 * named with a leading {@code '.'} or {@code '_'}, are skipped while listing) and after glob
 * matching; it also sees files that were named directly.
 */
@PublicEvolving
@FunctionalInterface
public interface FileFilter extends Predicate<Path>, Serializable {

    /** Reads every file found. */
    static FileFilter acceptAll() {
        return path -> true;
    }
}
