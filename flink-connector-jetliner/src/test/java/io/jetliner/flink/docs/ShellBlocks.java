package io.jetliner.flink.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks what commands of the docs name against the repository, so that a renamed class, test or
 * module leaves no stale command behind: every class {@code io.jetliner.…Name} must be a source
 * file of a module, every {@code -Dtest=} pattern must match a test class, every module of {@code
 * -pl} must exist. The commands themselves are not run: they build jars and run benchmarks for
 * minutes.
 */
final class ShellBlocks {

    private static final Pattern CLASS_NAME =
            Pattern.compile("\\bio\\.jetliner(?:\\.[a-z_][a-z0-9_]*)+\\.[A-Z]\\w*");
    private static final Pattern TEST_OPTION = Pattern.compile("-Dtest=(\\S+)");
    private static final Pattern MODULES_OPTION = Pattern.compile("(?:-pl|--projects)[ =](\\S+)");
    private static final Pattern LAUNCHER = Pattern.compile("(?m)(^|\\s)\\./jetliner\\b");

    private final Path root;
    private final List<Path> modules;
    private final Set<String> testClasses;

    ShellBlocks(Path root) {
        this.root = root;
        this.modules = modules(root);
        this.testClasses = testClasses(modules);
    }

    /** Whether the block runs the {@code ./jetliner} launcher. */
    static boolean usesLauncher(CodeBlock block) {
        return LAUNCHER.matcher(block.code()).find();
    }

    boolean launcherExists() {
        return Files.isRegularFile(root.resolve("jetliner"));
    }

    /** What the block names that the repository does not have; empty when all is there. */
    List<String> missingNames(CodeBlock block) {
        List<String> missing = new ArrayList<>();
        Matcher className = CLASS_NAME.matcher(block.code());
        while (className.find()) {
            if (!classExists(className.group())) {
                missing.add("class " + className.group());
            }
        }
        Matcher tests = TEST_OPTION.matcher(block.code());
        while (tests.find()) {
            for (String pattern : unquote(tests.group(1)).split(",")) {
                String name = pattern.replaceFirst("#.*", "").replaceFirst("^!", "");
                Pattern glob = Pattern.compile(name.replace("*", ".*").replace("?", "."));
                if (testClasses.stream().noneMatch(test -> glob.matcher(test).matches())) {
                    missing.add("test " + pattern);
                }
            }
        }
        Matcher moduleList = MODULES_OPTION.matcher(block.code());
        while (moduleList.find()) {
            for (String module : unquote(moduleList.group(1)).split(",")) {
                if (!moduleExists(module)) {
                    missing.add("module " + module);
                }
            }
        }
        return missing;
    }

    private boolean classExists(String name) {
        String file = name.replace('.', '/') + ".java";
        return modules.stream()
                .anyMatch(
                        module ->
                                Files.exists(module.resolve("src/main/java").resolve(file))
                                        || Files.exists(
                                                module.resolve("src/test/java").resolve(file)));
    }

    /** Whether a module of the repository has this directory name or artifactId. */
    boolean moduleExists(String module) {
        String name = module.startsWith(":") ? module.substring(1) : module;
        return modules.stream()
                .anyMatch(
                        path ->
                                root.relativize(path).toString().equals(name)
                                        || readPom(path)
                                                .contains("<artifactId>" + name + "</artifactId>"));
    }

    /** The version of the repository's root pom: the version of every module. */
    String projectVersion() {
        Matcher version =
                Pattern.compile("<artifactId>[^<]+</artifactId>\\s*<version>([^<]+)</version>")
                        .matcher(readPom(root).replaceAll("(?s)<parent>.*?</parent>", ""));
        if (!version.find()) {
            throw new IllegalStateException("no version in " + root.resolve("pom.xml"));
        }
        return version.group(1);
    }

    private static String unquote(String value) {
        return value.replaceAll("[\"']", "");
    }

    private static String readPom(Path module) {
        try {
            return Files.readString(module.resolve("pom.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> modules(Path root) {
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(child -> Files.isRegularFile(child.resolve("pom.xml")))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> testClasses(List<Path> modules) {
        Set<String> names = new TreeSet<>();
        for (Path module : modules) {
            Path tests = module.resolve("src/test/java");
            if (!Files.isDirectory(tests)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(tests)) {
                files.map(file -> file.getFileName().toString())
                        .filter(name -> name.endsWith(".java"))
                        .map(name -> name.substring(0, name.length() - ".java".length()))
                        .forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }
}
