package io.jetliner.flink.source.enumerator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlobPatternTest {

    private static boolean matches(String glob, String path) {
        return GlobPattern.compile(glob).matches(path);
    }

    @Test
    void starMatchesWithinOneNameOnly() {
        assertThat(matches("*.avro", "a.avro")).isTrue();
        assertThat(matches("*.avro", ".avro")).isTrue();
        assertThat(matches("*.avro", "d/a.avro")).isFalse();
        assertThat(matches("d/*", "d/a")).isTrue();
        assertThat(matches("d/*", "d/a/b")).isFalse();
        assertThat(matches("part-*-*.avro", "part-1-x.avro")).isTrue();
        assertThat(matches("*.avro", "a.avro.tmp")).isFalse();
    }

    @Test
    void questionMarkMatchesOneCharacterOfAName() {
        assertThat(matches("a?.avro", "ab.avro")).isTrue();
        assertThat(matches("a?.avro", "a.avro")).isFalse();
        assertThat(matches("a?.avro", "abc.avro")).isFalse();
        assertThat(matches("a?b", "a/b")).isFalse();
        assertThat(matches("?", "ü")).isTrue();
        assertThat(matches("?", "😀")).as("one code point, two chars").isTrue();
    }

    @Test
    void doubleStarMatchesAcrossDirectories() {
        assertThat(matches("**", "a/b/c.avro")).isTrue();
        assertThat(matches("a/**", "a/b/c.avro")).isTrue();
        assertThat(matches("**.avro", "a/b/c.avro")).isTrue();
        assertThat(matches("**.avro", "c.avro")).isTrue();
        assertThat(matches("a/**.avro", "b/c.avro")).isFalse();
    }

    @Test
    void doubleStarDirectoryMatchesZeroOrMoreWholeDirectories() {
        assertThat(matches("a/**/b.avro", "a/b.avro")).isTrue();
        assertThat(matches("a/**/b.avro", "a/x/b.avro")).isTrue();
        assertThat(matches("a/**/b.avro", "a/x/y/b.avro")).isTrue();
        assertThat(matches("a/**/b.avro", "a/xb.avro")).isFalse();
        assertThat(matches("**/*.avro", "c.avro")).isTrue();
        assertThat(matches("**/*.avro", "x/y/c.avro")).isTrue();
        assertThat(matches("x**/y", "xy")).as("not a whole name: no zero-directory form").isFalse();
        assertThat(matches("x**/y", "xa/b/y")).isTrue();
    }

    @Test
    void bracketsMatchOneCharacterOfASet() {
        assertThat(matches("[abc].avro", "b.avro")).isTrue();
        assertThat(matches("[abc].avro", "d.avro")).isFalse();
        assertThat(matches("[a-c]x", "bx")).isTrue();
        assertThat(matches("[a-c]x", "dx")).isFalse();
        assertThat(matches("[0-9][0-9]", "42")).isTrue();
        assertThat(matches("[a-cx-z]", "y")).isTrue();
        assertThat(matches("[!a]", "b")).isTrue();
        assertThat(matches("[!a]", "a")).isFalse();
        assertThat(matches("[^a]", "a")).isFalse();
        assertThat(matches("[!a]", "/")).as("a negated set never matches '/'").isFalse();
        assertThat(matches("a[!x]b", "a/b")).isFalse();
        assertThat(matches("a[--0]b", "a/b")).as("a range over '/' never matches it").isFalse();
        assertThat(matches("a[--0]b", "a.b")).isTrue();
    }

    @Test
    void bracketsTreatSpecialCharactersAsMembers() {
        assertThat(matches("[]]", "]")).isTrue();
        assertThat(matches("[!]]", "a")).isTrue();
        assertThat(matches("[!]]", "]")).isFalse();
        assertThat(matches("[*]", "*")).isTrue();
        assertThat(matches("[*]", "a")).isFalse();
        assertThat(matches("[a-]", "-")).isTrue();
        assertThat(matches("[&&x]", "&")).isTrue();
        assertThat(matches("[\\]", "\\")).isTrue();
        assertThat(matches("[[]", "[")).isTrue();
        assertThat(matches("[{]", "{")).isTrue();
        assertThat(matches("[ü]", "ü")).isTrue();
    }

    @Test
    void bracesMatchAnyAlternative() {
        assertThat(matches("{a,b}.avro", "a.avro")).isTrue();
        assertThat(matches("{a,b}.avro", "b.avro")).isTrue();
        assertThat(matches("{a,b}.avro", "c.avro")).isFalse();
        assertThat(matches("x{,y}", "x")).isTrue();
        assertThat(matches("x{,y}", "xy")).isTrue();
        assertThat(matches("{2024/01,2025/*}/*.avro", "2024/01/a.avro")).isTrue();
        assertThat(matches("{2024/01,2025/*}/*.avro", "2025/07/a.avro")).isTrue();
        assertThat(matches("{2024/01,2025/*}/*.avro", "2024/02/a.avro")).isFalse();
        assertThat(matches("{a,b{c,d}}", "bd")).as("nested").isTrue();
        assertThat(matches("{a,b{c,d}}", "b")).isFalse();
        assertThat(matches("{*.avro,[0-9]}", "7")).isTrue();
    }

    @Test
    void everyOtherCharacterIsLiteral() {
        assertThat(matches("a.avro", "a.avro")).isTrue();
        assertThat(matches("a.avro", "aXavro")).isFalse();
        assertThat(matches("a+b(c)|$^\\Q.avro", "a+b(c)|$^\\Q.avro")).isTrue();
        assertThat(matches("a,b}", "a,b}")).as("',' and '}' outside braces").isTrue();
        assertThat(matches("ü ファイル😀", "ü ファイル😀")).isTrue();
        assertThat(matches("A", "a")).as("case-sensitive").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a[b", "[", "[]", "[!]", "{a,b", "{", "a{b{c}", "[z-a]"})
    void rejectsAMalformedGlobNamingIt(String glob) {
        assertThatThrownBy(() -> GlobPattern.compile(glob))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + glob + "\"")
                .hasMessageContaining("position");
    }

    @Test
    void recognisesGlobCharacters() {
        assertThat(GlobPattern.isGlob("a*")).isTrue();
        assertThat(GlobPattern.isGlob("a?")).isTrue();
        assertThat(GlobPattern.isGlob("a[b]")).isTrue();
        assertThat(GlobPattern.isGlob("{a}")).isTrue();
        assertThat(GlobPattern.isGlob("a,b]}-.avro")).isFalse();
    }

    /** Every directory on the way to a match must be listed; that is the pruning's one duty. */
    @Test
    void neverPrunesADirectoryOnTheWayToAMatch() {
        List<String> globs =
                List.of(
                        "*.avro",
                        "a/*.avro",
                        "a/*/c.avro",
                        "*/b/*",
                        "**",
                        "**/c.avro",
                        "a/**/c.avro",
                        "a/**",
                        "a**c.avro",
                        "?/b/c.avro",
                        "[ab]/[!x]/*",
                        "{a/b,x}/c.avro",
                        "{a,x/y}/**/*.avro",
                        "a/{b,bb}/c.avro",
                        "a/b/c.avro");
        List<String> paths =
                List.of(
                        "c.avro",
                        "a/c.avro",
                        "a/b/c.avro",
                        "a/bb/c.avro",
                        "a/b/d/c.avro",
                        "x/c.avro",
                        "x/y/z/c.avro",
                        "b/b/b");
        int matched = 0;
        for (String glob : globs) {
            GlobPattern pattern = GlobPattern.compile(glob);
            for (String path : paths) {
                if (!pattern.matches(path)) {
                    continue;
                }
                matched++;
                for (int slash = path.indexOf('/');
                        slash >= 0;
                        slash = path.indexOf('/', slash + 1)) {
                    String directory = path.substring(0, slash);
                    assertThat(pattern.mayMatchBelow(directory))
                            .as("%s must list %s on the way to %s", glob, directory, path)
                            .isTrue();
                }
            }
        }
        assertThat(matched).as("the cases exercise the check").isGreaterThan(20);
    }

    @Test
    void prunesDirectoriesThatCannotHoldAMatch() {
        assertThat(GlobPattern.compile("*.avro").mayMatchBelow("a")).isFalse();
        assertThat(GlobPattern.compile("a/*.avro").mayMatchBelow("b")).isFalse();
        assertThat(GlobPattern.compile("a/*.avro").mayMatchBelow("a/b")).isFalse();
        assertThat(GlobPattern.compile("2024-*/*.avro").mayMatchBelow("2023-12")).isFalse();
        assertThat(GlobPattern.compile("{a,b}/x").mayMatchBelow("c")).isFalse();
        assertThat(GlobPattern.compile("[!a]/x").mayMatchBelow("a")).isFalse();
        assertThat(GlobPattern.compile("a/**/x").mayMatchBelow("a/b/c/d")).isTrue();
        assertThat(GlobPattern.compile("a/**/x").mayMatchBelow("b")).isFalse();
    }
}
