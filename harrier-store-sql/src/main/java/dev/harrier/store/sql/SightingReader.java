package dev.harrier.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.harrier.core.Json;
import dev.harrier.store.Sighting;
import dev.harrier.store.SightingQuery;
import dev.harrier.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads the sightings that one {@link SightingQuery} selects: the query becomes a {@code WHERE} clause with its
 * parameters once, and each method runs it on a connection the caller provides.
 *
 * <p>{@link #forEach} streams in two parts, both in the order of index {@code sighting_observed}, so that neither
 * database has to sort the whole table (a SQLite sort would be held in memory): first the sightings with a time, by
 * {@code (observed, event_source, event_line, id)}, then those without, by {@code (event_source, event_line, id)}.
 * That is {@code observed} with nulls last on both databases (SQLite sorts nulls first, PostgreSQL last).
 */
final class SightingReader {
    private static final String COLUMNS = "id, kind, rule_id, rule_title, level, author, techniques, observed, host,"
            + " event_source, event_line, fields";
    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {};

    private final SightingQuery query;
    private final StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    private final List<Object> parameters = new ArrayList<>();

    SightingReader(SightingQuery query) {
        this.query = query;
        if (query.ruleId() != null) {
            condition("rule_id = ?", query.ruleId());
        }
        if (query.technique() != null) {
            condition("id IN (SELECT sighting_id FROM sighting_technique WHERE technique = ?)", query.technique());
        }
        if (query.host() != null) {
            condition("host = ?", query.host());
        }
        if (query.kind() != null) {
            condition("kind = ?", query.kind());
        }
        Instant since = query.since();
        if (since != null) {
            if (since.isAfter(ObservedKey.MAX)) {
                where.append(" AND 1 = 0");
            } else {
                condition("observed >= ?", ObservedKey.of(since.isBefore(ObservedKey.MIN) ? ObservedKey.MIN : since));
            }
        }
        Instant until = query.until();
        if (until != null) {
            if (until.isAfter(ObservedKey.MAX)) {
                where.append(" AND observed IS NOT NULL");
            } else {
                condition("observed < ?", ObservedKey.of(until.isBefore(ObservedKey.MIN) ? ObservedKey.MIN : until));
            }
        }
        if (query.minLevel() != null) {
            condition("level_rank >= ?", SightingQuery.levelRank(query.minLevel()));
        }
    }

    /** Passes every selected sighting to {@code action}, in order; the caller provides a consistent snapshot. */
    void forEach(Connection c, Consumer<Sighting> action) throws SQLException {
        long remaining = query.limit() == 0 ? Long.MAX_VALUE : query.limit();
        remaining -= stream(
                c, " AND observed IS NOT NULL ORDER BY observed, event_source, event_line, id", remaining, action);
        boolean timeBound = query.since() != null || query.until() != null;
        if (remaining > 0 && !timeBound) {
            stream(c, " AND observed IS NULL ORDER BY event_source, event_line, id", remaining, action);
        }
    }

    /** How many sightings are selected. */
    long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sighting" + where)) {
            bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** How many sightings are selected, by rule id. */
    Map<String, Long> countByRule(Connection c) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT rule_id, COUNT(*) FROM sighting" + where + " GROUP BY rule_id")) {
            bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** The technique ids of a stored {@code techniques} column. */
    static List<String> techniques(String json) {
        try {
            return List.of(Json.mapper().readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored sighting has unreadable techniques: " + e.getMessage(), e);
        }
    }

    private void condition(String sql, Object parameter) {
        where.append(" AND ").append(sql);
        parameters.add(parameter);
    }

    private void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            ps.setObject(i + 1, parameters.get(i));
        }
    }

    /** Streams the selected sightings restricted by {@code tail} (a condition and the order); returns how many. */
    private long stream(Connection c, String tail, long max, Consumer<Sighting> action) throws SQLException {
        String limit = max == Long.MAX_VALUE ? "" : " LIMIT " + max;
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sighting" + where + tail + limit)) {
            ps.setFetchSize(JdbcStore.FETCH_SIZE);
            bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    action.accept(sighting(rs));
                    n++;
                }
            }
        }
        return n;
    }

    private static Sighting sighting(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        String observed = rs.getString(8);
        Map<String, String> fields;
        try {
            fields = Json.mapper().readValue(rs.getString(12), FIELDS);
        } catch (JsonProcessingException e) {
            throw new StoreException("sighting " + id + " has unreadable fields: " + e.getMessage(), e);
        }
        return new Sighting(
                id,
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                techniques(rs.getString(7)),
                observed == null ? null : ObservedKey.parse(observed),
                rs.getString(9),
                rs.getString(10),
                rs.getLong(11),
                fields);
    }
}
