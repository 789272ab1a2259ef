package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Arrays;

/**
 * {@code jetliner}: Avro files through Flink from the command line. Each command's job runs on an
 * embedded MiniCluster, or with {@code --cluster host:port} on a running Flink cluster.
 *
 * <p>Exit codes: 0 done, 1 the work failed, 2 the command line is wrong. Either failure prints one
 * line on stderr ({@code --verbose} adds the stack trace).
 */
@Internal
@Command(
        name = "jetliner",
        mixinStandardHelpOptions = true,
        versionProvider = JetlinerCli.Version.class,
        description =
                "Avro object-container files through Apache Flink, fast and in constant memory.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footer = {
            "",
            "Run 'jetliner COMMAND --help' for a command's options. Reference: docs/cli.md%n"
        })
public final class JetlinerCli implements Runnable {

    /** The work failed: a file, a statement, a cluster. */
    public static final int EXIT_FAILURE = 1;

    /** The command line is wrong: an unknown option, a missing argument, a bad value. */
    public static final int EXIT_USAGE = 2;

    static final String LOG_LEVEL_PROPERTY = "jetliner.log.level";

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is missing");
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--verbose")) {
            System.setProperty(LOG_LEVEL_PROPERTY, "info");
        }
        System.exit(execute(CliContext.system(), args));
    }

    /** Runs one command line; returns its exit code. */
    public static int execute(CliContext context, String... args) {
        return commandLine(context).execute(args);
    }

    static CommandLine commandLine(CliContext context) {
        CommandLine commandLine =
                new CommandLine(new JetlinerCli())
                        .addSubcommand(new SchemaCommand(context))
                        .addSubcommand(new CatCommand(context))
                        .addSubcommand(new ConvertCommand(context))
                        .addSubcommand(new SqlCommand(context))
                        .addSubcommand(new StatsCommand(context))
                        .addSubcommand(new GenerateCommand(context))
                        .addSubcommand(new DemoCommand(context));
        commandLine
                .setOut(new java.io.PrintWriter(context.out(), true))
                .setErr(new java.io.PrintWriter(context.err(), true))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExitCodeExceptionMapper(failure -> EXIT_FAILURE)
                .setExecutionExceptionHandler(
                        (failure, failed, parseResult) -> {
                            context.err()
                                    .println(name(failed) + ": " + ErrorMessages.oneLine(failure));
                            if (verbose(failed)) {
                                failure.printStackTrace(context.err());
                            }
                            return EXIT_FAILURE;
                        })
                .setParameterExceptionHandler(
                        (failure, args) -> {
                            CommandLine failed = failure.getCommandLine();
                            context.err()
                                    .println(
                                            name(failed)
                                                    + ": "
                                                    + failure.getMessage()
                                                            .strip()
                                                            .replaceAll("\\s*\\R\\s*", " ")
                                                    + " (see '"
                                                    + name(failed)
                                                    + " --help')");
                            return EXIT_USAGE;
                        });
        return commandLine;
    }

    private static String name(CommandLine commandLine) {
        return commandLine.getCommandSpec().qualifiedName();
    }

    private static boolean verbose(CommandLine commandLine) {
        Object command = commandLine.getCommand();
        return command instanceof JetlinerCommand && ((JetlinerCommand) command).common().verbose();
    }

    /** The project version, from the jar's manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = JetlinerCli.class.getPackage().getImplementationVersion();
            return new String[] {"jetliner " + (version == null ? "(development build)" : version)};
        }
    }
}
