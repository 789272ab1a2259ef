package io.jetliner.flink.testutil;

import org.apache.flink.util.ExceptionUtils;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What a test can expect of the failure Flink reports for a job whose reader failed.
 *
 * <p>Flink 2.3 reports as the job's failure the first cause to reach its scheduler. When a reader
 * fails just as the enumerator sends it a split, that may be the event Flink could not deliver to
 * the reader's task, already failed ("An OperatorEvent ... was lost"), and the reader's own failure
 * is then in the TaskManager's log alone (docs/errors.md). The job fails either way.
 */
public final class JobFailures {

    /** The start of the message of Flink's failover for an event a failed task did not take. */
    public static final String LOST_EVENT =
            "An OperatorEvent from an OperatorCoordinator to a task was lost";

    private JobFailures() {}

    /**
     * Runs {@code job}, which must fail, and checks that the failure it reports (with {@code more},
     * such as the job's exception history) names {@code cause} or is an event lost on the way to
     * the reader that had failed.
     */
    public static void assertFailsOn(ThrowingCallable job, String cause) {
        Throwable failure = catchThrowable(job);
        assertThat(failure).as("the job fails").isNotNull();
        assertReports(ExceptionUtils.stringifyException(failure), cause);
    }

    /** Checks that the text of a job's failures names {@code cause} or a lost event. */
    public static void assertReports(String failures, String cause) {
        assertThat(failures).containsAnyOf(cause, LOST_EVENT);
    }
}
