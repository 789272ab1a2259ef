package io.jetliner.flink.docs;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the docs test does with a code block, by the language its fence is tagged with. Every block
 * has exactly one kind, and a block that cannot be given one fails: an example cannot escape the
 * test by being tagged with a language the test does not know, or by being left untagged.
 */
enum CodeBlockKind {
    /** Compiled as the body of a method and run, on fixture files: {@link JavaBlockRunner}. */
    JAVA("java"),
    /** Each statement executed on a batch TableEnvironment, on fixture files: {@link SqlBlocks}. */
    SQL("sql"),
    /** Commands: the classes, tests and modules they name must exist: {@link ShellBlocks}. */
    SHELL("bash", "sh", "shell", "console"),
    /** Parsed: a YAML, JSON or XML document that does not parse fails. */
    DATA("yaml", "yml", "json", "xml"),
    /**
     * Output, messages, trees, or commands left untagged: untagged, must not look like Java or SQL;
     * the classes, tests and modules they name must exist, as in {@link #SHELL}.
     */
    TEXT("", "text", "txt", "output");

    private static final Pattern LOOKS_LIKE_CODE =
            Pattern.compile(
                    "(?m)(;|\\{)\\s*$|^\\s*(SELECT|CREATE|INSERT|ALTER|DROP|USE|SET)\\s+\\S");

    private final List<String> languages;

    CodeBlockKind(String... languages) {
        this.languages = List.of(languages);
    }

    /**
     * The block's kind.
     *
     * @throws IllegalArgumentException for a language the test does not know, and for an untagged
     *     block that looks like Java or SQL
     */
    static CodeBlockKind of(CodeBlock block) {
        String language = block.language().toLowerCase(Locale.ROOT);
        for (CodeBlockKind kind : values()) {
            if (kind.languages.contains(language)) {
                // tagged text is the author's word that it is output, a CREATE TABLE printed too
                if (language.isEmpty() && LOOKS_LIKE_CODE.matcher(block.code()).find()) {
                    throw new IllegalArgumentException(
                            block.location()
                                    + ": an untagged block that looks like code; tag it ```java or"
                                    + " ```sql so that the docs test runs it, or ```text if it is"
                                    + " output");
                }
                return kind;
            }
        }
        throw new IllegalArgumentException(
                block.location()
                        + ": a ```"
                        + language
                        + " block, which the docs test does not check; use one of "
                        + allLanguages());
    }

    private static String allLanguages() {
        StringBuilder out = new StringBuilder();
        for (CodeBlockKind kind : values()) {
            for (String language : kind.languages) {
                out.append(out.length() == 0 ? "" : ", ")
                        .append(language.isEmpty() ? "(none)" : language);
            }
        }
        return out.toString();
    }
}
