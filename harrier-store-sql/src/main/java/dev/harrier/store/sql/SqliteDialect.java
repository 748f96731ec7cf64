package dev.harrier.store.sql;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.harrier.core.Json;
import dev.harrier.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite, the embedded default: one database file per case, in WAL mode so that readers never block the writer and
 * never see its uncommitted pages.
 *
 * <p>SQLite allows one writer at a time, so the store keeps two pools: a single writer connection whose transactions
 * start with {@code BEGIN IMMEDIATE} (import sessions queue for it, and another process waits for the lock up to the
 * busy timeout), and a few reader connections. Every connection runs with {@code synchronous=NORMAL} (a committed
 * session survives a killed process; only a power cut may lose the last commits, never consistency), foreign keys
 * on, and a busy timeout. The writer does not checkpoint the WAL itself: a {@link WalCheckpointer} does it in the
 * background after each commit, so a commit does not wait for the database file to be rewritten. List parameters
 * are passed as one JSON array and unpacked with {@code json_each}.
 */
final class SqliteDialect implements Dialect {
    private static final int BUSY_TIMEOUT_MS = 30_000;
    private static final int READERS = 4;
    /** How long an import session waits for another one in the same process to finish. */
    private static final Duration WRITER_WAIT = Duration.ofMinutes(10);
    /** How long a read waits for a free reader connection. */
    private static final Duration READER_WAIT = Duration.ofSeconds(30);

    /** Opens (creating and migrating when needed) the SQLite database {@code file}. */
    static JdbcStore open(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String description = "sqlite:" + abs;
        try {
            Path parent = abs.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the directory of " + description + ": " + e.getMessage(), e);
        }
        String url = "jdbc:sqlite:" + abs;
        try {
            SQLiteDataSource plain = dataSource(url, SQLiteConfig.TransactionMode.DEFERRED);
            if (!SchemaVersion.isCurrent(plain)) {
                Flyway.configure()
                        .dataSource(plain)
                        .locations("classpath:db/migration/sqlite")
                        .load()
                        .migrate();
            }
        } catch (RuntimeException e) {
            throw new StoreException("cannot prepare " + description + ": " + e.getMessage(), e);
        }
        HikariDataSource writer =
                pool(url, SQLiteConfig.TransactionMode.IMMEDIATE, 1, WRITER_WAIT, "harrier-sqlite-writer");
        try {
            HikariDataSource reader =
                    pool(url, SQLiteConfig.TransactionMode.DEFERRED, READERS, READER_WAIT, "harrier-sqlite-reader");
            WalCheckpointer checkpointer = new WalCheckpointer(reader, description);
            return new JdbcStore(
                    new SqliteDialect(),
                    description,
                    writer,
                    reader,
                    checkpointer::request,
                    List.of(checkpointer, reader, writer));
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    private static SQLiteDataSource dataSource(String url, SQLiteConfig.TransactionMode mode) {
        SQLiteConfig config = new SQLiteConfig();
        if (mode == SQLiteConfig.TransactionMode.IMMEDIATE) {
            config.setWalAutocheckpoint(0); // the writer leaves checkpoints to WalCheckpointer
        }
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(-32_768); // 32 MiB
        config.setTransactionMode(mode);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(url);
        return ds;
    }

    private static HikariDataSource pool(
            String url, SQLiteConfig.TransactionMode mode, int size, Duration wait, String name) {
        HikariConfig hc = new HikariConfig();
        hc.setConnectionTimeout(wait.toMillis());
        hc.setDataSource(dataSource(url, mode));
        hc.setPoolName(name);
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(1);
        hc.setAutoCommit(true);
        try {
            return new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreException(
                    "cannot open sqlite:" + url.substring("jdbc:sqlite:".length()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String anyOf(String column) {
        return column + " IN (SELECT value FROM json_each(?))";
    }

    @Override
    public void bindList(PreparedStatement ps, int index, Collection<String> values) throws SQLException {
        ArrayNode array = Json.mapper().createArrayNode();
        values.forEach(array::add);
        ps.setString(index, array.toString());
    }

    @Override
    public void beginImport(Connection c) {
        // the writer pool's connections begin every transaction with BEGIN IMMEDIATE, which takes the write lock
    }

    @Override
    public void beginRead(Connection c) throws SQLException {
        c.setAutoCommit(false);
    }

    @Override
    public void endRead(Connection c) throws SQLException {
        c.setAutoCommit(true);
    }

    @Override
    public List<String> physicalProblems(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equals(line)) {
                    out.add("sqlite integrity_check: " + line);
                }
            }
        }
        return out;
    }
}
