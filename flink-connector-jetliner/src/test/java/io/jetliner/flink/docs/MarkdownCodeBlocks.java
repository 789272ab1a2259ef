package io.jetliner.flink.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the fenced code blocks of a markdown page: {@code ```} or {@code ~~~} fences of three or
 * more characters, at any indentation (a block inside a list item is still a block), as CommonMark
 * reads them. A fence left open runs to the end of the page, as CommonMark renders it.
 */
final class MarkdownCodeBlocks {

    private static final Pattern OPENING = Pattern.compile("^( *)(`{3,}|~{3,})\\s*([^`\\s]*).*$");

    private MarkdownCodeBlocks() {}

    static List<CodeBlock> extract(String page, String markdown) {
        List<CodeBlock> blocks = new ArrayList<>();
        // a final line break ends the last line; it does not start another
        String[] lines = markdown.split("\r?\n");
        int i = 0;
        while (i < lines.length) {
            Matcher opening = OPENING.matcher(lines[i]);
            if (!opening.matches()) {
                i++;
                continue;
            }
            int openingLine = i + 1;
            int indent = opening.group(1).length();
            String fence = opening.group(2);
            String language = opening.group(3).toLowerCase(Locale.ROOT);
            StringBuilder code = new StringBuilder();
            i++;
            while (i < lines.length && !closes(lines[i], fence)) {
                code.append(dedent(lines[i], indent)).append('\n');
                i++;
            }
            blocks.add(new CodeBlock(page, openingLine, language, code.toString()));
            i++;
        }
        return blocks;
    }

    /** A closing fence: the opening's character, at least as many, and nothing but blanks. */
    private static boolean closes(String line, String fence) {
        String trimmed = line.strip();
        if (trimmed.length() < fence.length()) {
            return false;
        }
        char c = fence.charAt(0);
        for (int k = 0; k < trimmed.length(); k++) {
            if (trimmed.charAt(k) != c) {
                return false;
            }
        }
        return true;
    }

    private static String dedent(String line, int indent) {
        int k = 0;
        while (k < indent && k < line.length() && line.charAt(k) == ' ') {
            k++;
        }
        return line.substring(k);
    }
}
