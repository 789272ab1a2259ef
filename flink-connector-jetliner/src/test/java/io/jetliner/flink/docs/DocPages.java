package io.jetliner.flink.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The documentation pages: README.md at the repository's root and every .md file under docs/. */
final class DocPages {

    private DocPages() {}

    /** The repository's root, seen from a module's directory, where Maven runs its tests. */
    static Path root() {
        Path root = Paths.get("..").toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("docs").resolve("README.md"))) {
            throw new IllegalStateException(
                    "the docs are not at " + root.resolve("docs") + "; run from a module");
        }
        return root;
    }

    /** Every page, relative to the root, in a stable order. */
    static List<Path> all(Path root) {
        List<Path> pages = new ArrayList<>();
        pages.add(Paths.get("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(path -> path.getFileName().toString().endsWith(".md"))
                    .map(root::relativize)
                    .sorted()
                    .forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    /** Every code block of every page, in page order. */
    static List<CodeBlock> codeBlocks(Path root) {
        return all(root).stream()
                .flatMap(
                        page ->
                                MarkdownCodeBlocks.extract(unixName(page), read(root.resolve(page)))
                                        .stream())
                .collect(Collectors.toList());
    }

    private static String unixName(Path page) {
        return page.toString().replace('\\', '/');
    }

    private static String read(Path page) {
        try {
            return Files.readString(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
