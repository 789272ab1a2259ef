package io.jetliner.flink.reader;

import io.jetliner.flink.avro.decode.RecordDecoder;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.RowType;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * Rows without fields, as Flink asks for them to answer {@code SELECT COUNT(*)}: they need nothing
 * of a record but that it exists, so each block's record count, in its header, is all there is to
 * read. The payloads are then skipped, never read, decompressed or decoded, and a block yields its
 * record count of empty rows through the same decoder and batches as any other read.
 */
@Internal
public final class FieldlessRows {

    /** A record of no fields: zero bytes each, so a block of them decodes from no bytes at all. */
    private static final Schema NO_FIELDS =
            SchemaBuilder.record("NoFields").namespace("io.jetliner.flink").fields().endRecord();

    private FieldlessRows() {}

    /** Whether rows of {@code rowType} (null: every field of the file) need no payload. */
    public static boolean needNoPayload(RowType rowType) {
        return rowType != null && rowType.getFieldCount() == 0;
    }

    /**
     * A decoder of rows of {@code rowType}, which has no fields, for blocks read without payloads:
     * started with no bytes and a block's record count, it yields that many rows.
     */
    public static RecordDecoder decoder(RowType rowType) {
        if (!needNoPayload(rowType)) {
            throw new IllegalArgumentException("rows of " + rowType + " need the records' bytes");
        }
        return RecordDecoder.compile(NO_FIELDS, rowType);
    }
}
