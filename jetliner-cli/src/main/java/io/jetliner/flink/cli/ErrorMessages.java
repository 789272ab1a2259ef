package io.jetliner.flink.cli;

import io.jetliner.flink.JetlinerException;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.TableException;
import org.apache.flink.table.api.ValidationException;

import java.net.ConnectException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The one line a failed command prints: the most telling exception of the cause chain. A job that
 * fails reaches the command wrapped several times (the table result, the job, the task); what a
 * person needs is the reader's {@link JetlinerException} that names the file and offset, or the
 * planner's message about the statement.
 */
@Internal
final class ErrorMessages {

    private ErrorMessages() {}

    static String oneLine(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                // Only a job submitted to --cluster connects over the network.
                return "cannot reach the Flink cluster: " + t.getMessage();
            }
        }
        Throwable telling = mostTelling(failure);
        String message = telling.getMessage();
        if (message == null || message.isBlank()) {
            message = telling.getClass().getSimpleName();
        } else if (!(telling instanceof JetlinerException
                || telling instanceof UserError
                || telling instanceof ValidationException
                || telling instanceof TableException
                || telling instanceof IllegalArgumentException
                || telling.getClass().getSimpleName().equals("SqlParserException"))) {
            message = telling.getClass().getSimpleName() + ": " + message;
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static Throwable mostTelling(Throwable failure) {
        Set<Throwable> chain = new LinkedHashSet<>();
        for (Throwable t = failure; t != null && chain.add(t); t = t.getCause()) {
            if (t instanceof JetlinerException || t instanceof UserError) {
                return t;
            }
        }
        for (Throwable t : chain) {
            // The planner's own message says what is wrong with the statement; the causes below
            // it are its parser's and optimizer's internals.
            if (t instanceof ValidationException
                    || t.getClass().getSimpleName().equals("SqlParserException")) {
                return t;
            }
        }
        Throwable root = failure;
        for (Throwable t : chain) {
            root = t;
        }
        return root.getMessage() == null ? failure : root;
    }
}
