package dev.harrier.store.sql;

import dev.harrier.core.StixObject;
import dev.harrier.core.Tlp;
import dev.harrier.store.RelationshipRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes a {@link FlushPlan} inside the session's transaction, with one batched statement per kind of change.
 *
 * <p>The order keeps "at most one latest row per id" true after every statement: old latest rows are demoted first,
 * then replaced rows and new rows are written with their final latest flag, then the relationship and alias rows of
 * every id whose latest version changed are deleted and inserted again. The JSON text and hash of the rows are
 * computed first, in parallel.
 */
final class PlanWriter {
    private static final String INSERT_OBJECT = "INSERT INTO stix_object (id, modified_key, type, spec_version, name,"
            + " revoked, deprecated, custom, latest, tlp_rank, json, original, source_name, content_hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String REPLACE_OBJECT = "UPDATE stix_object SET type = ?, spec_version = ?, name = ?,"
            + " revoked = ?, deprecated = ?, custom = ?, latest = ?, tlp_rank = ?, json = ?, original = ?,"
            + " source_name = ?, content_hash = ? WHERE id = ? AND modified_key = ?";

    private final Dialect dialect;
    private final Connection c;

    PlanWriter(Dialect dialect, Connection c) {
        this.dialect = dialect;
        this.c = c;
    }

    /** Writes {@code plan}: demotions, replacements, insertions, then the index rows of changed latest versions. */
    void write(FlushPlan plan) throws SQLException {
        List<FlushPlan.Write> replacements = plan.replacements();
        List<FlushPlan.Write> insertions = plan.insertions();
        Stream.concat(replacements.stream(), insertions.stream())
                .parallel()
                .forEach(w -> w.object().prepare());
        List<FlushPlan.Demotion> demotions = plan.demotions();
        if (!demotions.isEmpty()) {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE stix_object SET latest = FALSE WHERE id = ? AND modified_key = ?")) {
                for (FlushPlan.Demotion d : demotions) {
                    ps.setString(1, d.id());
                    ps.setString(2, d.key());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!replacements.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(REPLACE_OBJECT)) {
                for (FlushPlan.Write w : replacements) {
                    bindColumns(ps, 1, w);
                    ps.setString(13, w.object().id());
                    ps.setString(14, w.object().key());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!insertions.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_OBJECT)) {
                for (FlushPlan.Write w : insertions) {
                    ps.setString(1, w.object().id());
                    ps.setString(2, w.object().key());
                    bindColumns(ps, 3, w);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        reindex(plan.reindexes());
    }

    /** Binds type .. content_hash (12 columns) starting at {@code first}. */
    private static void bindColumns(PreparedStatement ps, int first, FlushPlan.Write w) throws SQLException {
        Incoming in = w.object();
        StixObject o = in.object();
        int i = first;
        ps.setString(i++, o.type());
        ps.setString(i++, o.specVersion());
        ps.setString(i++, o.name().map(PlanWriter::withoutNul).orElse(null));
        ps.setBoolean(i++, o.revoked());
        ps.setBoolean(i++, o.deprecated());
        ps.setBoolean(i++, o.custom());
        ps.setBoolean(i++, w.latest());
        ps.setInt(i++, Tlp.highestOf(o).map(Enum::ordinal).orElse(-1));
        ps.setString(i++, in.json());
        ps.setString(i++, in.original());
        ps.setString(i++, in.sourceName());
        ps.setString(i, in.storedHash());
    }

    private void reindex(List<FlushPlan.Reindex> reindexes) throws SQLException {
        if (reindexes.isEmpty()) {
            return;
        }
        List<String> indexed = new ArrayList<>();
        for (FlushPlan.Reindex r : reindexes) {
            if (r.indexed()) {
                indexed.add(r.latest().id());
            }
        }
        if (!indexed.isEmpty()) {
            for (String sql : List.of(
                    "DELETE FROM object_alias WHERE " + dialect.anyOf("object_id"),
                    "DELETE FROM relationship WHERE " + dialect.anyOf("id"))) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    dialect.bindList(ps, 1, indexed);
                    ps.executeUpdate();
                }
            }
        }
        try (PreparedStatement aliases = c.prepareStatement(
                        "INSERT INTO object_alias (object_id, norm, type, alias, source_name) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement relationships = c.prepareStatement("INSERT INTO relationship"
                        + " (id, relationship_type, source_ref, target_ref, revoked, deprecated)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            int aliasRows = 0;
            int relationshipRows = 0;
            for (FlushPlan.Reindex r : reindexes) {
                StixObject o = r.latest().object();
                for (IndexRows.AliasRow a : IndexRows.aliases(o, r.latest().sourceName())) {
                    aliases.setString(1, a.objectId());
                    aliases.setString(2, a.norm());
                    aliases.setString(3, a.type());
                    aliases.setString(4, withoutNul(a.alias()));
                    aliases.setString(5, a.sourceName());
                    aliases.addBatch();
                    aliasRows++;
                }
                Optional<RelationshipRow> rel = IndexRows.relationship(o);
                if (rel.isPresent()) {
                    relationships.setString(1, rel.get().id());
                    relationships.setString(2, rel.get().relationshipType());
                    relationships.setString(3, rel.get().sourceRef());
                    relationships.setString(4, rel.get().targetRef());
                    relationships.setBoolean(5, o.revoked());
                    relationships.setBoolean(6, o.deprecated());
                    relationships.addBatch();
                    relationshipRows++;
                }
            }
            if (aliasRows > 0) {
                aliases.executeBatch();
            }
            if (relationshipRows > 0) {
                relationships.executeBatch();
            }
        }
    }

    /**
     * {@code s} without NUL characters, which PostgreSQL text cannot hold; for the display columns only (the JSON
     * column escapes them).
     */
    private static String withoutNul(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }
}
