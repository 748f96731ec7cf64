package dev.harrier.store.sql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.Json;
import dev.harrier.core.StixObject;
import dev.harrier.store.ImportCounts;
import dev.harrier.store.ImportSession;
import dev.harrier.store.ImportSource;
import dev.harrier.store.IncomingObject;
import dev.harrier.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import session: a database transaction on a connection of its own, fed in batches.
 *
 * <p>Puts are buffered; every {@value #BATCH} of them (and before {@link #counts()} and {@link #commit()}) the batch
 * is flushed: one query reads the stored versions of the batch's ids (and, when a put is compared by content with a
 * latest version that has no stored hash, that version's JSON), a {@link FlushPlan} applies the versioning rules and
 * a {@link PlanWriter} writes the result with batched statements. Nothing is committed before {@link #commit()}, which also records
 * the import in {@code import_run}; on any database error the transaction is rolled back and the session is dead.
 */
final class JdbcImportSession implements ImportSession {
    /** Puts per flush. */
    static final int BATCH = 500;

    private enum State {
        OPEN,
        COMMITTED,
        ROLLED_BACK,
        FAILED
    }

    private static final Logger LOG = LoggerFactory.getLogger(JdbcImportSession.class);

    private final Dialect dialect;
    private final String storeName;
    private final Connection c;
    private final ImportSource source;
    private final Runnable afterCommit;
    private final Instant startedAt = Instant.now();
    private final List<Incoming> buffer = new ArrayList<>(BATCH);
    private final ImportCounts counts = ImportCounts.empty();
    private State state = State.OPEN;

    JdbcImportSession(Dialect dialect, String storeName, Connection c, ImportSource source, Runnable afterCommit) {
        this.dialect = dialect;
        this.storeName = storeName;
        this.c = c;
        this.source = source;
        this.afterCommit = afterCommit;
    }

    @Override
    public void put(IncomingObject object) {
        requireOpen();
        buffer.add(Incoming.of(object));
        if (buffer.size() >= BATCH) {
            flush();
        }
    }

    @Override
    public ImportCounts counts() {
        if (state == State.OPEN) {
            flush();
        }
        return copy(counts);
    }

    @Override
    public ImportCounts commit() {
        requireOpen();
        flush();
        try {
            recordImport();
            c.commit();
            state = State.COMMITTED;
        } catch (SQLException e) {
            throw fail("committing", e);
        } finally {
            if (state == State.COMMITTED) {
                release(c);
            }
        }
        afterCommit.run();
        return copy(counts);
    }

    @Override
    public void rollback() {
        if (state == State.COMMITTED) {
            throw new IllegalStateException("the import session was already committed");
        }
        if (state == State.OPEN) {
            state = State.ROLLED_BACK;
            try {
                c.rollback();
            } catch (SQLException e) {
                throw new StoreException("rolling back an import into " + storeName + " failed: " + e.getMessage(), e);
            } finally {
                release(c);
            }
        }
    }

    /**
     * Rolls back unless committed. A failed rollback (the connection is gone, e.g. the store was closed) is logged,
     * not thrown: the database drops the uncommitted transaction either way.
     */
    @Override
    public void close() {
        if (state == State.OPEN) {
            try {
                rollback();
            } catch (StoreException e) {
                LOG.warn("{}", e.getMessage());
            }
        }
    }

    /** Returns a connection to its pool in auto-commit mode, ignoring errors (the pool discards broken ones). */
    static void release(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            // a broken connection: the pool finds out and drops it
        }
        try {
            c.close();
        } catch (SQLException e) {
            // as above
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the import session is "
                    + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
    }

    private StoreException fail(String doing, SQLException e) {
        abandon(e);
        return new StoreException(doing + " an import into " + storeName + " failed: " + e.getMessage(), e);
    }

    /** Rolls back after {@code cause} and gives the connection back; the session is dead. */
    private void abandon(Exception cause) {
        state = State.FAILED;
        try {
            c.rollback();
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
        release(c);
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        try {
            FlushPlan plan = loadStoredVersions();
            List<FlushPlan.Outcome> outcomes = new ArrayList<>(buffer.size());
            for (Incoming in : buffer) {
                outcomes.add(plan.add(in));
            }
            new PlanWriter(dialect, c).write(plan);
            for (int i = 0; i < buffer.size(); i++) {
                count(outcomes.get(i), buffer.get(i).type());
            }
            buffer.clear();
        } catch (SQLException e) {
            throw fail("writing", e);
        } catch (RuntimeException e) {
            abandon(e);
            throw e;
        }
    }

    /** A stored row as the plan needs it. */
    private record StoredRow(
            String id, String key, boolean latest, @Nullable String hash) {}

    private FlushPlan loadStoredVersions() throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> comparedByContent = new HashSet<>();
        for (Incoming in : buffer) {
            ids.add(in.id());
            if (FlushPlan.needsStoredHash(in)) {
                comparedByContent.add(in.id());
            }
        }
        List<StoredRow> rows = new ArrayList<>();
        Set<String> missingHash = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, modified_key, latest, content_hash FROM stix_object" + " WHERE " + dialect.anyOf("id"))) {
            dialect.bindList(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredRow row = new StoredRow(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4));
                    rows.add(row);
                    if (row.latest() && row.hash() == null && comparedByContent.contains(row.id())) {
                        missingHash.add(row.id());
                    }
                }
            }
        }
        Map<String, String> computed = missingHash.isEmpty() ? Map.of() : latestHashes(missingHash);
        FlushPlan plan = new FlushPlan();
        for (StoredRow row : rows) {
            String hash = row.hash() != null || !row.latest() ? row.hash() : computed.get(row.id());
            plan.known(row.id(), row.key(), row.latest(), hash);
        }
        return plan;
    }

    /** The content hashes of the latest versions of {@code ids}, computed from their stored JSON. */
    private Map<String, String> latestHashes(Set<String> ids) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id, json FROM stix_object WHERE latest = TRUE AND " + dialect.anyOf("id"))) {
            dialect.bindList(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), ContentHash.of(StixObject.parse(rs.getString(2))));
                }
            }
        }
        return out;
    }

    private void recordImport() throws SQLException {
        ObjectNode byType = Json.mapper().createObjectNode();
        byType.putPOJO("added", counts.added());
        byType.putPOJO("updated", counts.updated());
        byType.putPOJO("unchanged", counts.unchanged());
        byType.putPOJO("older", counts.older());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO import_run (source_name, format, sha256,"
                + " started_at, finished_at, added, updated, unchanged, older, counts_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, source.name());
            ps.setString(2, source.format());
            ps.setString(3, source.sha256());
            ps.setString(4, startedAt.toString());
            ps.setString(5, Instant.now().toString());
            ps.setInt(6, counts.totalAdded());
            ps.setInt(7, counts.totalUpdated());
            ps.setInt(8, counts.totalUnchanged());
            ps.setInt(9, counts.totalOlder());
            ps.setString(10, Json.mapper().writeValueAsString(byType));
            ps.executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write counts as JSON", e);
        }
    }

    private void count(FlushPlan.Outcome outcome, String type) {
        Map<String, Integer> m = switch (outcome) {
            case ADDED -> counts.added();
            case UPDATED -> counts.updated();
            case UNCHANGED -> counts.unchanged();
            case OLDER -> counts.older();
        };
        m.merge(type, 1, Integer::sum);
    }

    private static ImportCounts copy(ImportCounts c) {
        return new ImportCounts(
                new TreeMap<>(c.added()),
                new TreeMap<>(c.updated()),
                new TreeMap<>(c.unchanged()),
                new TreeMap<>(c.older()));
    }
}
