package io.jetliner.flink.cli;

import org.apache.flink.annotation.Internal;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr: bytes read of the total, rows a second and the time left, redrawn in
 * place a few times a second by a thread of its own from what the work counts. It draws nothing
 * when stderr is no terminal or with {@code --quiet}, so that logs and pipes stay clean.
 */
@Internal
public final class Progress implements AutoCloseable {

    private static final long REDRAW_MILLIS = 250;
    private static final int BAR_WIDTH = 24;

    private final String task;
    private final long totalBytes;
    private final PrintStream err;
    private final long startNanos = System.nanoTime();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private volatile LongSupplier bytesSource = bytes::get;
    private volatile LongSupplier rowsSource = rows::get;
    private final ScheduledExecutorService redraw;
    private int drawnWidth;

    private Progress(String task, long totalBytes, PrintStream err, boolean draws) {
        this.task = task;
        this.totalBytes = totalBytes;
        this.err = err;
        if (draws) {
            redraw =
                    Executors.newSingleThreadScheduledExecutor(
                            runnable -> {
                                Thread thread = new Thread(runnable, "jetliner-progress");
                                thread.setDaemon(true);
                                return thread;
                            });
            redraw.scheduleAtFixedRate(
                    this::draw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            redraw = null;
        }
    }

    static Progress create(String task, long totalBytes, CliContext context, boolean quiet) {
        return new Progress(task, totalBytes, context.err(), context.interactive() && !quiet);
    }

    /** Whether it draws at all. */
    public boolean draws() {
        return redraw != null;
    }

    /** Counts bytes read and rows done by the caller. */
    public void add(long bytesRead, long rowsDone) {
        bytes.addAndGet(bytesRead);
        rows.addAndGet(rowsDone);
    }

    /** Reads the counts from elsewhere instead, such as the metrics of a running job. */
    public void follow(LongSupplier bytesRead, LongSupplier rowsDone) {
        this.bytesSource = bytesRead;
        this.rowsSource = rowsDone;
    }

    public long rows() {
        return rowsSource.getAsLong();
    }

    public long bytes() {
        return bytesSource.getAsLong();
    }

    /** Seconds since it started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private synchronized void draw() {
        String line = render(task, bytes(), totalBytes, rows(), System.nanoTime() - startNanos);
        err.print('\r' + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
    }

    /** Stops drawing and clears the bar's line. */
    @Override
    public synchronized void close() {
        if (redraw == null) {
            return;
        }
        redraw.shutdownNow();
        if (drawnWidth > 0) {
            err.print('\r' + " ".repeat(drawnWidth) + '\r');
            err.flush();
        }
    }

    /**
     * One line of the bar: {@code cat [=====> ] 45% 120.3 MB of 267.0 MB, 1.2 M rows/s, 0:07 left}.
     * Without a known total, the bytes and the rate alone.
     */
    static String render(String task, long bytes, long totalBytes, long rows, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        String rate = count(rows / seconds) + " rows/s";
        if (totalBytes <= 0) {
            return String.format(Locale.ROOT, "%s %s, %s", task, bytes(bytes), rate);
        }
        double done = Math.min(1.0, (double) bytes / totalBytes);
        int filled = (int) Math.round(done * BAR_WIDTH);
        String bar =
                "=".repeat(filled)
                        + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        String left =
                bytes <= 0
                        ? "--:--"
                        : duration(
                                (long)
                                        (seconds
                                                * (totalBytes - Math.min(bytes, totalBytes))
                                                / bytes));
        return String.format(
                Locale.ROOT,
                "%s [%s] %3d%% %s of %s, %s, %s left",
                task,
                bar,
                (int) (done * 100),
                bytes(bytes),
                bytes(totalBytes),
                rate,
                left);
    }

    /** {@code 512 B}, {@code 1.5 KB}, {@code 120.3 MB}, {@code 2.0 GB}: powers of 1024. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** {@code 950}, {@code 12.5 K}, {@code 1.2 M}: powers of 1000. */
    public static String count(double count) {
        if (count < 1000) {
            return String.format(Locale.ROOT, "%.0f", count);
        }
        if (count < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f K", count / 1000);
        }
        return String.format(Locale.ROOT, "%.1f M", count / 1_000_000);
    }

    /** {@code 0:07}, {@code 12:30}, {@code 1:02:03}. */
    static String duration(long seconds) {
        if (seconds >= 3600) {
            return String.format(
                    Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
