package io.jetliner.flink.docs;

/**
 * One fenced code block of a documentation page.
 *
 * @param page the page, relative to the repository root (README.md, docs/sql.md)
 * @param line the 1-based line of the opening fence
 * @param language the first word of the fence's info string, lower case; empty when untagged
 * @param code the block's lines, without the fences and without the fence's indentation
 */
record CodeBlock(String page, int line, String language, String code) {

    /** Where the block is, for messages: {@code docs/sql.md:17}. */
    String location() {
        return page + ":" + line;
    }

    @Override
    public String toString() {
        return location() + " ```" + language;
    }
}
