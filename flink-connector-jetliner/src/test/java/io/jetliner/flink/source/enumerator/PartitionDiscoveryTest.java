package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.testutil.ListingRecordingFileSystem;

import org.apache.flink.core.fs.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Listing the partitions of a Hive-style directory tree, and reading only some of them. */
class PartitionDiscoveryTest {

    private static final String DEFAULT = PartitionSpecs.DEFAULT_PARTITION_NAME;

    @TempDir java.nio.file.Path root;

    @BeforeEach
    void writeTree() throws IOException {
        for (String file :
                List.of(
                        "dt=2024-01-01/region=eu/a.avro",
                        "dt=2024-01-01/region=us/b.avro",
                        "dt=2024-01-02/region=eu/c.avro",
                        "dt=2024-01-02/region=" + DEFAULT + "/d.avro",
                        "dt=2024-01-03/e.avro",
                        "dt=2024-01-03/region=a%3Ab/f.avro",
                        "dt=2024-01-03/region=eu/_SUCCESS")) {
            java.nio.file.Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.write(path, new byte[10]);
        }
        ListingRecordingFileSystem.clear();
    }

    @Test
    void listsEachPartitionOnceInFileOrderUnescapedWithTheDefaultNameForAKeyAPathLacks()
            throws IOException {
        List<DiscoveredFile> files = new FileDiscovery(List.of(path(""))).discover().files();

        assertThat(PartitionSpecs.list(files, List.of("dt", "region"), DEFAULT))
                .containsExactly(
                        partition("2024-01-01", "eu"),
                        partition("2024-01-01", "us"),
                        partition("2024-01-02", DEFAULT),
                        partition("2024-01-02", "eu"),
                        partition("2024-01-03", DEFAULT),
                        partition("2024-01-03", "a:b"));
        assertThat(PartitionSpecs.list(files, List.of("dt"), DEFAULT))
                .containsExactly(
                        Map.of("dt", "2024-01-01"),
                        Map.of("dt", "2024-01-02"),
                        Map.of("dt", "2024-01-03"));
    }

    @Test
    void readsTheKeyValuesOfAFilesDirectoriesTheNearestWinning() {
        assertThat(PartitionSpecs.ofFile(new Path("s3://b/t/dt=1/x=a/dt=2/part=0.avro")))
                .containsExactly(Map.entry("dt", "2"), Map.entry("x", "a"));
        assertThat(PartitionSpecs.ofFile(new Path("/t/plain/a.avro"))).isEmpty();
    }

    @Test
    void findsOnlyTheFilesOfTheSelectedPartitionsWithoutListingDirectoriesOfOthers()
            throws IOException {
        PartitionSelection selection =
                new PartitionSelection(
                        List.of(partition("2024-01-02", "eu"), partition("2024-01-03", DEFAULT)),
                        DEFAULT);

        List<DiscoveredFile> files =
                new FileDiscovery(
                                List.of(ListingRecordingFileSystem.path(root)),
                                FileFilter.acceptAll(),
                                selection)
                        .discover()
                        .requireNoMissingPaths();

        assertThat(relative(files.stream().map(f -> f.path().toUri().getPath())))
                .containsExactly("dt=2024-01-02/region=eu/c.avro", "dt=2024-01-03/e.avro");
        assertThat(relative(ListingRecordingFileSystem.listedDirectories().stream()))
                .containsExactlyInAnyOrder(
                        "", "dt=2024-01-02", "dt=2024-01-02/region=eu", "dt=2024-01-03");
    }

    @Test
    void listsNothingBelowAGivenDirectoryOfAnotherPartition() throws IOException {
        PartitionSelection selection =
                new PartitionSelection(List.of(partition("2024-01-02", "eu")), DEFAULT);

        List<DiscoveredFile> files =
                new FileDiscovery(
                                List.of(
                                        ListingRecordingFileSystem.path(
                                                root.resolve("dt=2024-01-01"))),
                                FileFilter.acceptAll(),
                                selection)
                        .discover()
                        .requireNoMissingPaths();

        assertThat(files).isEmpty();
        assertThat(ListingRecordingFileSystem.listedDirectories()).isEmpty();
    }

    private static Map<String, String> partition(String dt, String region) {
        Map<String, String> partition = new LinkedHashMap<>();
        partition.put("dt", dt);
        partition.put("region", region);
        return partition;
    }

    private Path path(String relative) {
        return new Path(root.toUri().getPath() + relative);
    }

    private List<String> relative(java.util.stream.Stream<String> paths) {
        String prefix = root.toAbsolutePath().toString();
        return paths.map(
                        path -> {
                            assertThat(path).startsWith(prefix);
                            String rest = path.substring(prefix.length());
                            return rest.startsWith("/") ? rest.substring(1) : rest;
                        })
                .collect(Collectors.toList());
    }
}
