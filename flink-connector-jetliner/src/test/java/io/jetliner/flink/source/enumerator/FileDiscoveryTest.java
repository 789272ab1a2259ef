package io.jetliner.flink.source.enumerator;

import io.jetliner.flink.JetlinerException;

import org.apache.flink.core.fs.Path;
import org.apache.flink.util.InstantiationUtil;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileDiscoveryTest {

    @TempDir java.nio.file.Path root;

    @BeforeEach
    void writeTree() throws IOException {
        for (String file :
                List.of(
                        "a.avro",
                        "b.avro",
                        "notes.txt",
                        ".hidden.avro",
                        "_SUCCESS",
                        "_temporary/x.avro",
                        ".staging/y.avro",
                        "2024/01/c.avro",
                        "2024/02/d.avro",
                        "2024/02/_e.avro",
                        "2025/01/f.avro",
                        "2025/01/.g.avro.inprogress",
                        "2025/11/h.avro",
                        "deep/1/2/3/i.avro")) {
            write(file, 10);
        }
    }

    private java.nio.file.Path write(String relative, int length) throws IOException {
        java.nio.file.Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[length]);
    }

    private Path path(String relative) {
        return new Path(root.toUri().getPath() + relative);
    }

    /** The files found under the given paths, relative to the temporary directory. */
    private List<String> discover(FileFilter filter, String... relative) throws IOException {
        return relativeNames(
                new FileDiscovery(
                                Arrays.stream(relative)
                                        .map(this::path)
                                        .collect(Collectors.toList()),
                                filter)
                        .discover()
                        .requireNoMissingPaths());
    }

    private List<String> discover(String... relative) throws IOException {
        return discover(FileFilter.acceptAll(), relative);
    }

    private List<String> relativeNames(List<DiscoveredFile> files) {
        String prefix = root.toUri().getPath();
        return files.stream()
                .map(file -> file.path().getPath())
                .peek(path -> assertThat(path).startsWith(prefix))
                .map(path -> path.substring(prefix.length()))
                .collect(Collectors.toList());
    }

    @Test
    void readsADirectoryRecursivelyInNameOrderSkippingHiddenAndUnderscoredNames()
            throws IOException {
        assertThat(discover(""))
                .containsExactly(
                        "2024/01/c.avro",
                        "2024/02/d.avro",
                        "2025/01/f.avro",
                        "2025/11/h.avro",
                        "a.avro",
                        "b.avro",
                        "deep/1/2/3/i.avro",
                        "notes.txt");
    }

    @Test
    void readsFilesAndDirectoriesNamedDirectlyEvenHiddenOnes() throws IOException {
        assertThat(discover("b.avro", ".hidden.avro", "_temporary", "2025/01/.g.avro.inprogress"))
                .containsExactly(
                        "b.avro",
                        ".hidden.avro",
                        "_temporary/x.avro",
                        "2025/01/.g.avro.inprogress");
    }

    @Test
    void findsAFileReachedThroughSeveralPathsOnce() throws IOException {
        assertThat(discover("2024/01/c.avro", "2024", "2024/*/*.avro"))
                .containsExactly("2024/01/c.avro", "2024/02/d.avro");
    }

    @Test
    void reportsLengthAndModificationTime() throws IOException {
        java.nio.file.Path file = write("sized/z.avro", 1234);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));

        List<DiscoveredFile> found =
                new FileDiscovery(List.of(path("sized"))).discover().requireNoMissingPaths();

        assertThat(found).hasSize(1);
        assertThat(found.get(0).length()).isEqualTo(1234);
        assertThat(found.get(0).modificationTime()).isEqualTo(1_700_000_000_000L);
        assertThat(found.get(0).path().toUri().getScheme()).as("qualified").isEqualTo("file");
    }

    @Test
    void matchesAStarWithinOneDirectory() throws IOException {
        assertThat(discover("*.avro")).containsExactly("a.avro", "b.avro");
        assertThat(discover("2024/*/*.avro")).containsExactly("2024/01/c.avro", "2024/02/d.avro");
        assertThat(discover("*/01/*.avro")).containsExactly("2024/01/c.avro", "2025/01/f.avro");
    }

    @Test
    void matchesADoubleStarAtAnyDepthButNeverHiddenNames() throws IOException {
        assertThat(discover("**/*.avro"))
                .containsExactly(
                        "2024/01/c.avro",
                        "2024/02/d.avro",
                        "2025/01/f.avro",
                        "2025/11/h.avro",
                        "a.avro",
                        "b.avro",
                        "deep/1/2/3/i.avro");
        assertThat(discover("deep/**/i.avro")).containsExactly("deep/1/2/3/i.avro");
        assertThat(discover("**/x.avro")).as("under _temporary").isEmpty();
    }

    @Test
    void matchesQuestionMarksSetsAndRanges() throws IOException {
        assertThat(discover("202?/01/*")).containsExactly("2024/01/c.avro", "2025/01/f.avro");
        assertThat(discover("202[45]/[1-9]1/*")).containsExactly("2025/11/h.avro");
        assertThat(discover("2025/0[!2]/*")).containsExactly("2025/01/f.avro");
        assertThat(discover("[a-b].avro")).containsExactly("a.avro", "b.avro");
    }

    @Test
    void matchesAlternativesIncludingWholeSubpaths() throws IOException {
        assertThat(discover("{a,notes}.*")).containsExactly("a.avro", "notes.txt");
        assertThat(discover("{2024/02,2025/*}/*.avro"))
                .containsExactly("2024/02/d.avro", "2025/01/f.avro", "2025/11/h.avro");
    }

    @Test
    void readsOnlyTheFilesTheUserFilterAccepts() throws IOException {
        FileFilter avroOnly = path -> path.getName().endsWith(".avro");

        assertThat(discover(avroOnly, "")).doesNotContain("notes.txt").hasSize(7);
        assertThat(discover(avroOnly, "notes.txt", "a.avro"))
                .as("named directly too")
                .containsExactly("a.avro");
    }

    @Test
    void reportsPathsThatDoNotExistAsGiven() throws IOException {
        Path missingFile = path("nope.avro");
        Path missingGlobDirectory = path("nope/*.avro");
        FileDiscovery discovery =
                new FileDiscovery(List.of(path("a.avro"), missingFile, missingGlobDirectory));

        FileDiscovery.Result result = discovery.discover();

        assertThat(relativeNames(result.files())).containsExactly("a.avro");
        assertThat(result.missingPaths()).containsExactly(missingFile, missingGlobDirectory);
        assertThatThrownBy(result::requireNoMissingPaths)
                .isInstanceOf(JetlinerException.class)
                .hasMessageContaining("no such file or directory")
                .hasMessageContaining(missingFile.toString())
                .hasMessageContaining(missingGlobDirectory.toString())
                .satisfies(
                        e ->
                                assertThat(((JetlinerException) e).kind())
                                        .isEqualTo(JetlinerException.Kind.IO));
    }

    @Test
    void findsNothingForAGlobThatMatchesNothingOrAnEmptyDirectory() throws IOException {
        Files.createDirectories(root.resolve("empty"));

        assertThat(discover("*.parquet")).isEmpty();
        assertThat(discover("empty")).isEmpty();
        assertThat(discover("a.avro/*")).as("a glob below a file").isEmpty();
    }

    @Test
    void rejectsAMalformedGlobWhenConfigured() {
        assertThatThrownBy(() -> new FileDiscovery(List.of(path("2024/[01/*.avro"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[01/*.avro");
        assertThatThrownBy(() -> new FileDiscovery(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void worksTheSameAfterJavaSerialization() throws Exception {
        FileDiscovery discovery =
                new FileDiscovery(
                        List.of(path("2024/*/*.avro"), path("a.avro")),
                        path -> !path.getName().startsWith("d"));

        FileDiscovery copy = InstantiationUtil.clone(discovery);

        assertThat(relativeNames(copy.discover().files()))
                .containsExactly("2024/01/c.avro", "a.avro");
        assertThat(copy.paths()).isEqualTo(discovery.paths());
    }

    @Test
    void treatsNamesStartingWithDotOrUnderscoreAsHidden() {
        assertThat(FileDiscovery.isHidden(".part-0.inprogress")).isTrue();
        assertThat(FileDiscovery.isHidden("_SUCCESS")).isTrue();
        assertThat(FileDiscovery.isHidden("part_0.avro")).isFalse();
        assertThat(FileDiscovery.isHidden("a.avro")).isFalse();
    }
}
