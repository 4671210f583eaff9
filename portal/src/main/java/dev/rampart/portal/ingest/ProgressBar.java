package dev.rampart.portal.ingest;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The import command's progress bar for one file: the share of the file's bytes read (compressed bytes for
 * {@code .gz} and {@code .zip}, so the share is true however well the file packs), lines, lines per second and the
 * time left. On a terminal it is redrawn in place; otherwise (a log, a pipe) one line is printed every two seconds
 * so logs stay readable. Without a known size (stdin) only lines and rate are shown.
 */
public final class ProgressBar {
    static final int WIDTH = 30;
    private static final long TERMINAL_NANOS = 200_000_000L;
    private static final long LOG_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean inPlace;
    private final LongSupplier clock;
    private final long started;
    private long last;
    private boolean drawn;

    ProgressBar(PrintStream out, String label, long totalBytes, boolean inPlace, LongSupplier nanoClock) {
        this.out = out;
        this.label = label;
        this.total = totalBytes;
        this.inPlace = inPlace;
        this.clock = nanoClock;
        this.started = nanoClock.getAsLong();
        this.last = started;
    }

    /** A bar for {@code label} of {@code totalBytes} (-1 unknown), drawn in place when the output is a terminal. */
    public static ProgressBar of(PrintStream out, String label, long totalBytes) {
        boolean terminal = out == System.out && System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return new ProgressBar(out, label, totalBytes, terminal, System::nanoTime);
    }

    /** Called often (every few thousand lines); draws at most every 200 ms on a terminal, every 2 s in a log. */
    public void update(long bytesRead, long lines) {
        long now = clock.getAsLong();
        if (now - last < (inPlace ? TERMINAL_NANOS : LOG_NANOS)) {
            return;
        }
        last = now;
        draw(bytesRead, lines, now, false);
    }

    /** The final state at 100% (or what was read when the size is unknown), ending the bar's line. */
    public void finish(long bytesRead, long lines) {
        draw(total > 0 ? total : bytesRead, lines, clock.getAsLong(), true);
    }

    private void draw(long bytes, long lines, long now, boolean done) {
        String text = render(label, total, bytes, lines, (now - started) / 1e9, done);
        if (inPlace) {
            out.print("\r" + text + (done ? System.lineSeparator() : ""));
            out.flush();
            drawn = !done;
        } else {
            out.println(text);
        }
    }

    /** Ends an in-place bar's line so that other output (a batch summary, an error) starts on a line of its own. */
    public void breakLine() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }

    static String render(String label, long total, long bytes, long lines, double seconds, boolean done) {
        double rate = seconds > 0 ? lines / seconds : 0;
        StringBuilder b = new StringBuilder("import: ").append(label).append(' ');
        if (total > 0) {
            double share = Math.min(1.0, Math.max(0.0, (double) bytes / total));
            int filled = (int) Math.round(share * WIDTH);
            b.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3.0f%%", share * 100));
            b.append(String.format(Locale.ROOT, " %,d lines, %,.0f lines/s", lines, rate));
            if (!done && share > 0 && share < 1) {
                long left = Math.round(seconds * (1 - share) / share);
                b.append(String.format(Locale.ROOT, ", %d:%02d left", left / 60, left % 60));
            } else {
                b.append(String.format(Locale.ROOT, ", %.1f s", seconds));
            }
        } else {
            b.append(String.format(Locale.ROOT, "%,d lines, %,.0f lines/s, %.1f s", lines, rate, seconds));
        }
        return b.toString();
    }
}
