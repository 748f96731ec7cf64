package dev.harrier.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.harrier.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * PostgreSQL, for a case shared by a team: one pool, the case optionally in its own schema.
 *
 * <p>Import sessions into the same schema take a transaction-scoped advisory lock, so they run one after another
 * (as on SQLite) and the version decisions of one never race with another's. Batched inserts are rewritten into
 * multi-row statements by the driver ({@code reWriteBatchedInserts}); large reads run in a transaction with a fetch
 * size, so the driver uses a cursor. List parameters are passed as one {@code text[]}.
 */
final class PostgresDialect implements Dialect {
    private static final int POOL_SIZE = 6;

    /** Opens (creating the schema and migrating when needed) the case at {@code location}. */
    static JdbcStore open(PostgresLocation location) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(location.jdbcUrl());
        if (location.user() != null) {
            hc.setUsername(location.user());
        }
        if (location.password() != null) {
            hc.setPassword(location.password());
        }
        String schema = location.schema();
        if (schema != null) {
            hc.setSchema(schema);
        }
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        hc.addDataSourceProperty("ApplicationName", "harrier");
        hc.setPoolName("harrier-postgresql");
        hc.setMaximumPoolSize(POOL_SIZE);
        hc.setMinimumIdle(1);
        hc.setAutoCommit(true);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to " + location.display() + ": " + e.getMessage(), e);
        }
        try {
            FluentConfiguration flyway =
                    Flyway.configure().dataSource(pool).locations("classpath:db/migration/postgresql");
            if (schema != null) {
                flyway = flyway.schemas(schema).defaultSchema(schema).createSchemas(true);
            }
            flyway.load().migrate();
            return new JdbcStore(new PostgresDialect(), location.display(), pool, pool, () -> {}, List.of(pool));
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot prepare " + location.display() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String anyOf(String column) {
        return column + " = ANY(?)";
    }

    @Override
    public void bindList(PreparedStatement ps, int index, Collection<String> values) throws SQLException {
        ps.setArray(index, ps.getConnection().createArrayOf("text", values.toArray()));
    }

    @Override
    public void beginImport(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(hashtext('harrier-import:' || current_schema()))");
        }
    }

    @Override
    public void beginRead(Connection c) throws SQLException {
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setAutoCommit(false);
    }

    @Override
    public void endRead(Connection c) throws SQLException {
        try {
            c.commit();
        } finally {
            c.setAutoCommit(true);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    @Override
    public List<String> physicalProblems(Connection c) {
        return List.of(); // PostgreSQL checks its pages itself; amcheck is an optional extension
    }
}
