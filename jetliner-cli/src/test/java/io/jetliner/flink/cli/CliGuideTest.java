package io.jetliner.flink.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/cli.md documents every command and option there is, and no option that is not. */
class CliGuideTest {

    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*");

    @Test
    void documentsEveryOptionOfEveryCommandInItsSection() throws IOException {
        String guide = Files.readString(guide());
        String jobs = section(guide, "## Jobs");
        PrintStream nowhere = new PrintStream(PrintStream.nullOutputStream());
        CommandLine cli = JetlinerCli.commandLine(new CliContext(nowhere, nowhere, false));

        for (CommandLine command : cli.getSubcommands().values()) {
            String name = command.getCommandName();
            String section = section(guide, "## `jetliner " + name);
            Set<String> known = new TreeSet<>();
            for (OptionSpec option : command.getCommandSpec().options()) {
                known.add(option.longestName());
                if (isJobOption(option)) {
                    assertThat(jobs).as("the Jobs section").contains("`" + option.longestName());
                } else if (!isCommonOption(option)) {
                    assertThat(section)
                            .as("section of %s", name)
                            .contains("`" + option.longestName());
                }
            }
            Matcher mentioned = OPTION.matcher(section);
            while (mentioned.find()) {
                assertThat(known)
                        .as("options of %s, which its section names", name)
                        .contains(mentioned.group());
            }
        }
        assertThat(guide).contains("`--verbose`", "`-q`/`--quiet`", "`-h`/`--help`");
    }

    private static boolean isJobOption(OptionSpec option) {
        return new CommandLine(new JobOptions()).getCommandSpec().findOption(option.longestName())
                != null;
    }

    private static boolean isCommonOption(OptionSpec option) {
        CommandSpec common = CommandSpec.forAnnotatedObject(new CommonOptions());
        return common.findOption(option.longestName()) != null
                || option.usageHelp()
                || option.versionHelp();
    }

    /** From the heading that starts with {@code heading} to the next heading of its level. */
    private static String section(String guide, String heading) {
        int start = guide.indexOf("\n" + heading);
        assertThat(start).as("docs/cli.md has a section %s", heading).isNotNegative();
        int end = guide.indexOf("\n## ", start + 1);
        return guide.substring(start, end < 0 ? guide.length() : end);
    }

    /** docs/cli.md of the repository the tests run in. */
    static Path guide() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path guide = dir.resolve("docs/cli.md");
            if (Files.isRegularFile(guide)) {
                return guide;
            }
        }
        throw new IllegalStateException("no docs/cli.md above " + Paths.get("").toAbsolutePath());
    }
}
