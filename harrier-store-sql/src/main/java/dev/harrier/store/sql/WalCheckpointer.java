package dev.harrier.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies committed pages from a SQLite write-ahead log into the database file, on a background thread.
 *
 * <p>A checkpoint after a large import rewrites as much data as the import wrote; doing it here keeps it out of the
 * commit. Checkpoints are {@code PASSIVE}: they never wait for, or block, readers and writers. Requests that arrive
 * while one is queued are merged. A checkpoint that does not happen only leaves a longer log (SQLite checkpoints it
 * when the last connection closes); committed data is safe in the log either way.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final DataSource connections;
    private final String description;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService thread;

    WalCheckpointer(DataSource connections, String description) {
        this.connections = connections;
        this.description = description;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "harrier-sqlite-checkpoint");
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for a checkpoint soon. */
    void request() {
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(this::checkpoint);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.set(false); // closing
            }
        }
    }

    private void checkpoint() {
        queued.set(false);
        try (Connection c = connections.getConnection();
                Statement st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException | RuntimeException e) {
            LOG.debug("checkpoint of {} skipped: {}", description, e.getMessage());
        }
    }

    /** Waits for a running checkpoint and stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.MINUTES)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
