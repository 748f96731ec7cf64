package dev.harrier.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress indicator on standard error, shown only when standard error is a terminal. */
final class ProgressBar implements AutoCloseable {
    private final PrintWriter err;
    private final boolean enabled;
    private final String label;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private final boolean plain;

    private final String unit;

    ProgressBar(PrintWriter err, boolean enabled, String label) {
        this(err, enabled, "objects", label);
    }

    /** A bar counting {@code unit}s ({@code events}, {@code rule files}). */
    ProgressBar(PrintWriter err, boolean enabled, String unit, String label) {
        this.unit = unit;
        this.err = err;
        // HARRIER_PROGRESS=plain prints one line per update, for scripts and tests that watch a long import
        this.plain = enabled && "plain".equals(System.getenv("HARRIER_PROGRESS"));
        this.enabled = enabled && (plain || System.console() != null);
        this.label = label;
    }

    /** Shows that {@code count} units are done. */
    void update(long count) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        if (plain) {
            err.println("progress " + count + " " + label);
            err.flush();
            return;
        }
        double secs = Math.max(1e-3, (now - startNanos) / 1e9);
        int spin = (int) ((now - startNanos) / 100_000_000L) % 20;
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < 20; i++) {
            bar.append(i == spin ? '#' : '.');
        }
        bar.append(']');
        err.print(
                String.format(Locale.ROOT, "\r%s %,d %s (%,.0f/s) %s\u001b[K", bar, count, unit, count / secs, label));
        err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
