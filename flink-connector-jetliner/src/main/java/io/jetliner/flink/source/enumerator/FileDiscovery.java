package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.JetlinerException;
import io.jetliner.flink.JetlinerException.Kind;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import javax.annotation.Nullable;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Finds the files to read under the paths a user gave, through Flink's {@link FileSystem}, so it
 * works alike for local files, {@code s3://} and any other file system.
 *
 * <p>Each path is one of:
 *
 * <ul>
 *   <li>a file: read whatever its name;
 *   <li>a directory: every file below it, recursively;
 *   <li>a glob (see {@link GlobPattern}: {@code *}, {@code ?}, {@code **}, {@code [...]}, {@code
 *       {a,b}}) in the names after its last directory without glob characters: that directory is
 *       listed recursively and the glob matched against the paths relative to it. Directories that
 *       cannot hold a match are not listed.
 * </ul>
 *
 * <p>While listing, files and directories whose names start with {@code '.'} or {@code '_'} are
 * skipped, even where a glob would match them: writers use such names for files in progress ({@code
 * _temporary/}, {@code .part-0.inprogress}) and markers ({@code _SUCCESS}). A path given directly
 * is never skipped, so a hidden file or directory is read by naming it. The optional {@link
 * FileFilter} then chooses among the files.
 *
 * <p>With a {@link PartitionSelection}, a directory whose {@code key=value} names rule out every
 * selected partition is not listed, and a file outside them is not found.
 *
 * <p>A file reached through several paths is found once, at its first. Files are found in the order
 * of the paths and, within a directory, in the order of their names.
 *
 * <p>A path that does not exist (for a glob: its directory without glob characters) is reported in
 * {@link Result#missingPaths()}, not raised: a bounded source fails on it ({@link
 * Result#requireNoMissingPaths()}), a continuous one waits for it to appear.
 */
@Internal
public final class FileDiscovery implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Comparator<FileStatus> BY_NAME =
            Comparator.comparing(status -> status.getPath().getName());

    private final List<Location> locations;
    private final FileFilter filter;
    @Nullable private final PartitionSelection partitions;

    /**
     * @param paths files, directories and globs; at least one
     * @param filter chooses among the files found
     * @param partitions the partitions to read, or null for all files
     * @throws IllegalArgumentException for no paths or a glob that does not parse
     */
    public FileDiscovery(
            Collection<Path> paths, FileFilter filter, @Nullable PartitionSelection partitions) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no paths to read");
        }
        this.locations = paths.stream().map(Location::of).collect(Collectors.toList());
        this.filter = Objects.requireNonNull(filter, "filter");
        this.partitions = partitions;
    }

    /**
     * @param paths files, directories and globs; at least one
     * @param filter chooses among the files found
     * @throws IllegalArgumentException for no paths or a glob that does not parse
     */
    public FileDiscovery(Collection<Path> paths, FileFilter filter) {
        this(paths, filter, null);
    }

    /** Discovers the files under {@code paths}, reading all of them. */
    public FileDiscovery(Collection<Path> paths) {
        this(paths, FileFilter.acceptAll());
    }

    /** The paths as given. */
    public List<Path> paths() {
        return locations.stream().map(location -> location.path).collect(Collectors.toList());
    }

    /**
     * Whether listing skips a file or directory of this name: one that starts with {@code '.'} or
     * {@code '_'}.
     */
    public static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /**
     * Lists the files now under the paths.
     *
     * @throws IOException when a file system fails to list
     */
    public Result discover() throws IOException {
        Map<Path, DiscoveredFile> found = new LinkedHashMap<>();
        List<Path> missing = new ArrayList<>();
        for (Location location : locations) {
            FileSystem fs = location.base.getFileSystem();
            FileStatus base;
            try {
                base = fs.getFileStatus(location.base.makeQualified(fs));
            } catch (FileNotFoundException e) {
                missing.add(location.path);
                continue;
            }
            if (base.isDir()) {
                if (mayHoldSelectedFiles(base.getPath())) {
                    list(fs, base.getPath(), "", location.glob, found);
                }
            } else if (location.glob == null) {
                add(base, found);
            }
            // A glob under a file matches nothing.
        }
        return new Result(new ArrayList<>(found.values()), missing);
    }

    private void list(
            FileSystem fs,
            Path directory,
            String relativeDirectory,
            @Nullable GlobPattern glob,
            Map<Path, DiscoveredFile> found)
            throws IOException {
        FileStatus[] children;
        try {
            children = fs.listStatus(directory);
        } catch (FileNotFoundException e) {
            return; // deleted since its parent was listed
        }
        if (children == null) {
            return; // the same, on file systems that say so with null
        }
        Arrays.sort(children, BY_NAME);
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (isHidden(name)) {
                continue;
            }
            String relativePath =
                    relativeDirectory.isEmpty() ? name : relativeDirectory + '/' + name;
            if (child.isDir()) {
                if ((glob == null || glob.mayMatchBelow(relativePath))
                        && mayHoldSelectedFiles(child.getPath())) {
                    list(fs, child.getPath(), relativePath, glob, found);
                }
            } else if (glob == null || glob.matches(relativePath)) {
                add(child, found);
            }
        }
    }

    private boolean mayHoldSelectedFiles(Path directory) {
        return partitions == null || partitions.mayHoldBelow(PartitionSpecs.ofDirectory(directory));
    }

    private void add(FileStatus file, Map<Path, DiscoveredFile> found) {
        if ((partitions == null || partitions.holds(PartitionSpecs.ofFile(file.getPath())))
                && filter.test(file.getPath())) {
            found.putIfAbsent(
                    file.getPath(),
                    new DiscoveredFile(file.getPath(), file.getLen(), file.getModificationTime()));
        }
    }

    @Override
    public String toString() {
        return "FileDiscovery" + paths();
    }

    /** What one discovery found. */
    public static final class Result {

        private final List<DiscoveredFile> files;
        private final List<Path> missingPaths;

        Result(List<DiscoveredFile> files, List<Path> missingPaths) {
            this.files = List.copyOf(files);
            this.missingPaths = List.copyOf(missingPaths);
        }

        /** The files found, without duplicates. */
        public List<DiscoveredFile> files() {
            return files;
        }

        /** The given paths that do not exist, as given. */
        public List<Path> missingPaths() {
            return missingPaths;
        }

        /**
         * The files found, if every path exists.
         *
         * @throws JetlinerException of kind {@link Kind#IO} naming the paths that do not exist
         */
        public List<DiscoveredFile> requireNoMissingPaths() {
            if (!missingPaths.isEmpty()) {
                throw new JetlinerException(
                        Kind.IO,
                        "no such file or directory: "
                                + missingPaths.stream()
                                        .map(Path::toString)
                                        .collect(Collectors.joining(", ")));
            }
            return files;
        }
    }

    /** A path as given, split into the directory to list and the glob below it. */
    private static final class Location implements Serializable {

        private static final long serialVersionUID = 1L;

        private final Path path;
        private final Path base;
        @Nullable private final GlobPattern glob;

        private Location(Path path, Path base, @Nullable GlobPattern glob) {
            this.path = path;
            this.base = base;
            this.glob = glob;
        }

        static Location of(Path path) {
            String[] names = path.toUri().getPath().split("/", -1);
            int firstGlob = 0;
            while (firstGlob < names.length && !GlobPattern.isGlob(names[firstGlob])) {
                firstGlob++;
            }
            if (firstGlob == names.length) {
                return new Location(path, path, null);
            }
            String directory = String.join("/", Arrays.asList(names).subList(0, firstGlob));
            if (directory.isEmpty()) {
                directory = path.isAbsolute() ? "/" : ".";
            }
            String glob = String.join("/", Arrays.asList(names).subList(firstGlob, names.length));
            return new Location(
                    path,
                    new Path(path.toUri().getScheme(), path.toUri().getAuthority(), directory),
                    GlobPattern.compile(glob));
        }
    }
}
