package dev.harrier.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * What differs between the databases the case store runs on; everything else in {@link JdbcStore} is plain SQL that
 * both understand.
 */
sealed interface Dialect permits SqliteDialect, PostgresDialect {

    /** A condition "{@code column} is one of a list", with one parameter that {@link #bindList} fills. */
    String anyOf(String column);

    /** Binds the list of an {@link #anyOf} condition. */
    void bindList(PreparedStatement ps, int index, Collection<String> values) throws SQLException;

    /**
     * Starts the write transaction of an import session on {@code c} (auto-commit already off), waiting for any other
     * import into the same store to finish.
     */
    void beginImport(Connection c) throws SQLException;

    /**
     * Prepares {@code c} for reading a large result a few rows at a time, in one consistent snapshot; the caller ends
     * with {@link #endRead}.
     */
    void beginRead(Connection c) throws SQLException;

    /** Ends what {@link #beginRead} started. */
    void endRead(Connection c) throws SQLException;

    /** Physical checks of the database files, as human-readable problems. */
    List<String> physicalProblems(Connection c) throws SQLException;
}
