package io.jetliner.flink.source.enumerator;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A glob over '/'-separated relative paths, compiled to a regular expression, independent of any
 * file system (unlike {@code java.nio}'s globs, which are for the default one only).
 *
 * <ul>
 *   <li>{@code *} matches any characters within one name, {@code ?} one character of a name;
 *   <li>{@code **} matches any characters across names; as a whole name followed by {@code /} it
 *       matches zero or more whole directories, so {@code a/**}{@code /b} matches {@code a/b} and
 *       {@code a/x/y/b};
 *   <li>{@code [abc]}, {@code [a-z]}, {@code [!a]} (or {@code [^a]}) match one character of a name
 *       in, or not in, the set; a {@code ]} right after the opening bracket is a member;
 *   <li>{@code {a,b}} matches either alternative; alternatives nest and may hold any of the above,
 *       including {@code /}.
 * </ul>
 *
 * There is no escape character (Flink's paths turn {@code \} into {@code /}): a literal {@code *},
 * {@code ?}, {@code [} or <code>&#123;</code> is written as a one-character set such as {@code
 * [*]}. Outside braces, {@code ,} and <code>&#125;</code> are literal.
 *
 * <p>Matching runs on Java's backtracking regular expressions, which is quick for the globs people
 * write; a single name pattern with many stars, such as {@code *a*b*c*d*}, costs time polynomial in
 * the length of the names it is tried on.
 */
@Internal
final class GlobPattern implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String glob;
    private final Pattern regex;

    private GlobPattern(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    /** Whether {@code text} holds a character that starts a glob construct. */
    static boolean isGlob(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    /**
     * Compiles a glob over relative paths.
     *
     * @throws IllegalArgumentException for an unclosed {@code [} or <code>&#123;</code>, or a
     *     reversed range, naming the glob and the position
     */
    static GlobPattern compile(String glob) {
        return new GlobPattern(
                glob, Pattern.compile(new Translator(glob).translate(), Pattern.DOTALL));
    }

    /** Whether the relative path, names separated by '/', matches the whole glob. */
    boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    /**
     * Whether a path below the relative directory may match, so that listing it can be skipped when
     * not. Never false for a directory that holds a match.
     */
    boolean mayMatchBelow(String relativeDirectory) {
        Matcher matcher = regex.matcher(relativeDirectory + '/');
        // Matching ran out of input before it failed: more input may yet complete a match.
        return matcher.matches() || matcher.hitEnd();
    }

    @Override
    public String toString() {
        return glob;
    }

    /** Recursive descent over the glob, writing the regular expression. */
    private static final class Translator {

        private final String glob;
        private final StringBuilder regex = new StringBuilder();
        private int pos;

        Translator(String glob) {
            this.glob = glob;
        }

        String translate() {
            sequence(false);
            return regex.toString();
        }

        /** Translates up to the end, or inside braces up to the ',' or '}' that ends it. */
        private void sequence(boolean inBraces) {
            while (pos < glob.length()) {
                char c = glob.charAt(pos);
                if (inBraces && (c == ',' || c == '}')) {
                    return;
                }
                switch (c) {
                    case '*':
                        stars();
                        break;
                    case '?':
                        regex.append("[^/]");
                        pos++;
                        break;
                    case '[':
                        characterSet();
                        break;
                    case '{':
                        alternatives();
                        break;
                    default:
                        int codePoint = glob.codePointAt(pos);
                        appendLiteral(codePoint);
                        pos += Character.charCount(codePoint);
                }
            }
        }

        private void stars() {
            int first = pos;
            while (pos < glob.length() && glob.charAt(pos) == '*') {
                pos++;
            }
            boolean startsName = first == 0 || glob.charAt(first - 1) == '/';
            if (pos - first == 1) {
                regex.append("[^/]*");
            } else if (startsName && pos < glob.length() && glob.charAt(pos) == '/') {
                pos++;
                regex.append("(?:[^/]*/)*");
            } else {
                regex.append(".*");
            }
        }

        private void alternatives() {
            int open = pos++;
            regex.append("(?:");
            while (true) {
                sequence(true);
                if (pos == glob.length()) {
                    throw syntaxError("unclosed '{'", open);
                }
                if (glob.charAt(pos++) == '}') {
                    break;
                }
                regex.append('|');
            }
            regex.append(')');
        }

        private void characterSet() {
            int open = pos++;
            boolean negated =
                    pos < glob.length() && (glob.charAt(pos) == '!' || glob.charAt(pos) == '^');
            if (negated) {
                pos++;
            }
            int first = pos;
            // A ']' right after the opening is a member, so the search for the closing one starts
            // after it.
            int close = glob.indexOf(']', first < glob.length() ? first + 1 : first);
            if (close < 0) {
                throw syntaxError("unclosed '['", open);
            }
            // Names never hold '/', so neither does what a set matches.
            regex.append(negated ? "[^/" : "[");
            while (pos < close) {
                int low = glob.codePointAt(pos);
                pos += Character.charCount(low);
                appendLiteral(low);
                if (pos + 1 < close && glob.charAt(pos) == '-') {
                    int high = glob.codePointAt(pos + 1);
                    if (high < low) {
                        throw syntaxError("reversed range in '[...]'", pos - 1);
                    }
                    regex.append('-');
                    appendLiteral(high);
                    pos += 1 + Character.charCount(high);
                }
            }
            regex.append(negated ? "]" : "&&[^/]]");
            pos = close + 1;
        }

        private void appendLiteral(int codePoint) {
            if (isAsciiAlphanumeric(codePoint)) {
                regex.append((char) codePoint);
            } else {
                appendEscaped(codePoint);
            }
        }

        /** Every other character is written by its code point, safe in and out of sets. */
        private void appendEscaped(int codePoint) {
            regex.append("\\x{").append(Integer.toHexString(codePoint)).append('}');
        }

        private static boolean isAsciiAlphanumeric(int c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }

        private IllegalArgumentException syntaxError(String what, int position) {
            return new IllegalArgumentException(
                    String.format("bad glob \"%s\": %s at position %d", glob, what, position));
        }
    }
}
