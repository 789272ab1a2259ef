package io.jetliner.flink.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code dataset} parameter of {@link DecodeBenchmark}: which file is read and which of its
 * columns are consumed.
 */
public enum DecodeDataset {
    SIMPLE(DataShape.SIMPLE, "snappy"),
    WIDE(DataShape.WIDE, "snappy"),
    COMPLEX(DataShape.COMPLEX, "snappy"),
    /**
     * Five of the hundred {@link DataShape#WIDE} columns. Jetliner decodes only them; Avro Java and
     * Flink resolve the file against a reader schema of the five, which is what Flink's {@code
     * avro} format does with a projection pushed down.
     */
    PROJECTION(DataShape.WIDE, "snappy", false, "c0", "c8", "c51", "c73", "c96"),
    /**
     * The same five columns, but Avro Java and Flink decode all hundred and consume the five: a
     * reader with no reader schema, or Flink without projection push-down.
     */
    PROJECTION_FULLREAD(DataShape.WIDE, "snappy", true, "c0", "c8", "c51", "c73", "c96"),
    EVENTS_NULL(DataShape.EVENTS, "null"),
    EVENTS_DEFLATE(DataShape.EVENTS, "deflate"),
    EVENTS_SNAPPY(DataShape.EVENTS, "snappy"),
    EVENTS_ZSTANDARD(DataShape.EVENTS, "zstandard"),
    EVENTS_BZIP2(DataShape.EVENTS, "bzip2"),
    EVENTS_XZ(DataShape.EVENTS, "xz");

    private final DataShape shape;
    private final String codec;
    private final boolean baselinesDecodeAllColumns;
    private final List<String> columns;

    DecodeDataset(DataShape shape, String codec) {
        this(shape, codec, true);
    }

    DecodeDataset(
            DataShape shape, String codec, boolean baselinesDecodeAllColumns, String... columns) {
        this.shape = shape;
        this.codec = codec;
        this.baselinesDecodeAllColumns = baselinesDecodeAllColumns;
        this.columns = List.of(columns);
    }

    /** The name used as the benchmark parameter and in reports: {@code events_snappy}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DecodeDataset byId(String id) {
        for (DecodeDataset dataset : values()) {
            if (dataset.id().equals(id)) {
                return dataset;
            }
        }
        throw new IllegalArgumentException(
                "unknown dataset '"
                        + id
                        + "'; known: "
                        + Arrays.stream(values())
                                .map(DecodeDataset::id)
                                .collect(Collectors.joining(", ")));
    }

    public DataShape shape() {
        return shape;
    }

    /** The Avro codec name the file is compressed with. */
    public String codec() {
        return codec;
    }

    /** The top-level columns every variant consumes, in file order; empty for all of them. */
    public List<String> columns() {
        return columns;
    }

    /**
     * Whether Avro Java and Flink decode every column (and consume {@link #columns()}), rather than
     * resolve the file against a reader schema of {@link #columns()}.
     */
    public boolean baselinesDecodeAllColumns() {
        return baselinesDecodeAllColumns;
    }
}
