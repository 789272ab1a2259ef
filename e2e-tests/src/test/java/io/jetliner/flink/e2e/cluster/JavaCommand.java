package io.jetliner.flink.e2e.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A {@code java} command line, started as a separate process whose output goes to a file. */
final class JavaCommand {

    private final String mainClass;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String classpath = "";
    private Path workingDirectory;

    private JavaCommand(String mainClass) {
        this.mainClass = mainClass;
    }

    static JavaCommand of(String mainClass) {
        return new JavaCommand(mainClass);
    }

    JavaCommand classpath(String classpath) {
        this.classpath = classpath;
        return this;
    }

    JavaCommand jvmOptions(Collection<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    JavaCommand jvmOptions(String... options) {
        return jvmOptions(List.of(options));
    }

    JavaCommand arguments(String... args) {
        arguments.addAll(List.of(args));
        return this;
    }

    JavaCommand environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    JavaCommand workingDirectory(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    /**
     * Runs the process to its end and returns what it printed.
     *
     * @throws IOException if it exits with another code than 0 or runs longer than {@code timeout}
     *     (it is then killed); the message holds what it printed
     */
    String run(Path outputFile, Duration timeout) throws IOException, InterruptedException {
        Process process = start(outputFile);
        // Should the test JVM end first, the process goes with it.
        Thread killOnExit = new Thread(process::destroyForcibly, "kill-" + mainClass);
        Runtime.getRuntime().addShutdownHook(killOnExit);
        boolean exited;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        String printed = Files.readString(outputFile);
        if (!exited || process.exitValue() != 0) {
            throw new IOException(
                    mainClass
                            + (exited
                                    ? " exited with " + process.exitValue()
                                    : " ran longer than " + timeout)
                            + ". It printed:\n"
                            + printed);
        }
        return printed;
    }

    /** Starts the process; its standard output and error are appended to {@code outputFile}. */
    Process start(Path outputFile) throws IOException {
        Files.createDirectories(outputFile.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().putAll(environment);
        return builder.start();
    }
}
