package io.jetliner.flink.e2e.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a Flink file sink has written to a directory. */
final class FileSinkOutput {

    private FileSinkOutput() {}

    /**
     * The files the sink has committed under {@code directory}, in any bucket: names starting with
     * {@code .} (in-progress files, staging directories) or {@code _} are not part of the output.
     */
    static List<Path> committedFiles(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.filter(Files::isRegularFile)
                    .filter(path -> isVisible(directory.relativize(path)))
                    .forEach(files::add);
        }
        return files;
    }

    private static boolean isVisible(Path relative) {
        for (Path name : relative) {
            if (name.toString().startsWith(".") || name.toString().startsWith("_")) {
                return false;
            }
        }
        return true;
    }
}
