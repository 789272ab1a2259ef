package io.jetliner.flink.avro.decode;

/**
 * A corrupt value, found where it starts in the block's array. Readers throw it, and the {@link
 * RecordDecoder}, which knows the block and the record, turns it into a located {@code
 * JetlinerException}; it carries no stack trace, as it describes the data, not the code.
 */
final class DecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Where in the block's array the corrupt value starts. */
    final int position;

    DecodeException(int position, String detail) {
        this(position, detail, null);
    }

    DecodeException(int position, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.position = position;
    }
}
