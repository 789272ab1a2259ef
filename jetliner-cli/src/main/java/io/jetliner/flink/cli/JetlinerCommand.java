package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;

import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** A command of {@code jetliner}: the common options, the streams, exit code 0 when it returns. */
@Internal
public abstract class JetlinerCommand implements Callable<Integer> {

    @Mixin CommonOptions common = new CommonOptions();

    protected final CliContext context;

    protected JetlinerCommand(CliContext context) {
        this.context = context;
    }

    public CommonOptions common() {
        return common;
    }

    /** A progress bar on stderr, or one that draws nothing (not a terminal, or --quiet). */
    protected Progress progress(String task, long totalBytes) {
        return Progress.create(task, totalBytes, context, common.quiet());
    }

    /**
     * The progress bar of a job: what its sources have read, from their metrics on the embedded
     * cluster. A job on a remote cluster has its metrics there: no bar then.
     */
    Progress jobProgress(String task, long totalBytes, FlinkSession session) {
        if (session.remote()) {
            return Progress.create(task, totalBytes, context, true);
        }
        Progress progress = progress(task, totalBytes);
        progress.follow(SourceMetrics::bytesRead, SourceMetrics::recordsRead);
        return progress;
    }

    @Override
    public final Integer call() throws Exception {
        run();
        return 0;
    }

    protected abstract void run() throws Exception;
}
