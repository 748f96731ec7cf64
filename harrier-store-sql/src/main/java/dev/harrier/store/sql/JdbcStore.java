package dev.harrier.store.sql;

import dev.harrier.core.StixObject;
import dev.harrier.store.AliasHit;
import dev.harrier.store.ImportRecord;
import dev.harrier.store.ImportSession;
import dev.harrier.store.ImportSource;
import dev.harrier.store.ObjectFilter;
import dev.harrier.store.RelationshipQuery;
import dev.harrier.store.RelationshipRow;
import dev.harrier.store.Sighting;
import dev.harrier.store.SightingQuery;
import dev.harrier.store.Store;
import dev.harrier.store.StoreException;
import dev.harrier.store.StoredVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The case store over JDBC: the same SQL on SQLite and PostgreSQL, with the differences in a {@link Dialect}.
 *
 * <p>Table {@code stix_object} holds every version of every object (full JSON, the original text of converted
 * objects, and the columns reads filter on), with exactly one row per id flagged {@code latest}. Tables {@code
 * relationship} and {@code object_alias} index the latest versions only and are rewritten whenever the latest
 * version of an object changes; {@code import_run} is the import history. Objects are written only in a {@link
 * JdbcImportSession}.
 *
 * <p>Table {@code sighting} holds detection hits, with {@code sighting_technique} listing the ATT&amp;CK ids of each
 * for the technique filter. {@link #addSightings} writes them in one transaction on the writer, locked like an import
 * session ({@link Dialect#beginImport}), through a {@link SightingWriter}; a {@link SightingReader} turns a {@link
 * SightingQuery} into SQL.
 *
 * <p>{@link #countRelationshipsByType(ObjectFilter)} reads the filter's {@code types} as relationship types.
 */
final class JdbcStore implements Store {
    /** Rows fetched per round trip when streaming. */
    static final int FETCH_SIZE = 500;

    private final Dialect dialect;
    private final String description;
    private final DataSource writer;
    private final DataSource reader;
    private final Runnable afterCommit;
    private final List<? extends AutoCloseable> resources;

    /**
     * A store that writes through {@code writer}, reads through {@code reader}, runs {@code afterCommit} after each
     * committed session, and closes {@code resources} in order when closed.
     */
    JdbcStore(
            Dialect dialect,
            String description,
            DataSource writer,
            DataSource reader,
            Runnable afterCommit,
            List<? extends AutoCloseable> resources) {
        this.dialect = dialect;
        this.description = description;
        this.writer = writer;
        this.reader = reader;
        this.afterCommit = afterCommit;
        this.resources = List.copyOf(resources);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public ImportSession beginImport(ImportSource source) {
        Connection c = null;
        try {
            c = writer.getConnection();
            c.setAutoCommit(false);
            dialect.beginImport(c);
            return new JdbcImportSession(dialect, description, c, source, afterCommit);
        } catch (SQLException e) {
            if (c != null) {
                JdbcImportSession.release(c);
            }
            throw failure("starting an import into", e);
        }
    }

    @Override
    public Optional<StixObject> latest(String id) {
        return read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT json FROM stix_object WHERE id = ? AND latest = TRUE")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(StixObject.parse(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StixObject> latest(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>(ids);
        return read(c -> {
            List<StixObject> out = new ArrayList<>(distinct.size());
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT json FROM stix_object WHERE latest = TRUE AND " + dialect.anyOf("id"))) {
                dialect.bindList(ps, 1, distinct);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(StixObject.parse(rs.getString(1)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<StoredVersion> versions(String id) {
        return read(c -> {
            List<StoredVersion> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT json, original, latest, source_name"
                    + " FROM stix_object WHERE id = ? ORDER BY modified_key")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredVersion(
                                StixObject.parse(rs.getString(1)), rs.getString(2), rs.getBoolean(3), rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void forEachLatest(ObjectFilter filter, Consumer<StixObject> action) {
        read(c -> {
            dialect.beginRead(c);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT json FROM stix_object WHERE latest = TRUE" + objectConditions(filter) + " ORDER BY id")) {
                ps.setFetchSize(FETCH_SIZE);
                bindObjectConditions(ps, filter);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        action.accept(StixObject.parse(rs.getString(1)));
                    }
                }
            } finally {
                dialect.endRead(c);
            }
            return null;
        });
    }

    @Override
    public Map<String, Long> countByType(ObjectFilter filter) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT type, COUNT(*) FROM stix_object WHERE latest = TRUE"
                    + objectConditions(filter) + " GROUP BY type")) {
                bindObjectConditions(ps, filter);
                return countsOf(ps);
            }
        });
    }

    @Override
    public List<RelationshipRow> relationships(RelationshipQuery query) {
        StringBuilder sql =
                new StringBuilder("SELECT id, relationship_type, source_ref, target_ref, revoked, deprecated"
                        + " FROM relationship WHERE 1 = 1");
        List<Set<String>> lists = new ArrayList<>();
        appendList(sql, lists, "source_ref", query.sourceRefs());
        appendList(sql, lists, "target_ref", query.targetRefs());
        appendList(sql, lists, "relationship_type", query.relationshipTypes());
        if (!query.includeInactive()) {
            sql.append(" AND revoked = FALSE AND deprecated = FALSE");
        }
        sql.append(" ORDER BY id");
        return read(c -> {
            List<RelationshipRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < lists.size(); i++) {
                    dialect.bindList(ps, i + 1, lists.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RelationshipRow(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                !rs.getBoolean(5) && !rs.getBoolean(6)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Map<String, Long> countRelationshipsByType(ObjectFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT relationship_type, COUNT(*) FROM relationship WHERE 1 = 1");
        List<Set<String>> lists = new ArrayList<>();
        appendList(sql, lists, "relationship_type", filter.types());
        sql.append(flagConditions(filter)).append(" GROUP BY relationship_type");
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < lists.size(); i++) {
                    dialect.bindList(ps, i + 1, lists.get(i));
                }
                return countsOf(ps);
            }
        });
    }

    @Override
    public List<AliasHit> findByAlias(String normalizedAlias) {
        return read(c -> {
            List<AliasHit> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT object_id, type, alias, source_name"
                    + " FROM object_alias WHERE norm = ? ORDER BY object_id")) {
                ps.setString(1, normalizedAlias);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AliasHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<ImportRecord> imports() {
        return read(c -> {
            List<ImportRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT source_name, format, sha256, finished_at,"
                            + " added, updated, unchanged FROM import_run ORDER BY run_id DESC");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ImportRecord(
                            new ImportSource(rs.getString(1), rs.getString(2), rs.getString(3)),
                            Instant.parse(rs.getString(4)),
                            rs.getInt(5),
                            rs.getInt(6),
                            rs.getInt(7)));
                }
            }
            return out;
        });
    }

    @Override
    public boolean hasImported(String sha256) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM import_run WHERE sha256 = ? LIMIT 1")) {
                ps.setString(1, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public int addSightings(Collection<Sighting> sightings) {
        if (sightings.isEmpty()) {
            return 0;
        }
        return write("adding sightings to", c -> new SightingWriter(dialect, c).write(sightings));
    }

    @Override
    public void forEachSighting(SightingQuery query, Consumer<Sighting> action) {
        SightingReader sql = new SightingReader(query);
        read(c -> {
            dialect.beginRead(c);
            try {
                sql.forEach(c, action);
            } finally {
                dialect.endRead(c);
            }
            return null;
        });
    }

    @Override
    public long countSightings(SightingQuery query) {
        SightingReader sql = new SightingReader(query);
        return read(sql::count);
    }

    @Override
    public Map<String, Long> countSightingsByRule(SightingQuery query) {
        SightingReader sql = new SightingReader(query);
        return read(sql::countByRule);
    }

    @Override
    public List<String> checkIntegrity() {
        return read(c -> {
            List<String> problems = new ArrayList<>(dialect.physicalProblems(c));
            dialect.beginRead(c);
            try {
                problems.addAll(new IntegrityCheck(c).run());
            } finally {
                dialect.endRead(c);
            }
            return problems;
        });
    }

    @Override
    public void close() {
        StoreException failure = null;
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                failure = new StoreException("closing " + description + " failed: " + e.getMessage(), e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private <T> T read(SqlWork<T> work) {
        try (Connection c = reader.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure("reading", e);
        }
    }

    /**
     * Runs {@code work} in one transaction on the writer, after taking the lock import sessions take, and commits;
     * rolls back when it throws.
     */
    private <T> T write(String doing, SqlWork<T> work) {
        Connection c;
        try {
            c = writer.getConnection();
        } catch (SQLException e) {
            throw failure(doing, e);
        }
        boolean committed = false;
        T result;
        try {
            c.setAutoCommit(false);
            dialect.beginImport(c);
            result = work.run(c);
            c.commit();
            committed = true;
        } catch (SQLException e) {
            throw failure(doing, e);
        } finally {
            if (committed || rolledBack(c)) {
                JdbcImportSession.release(c);
            } else {
                discard(c);
            }
        }
        afterCommit.run();
        return result;
    }

    /** Rolls back after a failure; false when that failed too (the connection is probably broken). */
    private static boolean rolledBack(Connection c) {
        try {
            c.rollback();
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Gives back a connection whose transaction could not be rolled back, without switching it to auto-commit (which
     * would commit); the pool rolls it back or drops it, and the database drops the transaction with the connection.
     */
    private static void discard(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            // as above
        }
    }

    private StoreException failure(String doing, SQLException e) {
        return new StoreException(doing + " " + description + " failed: " + e.getMessage(), e);
    }

    private String objectConditions(ObjectFilter filter) {
        return (filter.types().isEmpty() ? "" : " AND " + dialect.anyOf("type")) + flagConditions(filter);
    }

    private void bindObjectConditions(PreparedStatement ps, ObjectFilter filter) throws SQLException {
        if (!filter.types().isEmpty()) {
            dialect.bindList(ps, 1, filter.types());
        }
    }

    private static String flagConditions(ObjectFilter filter) {
        return (filter.includeRevoked() ? "" : " AND revoked = FALSE")
                + (filter.includeDeprecated() ? "" : " AND deprecated = FALSE");
    }

    private void appendList(StringBuilder sql, List<Set<String>> lists, String column, Set<String> values) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(dialect.anyOf(column));
            lists.add(values);
        }
    }

    private static Map<String, Long> countsOf(PreparedStatement ps) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
