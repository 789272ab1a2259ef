package io.jetliner.flink.source.enumerator;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.Path;

import java.util.Objects;

/**
 * A file found by {@link FileDiscovery}, with the length and modification time its file system
 * reported when listing it.
 *
 * @param path the file's path as its file system names it (qualified, with scheme)
 * @param length in bytes
 * @param modificationTime as the file system reports it
 */
@Internal
public record DiscoveredFile(Path path, long length, long modificationTime) {

    public DiscoveredFile {
        Objects.requireNonNull(path, "path");
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length + " of " + path);
        }
    }
}
