package io.jetliner.flink.testutil;

import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystemFactory;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.local.LocalFileSystem;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The local file system under the scheme {@value #SCHEME}, recording every directory listed, so a
 * test can tell which directories a reader never looked into. Registered as a file system factory
 * in the tests' {@code META-INF/services}.
 */
public final class ListingRecordingFileSystem extends LocalFileSystem {

    public static final String SCHEME = "listing-recording";

    private static final List<String> LISTED = new CopyOnWriteArrayList<>();

    /** {@code directory} (a local absolute path) under this file system's scheme. */
    public static Path path(java.nio.file.Path directory) {
        return new Path(SCHEME, null, directory.toAbsolutePath().toString());
    }

    /** The local paths of the directories listed since the last {@link #clear()}. */
    public static List<String> listedDirectories() {
        return List.copyOf(LISTED);
    }

    public static void clear() {
        LISTED.clear();
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public FileStatus[] listStatus(Path path) throws IOException {
        LISTED.add(path.toUri().getPath());
        return super.listStatus(path);
    }

    /** Makes the file system for its scheme. */
    public static final class Factory implements FileSystemFactory {

        @Override
        public String getScheme() {
            return SCHEME;
        }

        @Override
        public FileSystem create(URI fsUri) {
            return new ListingRecordingFileSystem();
        }
    }
}
