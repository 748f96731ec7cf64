package dev.harrier.store.sql;

import dev.harrier.core.StixObject;
import dev.harrier.store.RelationshipRow;
import dev.harrier.store.SightingQuery;
import dev.harrier.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The logical consistency checks of a case store, run in one read snapshot.
 *
 * <ul>
 *   <li>every id has exactly one latest version, and it is the newest one;
 *   <li>every row's key, type, flags and content hash (where one is kept) agree with its JSON;
 *   <li>the relationship and alias tables hold exactly the rows that the latest versions call for (compared as
 *       order-independent digests of all rows, plus a listing of rows that belong to no latest object);
 *   <li>every {@code sighting_technique} row belongs to a stored sighting, the table holds exactly the rows the
 *       sightings' {@code techniques} call for (as a digest), and each sighting's {@code level_rank} and {@code
 *       observed} key agree with its level and time.
 * </ul>
 */
final class IntegrityCheck {
    /** Problems reported per check before "and more". */
    private static final int MAX_REPORTED = 20;

    private final Connection c;
    private final List<String> problems = new ArrayList<>();

    IntegrityCheck(Connection c) {
        this.c = c;
    }

    /** Runs every check; returns the problems found, empty when sound. */
    List<String> run() throws SQLException {
        list(
                "SELECT id, SUM(CASE WHEN latest = TRUE THEN 1 ELSE 0 END) FROM stix_object GROUP BY id"
                        + " HAVING SUM(CASE WHEN latest = TRUE THEN 1 ELSE 0 END) <> 1 ORDER BY id",
                rs -> "object " + rs.getString(1) + " has " + rs.getLong(2) + " latest versions, not 1");
        list(
                "SELECT o.id FROM stix_object o WHERE o.latest = TRUE AND EXISTS (SELECT 1 FROM stix_object p"
                        + " WHERE p.id = o.id AND p.modified_key > o.modified_key) ORDER BY o.id",
                rs -> "object " + rs.getString(1) + ": the latest version is not the newest");
        list(
                "SELECT DISTINCT a.object_id FROM object_alias a LEFT JOIN stix_object o ON o.id = a.object_id"
                        + " AND o.latest = TRUE WHERE o.id IS NULL ORDER BY a.object_id",
                rs -> "alias rows for " + rs.getString(1) + ", which has no latest version");
        list(
                "SELECT r.id FROM relationship r LEFT JOIN stix_object o ON o.id = r.id AND o.latest = TRUE"
                        + " WHERE o.id IS NULL ORDER BY r.id",
                rs -> "relationship row " + rs.getString(1) + " has no latest version");
        compareWithJson();
        checkSightings();
        return problems;
    }

