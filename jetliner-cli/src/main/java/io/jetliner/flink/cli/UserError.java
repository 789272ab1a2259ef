package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;

/** A failure the command explains in its message alone: a path with no files, a bad column. */
@Internal
public final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
