package dev.harrier.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.harrier.core.Json;
import dev.harrier.store.Sighting;
import dev.harrier.store.SightingQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Adds sightings inside a write transaction that the caller owns (auto-commit off, the import lock taken), so that a
 * failure anywhere leaves nothing behind once the caller rolls back.
 *
 * <p>Sightings are checked and converted to rows as they come, {@value #BATCH} at a time; per batch one query finds
 * the ids already stored, and the new sightings and their {@code sighting_technique} rows are inserted with batched
 * statements. Only new sightings get technique rows, so a sighting stored again (with the same id) changes nothing.
 * The inserts say {@code ON CONFLICT DO NOTHING} as well, which SQLite (3.24 and later) and PostgreSQL both read.
 */
final class SightingWriter {
    /** Sightings per round of statements. */
    static final int BATCH = 500;

    private static final String INSERT_SIGHTING = "INSERT INTO sighting (id, kind, rule_id, rule_title, level,"
            + " level_rank, author, observed, host, event_source, event_line, fields, techniques)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    private static final String INSERT_TECHNIQUE = "INSERT INTO sighting_technique (sighting_id, technique)"
            + " VALUES (?, ?) ON CONFLICT (sighting_id, technique) DO NOTHING";

    private final Dialect dialect;
    private final Connection c;
    /** Ids met so far in this call: a sighting repeated in the collection is stored once. */
    private final Set<String> seen = new HashSet<>();

    SightingWriter(Dialect dialect, Connection c) {
        this.dialect = dialect;
        this.c = c;
    }

    /**
     * Writes the sightings that are not stored yet; returns how many. Throws {@link IllegalArgumentException} for an
     * invalid sighting, possibly after earlier batches were written (the caller rolls back).
     */
    int write(Iterable<Sighting> sightings) throws SQLException {
        int added = 0;
        List<Row> batch = new ArrayList<>(BATCH);
        int position = 0;
        for (Sighting s : sightings) {
            Row row = Row.of(s, position++);
            if (seen.add(row.sighting().id())) {
                batch.add(row);
            }
            if (batch.size() == BATCH) {
                added += flush(batch);
                batch.clear();
            }
        }
        return added + flush(batch);
    }

    /** The technique rows of a sighting: its ids upper-case, each once. */
    static Set<String> techniqueRows(List<String> techniques) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : techniques) {
            out.add(t.toUpperCase(Locale.ROOT));
        }
        return out;
    }

    private int flush(List<Row> batch) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        Set<String> stored = storedIds(batch);
        int added = 0;
        int techniques = 0;
        try (PreparedStatement sighting = c.prepareStatement(INSERT_SIGHTING);
                PreparedStatement technique = c.prepareStatement(INSERT_TECHNIQUE)) {
            for (Row row : batch) {
                Sighting s = row.sighting();
                if (stored.contains(s.id())) {
                    continue;
                }
                int i = 1;
                sighting.setString(i++, s.id());
                sighting.setString(i++, s.kind());
                sighting.setString(i++, s.ruleId());
                sighting.setString(i++, s.ruleTitle());
                sighting.setString(i++, s.level());
                sighting.setInt(i++, SightingQuery.levelRank(s.level()));
                sighting.setString(i++, s.author());
                if (row.observedKey() == null) {
                    sighting.setNull(i++, Types.VARCHAR);
                } else {
                    sighting.setString(i++, row.observedKey());
                }
                sighting.setString(i++, s.host());
                sighting.setString(i++, s.eventSource());
                sighting.setLong(i++, s.eventLine());
                sighting.setString(i++, row.fieldsJson());
                sighting.setString(i, row.techniquesJson());
                sighting.addBatch();
                added++;
                for (String t : techniqueRows(s.techniques())) {
                    technique.setString(1, s.id());
                    technique.setString(2, t);
                    technique.addBatch();
                    techniques++;
                }
            }
            if (added > 0) {
                sighting.executeBatch();
            }
            if (techniques > 0) {
                technique.executeBatch();
            }
        }
        return added;
    }

    private Set<String> storedIds(List<Row> batch) throws SQLException {
        List<String> ids = new ArrayList<>(batch.size());
        for (Row row : batch) {
            ids.add(row.sighting().id());
        }
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM sighting WHERE " + dialect.anyOf("id"))) {
            dialect.bindList(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** A checked sighting with its stored forms of {@code observed}, {@code fields} and {@code techniques}. */
    private record Row(Sighting sighting, @Nullable String observedKey, String fieldsJson, String techniquesJson) {

        /**
         * Checks the {@code position}-th sighting of the call (components declared non-null may still be null at run
         * time) and converts it.
         */
        static Row of(@Nullable Sighting s, int position) {
            if (s == null) {
                throw new IllegalArgumentException("sighting " + position + " is null");
            }
            String where = "sighting " + position + " (" + s.id() + ")";
            required(where, "id", s.id());
            required(where, "kind", s.kind());
            required(where, "ruleId", s.ruleId());
            required(where, "ruleTitle", s.ruleTitle());
            required(where, "eventSource", s.eventSource());
            noNul(where, "level", s.level());
            noNul(where, "author", s.author());
            noNul(where, "host", s.host());
            for (String t : s.techniques()) {
                noNul(where, "techniques", t);
            }
            String observed;
            try {
                observed = s.observed() == null ? null : ObservedKey.of(s.observed());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": observed is " + e.getMessage(), e);
            }
            try {
                return new Row(
                        s,
                        observed,
                        Json.mapper().writeValueAsString(s.fields()),
                        Json.mapper().writeValueAsString(s.techniques()));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": fields cannot be written as JSON: " + e.getMessage(), e);
            }
        }

        private static void required(String where, String component, @Nullable String value) {
            if (value == null) {
                throw new IllegalArgumentException(where + ": " + component + " is null");
            }
            noNul(where, component, value);
        }

        /** PostgreSQL text cannot hold NUL; refused on SQLite too, so that both stores take the same sightings. */
        private static void noNul(String where, String component, @Nullable String value) {
            if (value != null && value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(where + ": " + component + " contains a NUL character");
            }
        }
    }
}