    private void compareWithJson() throws SQLException {
        Digest expectedAliases = new Digest();
        Digest expectedRelationships = new Digest();
        int[] reported = {0};
        stream(
                "SELECT id, modified_key, type, revoked, deprecated, latest, content_hash, json, source_name"
                        + " FROM stix_object",
                rs -> {
                    String id = rs.getString(1);
                    StixObject o = StixObject.parse(rs.getString(8));
                    List<String> wrong = new ArrayList<>();
                    if (!o.id().equals(id)) {
                        wrong.add("id");
                    }
                    if (!VersionKey.of(o).equals(rs.getString(2))) {
                        wrong.add("modified_key");
                    }
                    if (!o.type().equals(rs.getString(3))) {
                        wrong.add("type");
                    }
                    if (o.revoked() != rs.getBoolean(4) || o.deprecated() != rs.getBoolean(5)) {
                        wrong.add("flags");
                    }
                    String hash = rs.getString(7);
                    if (hash != null
                            ? !ContentHash.of(o).equals(hash)
                            : VersionKey.UNVERSIONED.equals(rs.getString(2))) {
                        wrong.add("content_hash");
                    }
                    if (!wrong.isEmpty() && reported[0]++ < MAX_REPORTED) {
                        problems.add("object " + id + " version " + rs.getString(2) + ": " + String.join(", ", wrong)
                                + " disagree with the stored JSON");
                    }
                    if (rs.getBoolean(6)) {
                        for (IndexRows.AliasRow a : IndexRows.aliases(o, rs.getString(9))) {
                            expectedAliases.add(a.objectId(), a.norm(), a.type(), a.alias(), a.sourceName());
                        }
                        Optional<RelationshipRow> r = IndexRows.relationship(o);
                        if (r.isPresent()) {
                            expectedRelationships.add(relationshipFields(r.get(), o.revoked(), o.deprecated()));
                        }
                    }
                });
        if (reported[0] > MAX_REPORTED) {
            problems.add("... and " + (reported[0] - MAX_REPORTED) + " more objects that disagree with their JSON");
        }
        Digest aliases = new Digest();
        stream(
                "SELECT object_id, norm, type, alias, source_name FROM object_alias",
                rs -> aliases.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        if (!aliases.sameAs(expectedAliases)) {
            problems.add("the alias table does not match the latest objects (" + aliases.count + " rows, "
                    + expectedAliases.count + " expected)");
        }
        Digest relationships = new Digest();
        stream(
                "SELECT id, relationship_type, source_ref, target_ref, revoked, deprecated FROM relationship",
                rs -> relationships.add(relationshipFields(
                        new RelationshipRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), true),
                        rs.getBoolean(5),
                        rs.getBoolean(6))));
        if (!relationships.sameAs(expectedRelationships)) {
            problems.add("the relationship table does not match the latest objects (" + relationships.count + " rows, "
                    + expectedRelationships.count + " expected)");
        }
    }

    private void checkSightings() throws SQLException {
        list(
                "SELECT DISTINCT t.sighting_id FROM sighting_technique t LEFT JOIN sighting s ON s.id = t.sighting_id"
                        + " WHERE s.id IS NULL ORDER BY t.sighting_id",
                rs -> "technique rows for sighting " + rs.getString(1) + ", which is not stored");
        Digest expected = new Digest();
        int[] reported = {0};
        stream("SELECT id, level, level_rank, observed, techniques FROM sighting", rs -> {
            String id = rs.getString(1);
            List<String> wrong = new ArrayList<>();
            if (rs.getInt(3) != SightingQuery.levelRank(rs.getString(2))) {
                wrong.add("level_rank");
            }
            String observed = rs.getString(4);
            if (observed != null && !isObservedKey(observed)) {
                wrong.add("observed");
            }
            try {
                for (String t : SightingWriter.techniqueRows(SightingReader.techniques(rs.getString(5)))) {
                    expected.add(id, t);
                }
            } catch (StoreException e) {
                wrong.add("techniques");
            }
            if (!wrong.isEmpty() && reported[0]++ < MAX_REPORTED) {
                problems.add("sighting " + id + ": " + String.join(", ", wrong) + " malformed or inconsistent");
            }
        });
        if (reported[0] > MAX_REPORTED) {
            problems.add("... and " + (reported[0] - MAX_REPORTED) + " more sightings like the above");
        }
        Digest techniques = new Digest();
        stream(
                "SELECT sighting_id, technique FROM sighting_technique",
                rs -> techniques.add(rs.getString(1), rs.getString(2)));
        if (!techniques.sameAs(expected)) {
            problems.add("the sighting_technique table does not match the sightings (" + techniques.count + " rows, "
                    + expected.count + " expected)");
        }
    }

    private static boolean isObservedKey(String key) {
        try {
            return ObservedKey.of(ObservedKey.parse(key)).equals(key);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String[] relationshipFields(RelationshipRow r, boolean revoked, boolean deprecated) {
        return new String[] {
            r.id(),
            r.relationshipType(),
            r.sourceRef(),
            r.targetRef(),
            String.valueOf(revoked),
            String.valueOf(deprecated)
        };
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private void list(String sql, RowReader<String> describe) throws SQLException {
        int[] n = {0};
        stream(sql, rs -> {
            if (n[0]++ < MAX_REPORTED) {
                problems.add(describe.read(rs));
            }
        });
        if (n[0] > MAX_REPORTED) {
            problems.add("... and " + (n[0] - MAX_REPORTED) + " more like the above");
        }
    }

    private void stream(String sql, RowConsumer each) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(JdbcStore.FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(rs);
                }
            }
        }
    }

    /** An order-independent digest of a multiset of rows: their count and the sum of their 64-bit hashes. */
    private static final class Digest {
        long count;
        long sum;

        void add(String... fields) {
            long h = 0xcbf29ce484222325L;
            for (String f : fields) {
                for (byte b : f.getBytes(StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xff)) * 0x100000001b3L;
                }
                h = (h ^ 0x1f) * 0x100000001b3L;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            count++;
            sum += h;
        }

        boolean sameAs(Digest other) {
            return other.count == count && other.sum == sum;
        }
    }
}
