package io.jetliner.flink.testutil;

import org.apache.flink.table.data.StringData;

import java.nio.charset.StandardCharsets;

/**
 * A STRING value that holds JSON (the rendering of a recursive reference), so that comparisons can
 * compare it as JSON, whatever spacing or key order the decoder chose.
 */
public final class JsonStringData implements StringData {

    private final String json;

    public JsonStringData(String json) {
        this.json = json;
    }

    @Override
    public byte[] toBytes() {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int compareTo(StringData other) {
        return json.compareTo(other.toString());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonStringData && json.equals(((JsonStringData) other).json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json;
    }
}
