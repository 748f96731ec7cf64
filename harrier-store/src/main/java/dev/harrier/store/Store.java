package dev.harrier.store;

import dev.harrier.core.StixObject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One case's persistent store of STIX objects with their versions, relationships and import history, and of the
 * detection {@linkplain Sighting sightings} found in the case's telemetry.
 *
 * <p>Implementations are thread-safe. Reads see only committed import sessions and committed {@link
 * #addSightings} calls. Objects marked revoked or deprecated are kept and flagged, never dropped; {@link
 * ObjectFilter} decides whether a read includes them.
 */
public interface Store extends AutoCloseable {

    /** Where this store lives, for messages: {@code sqlite:/path/harrier.db} or {@code postgresql://host/db}. */
    String describe();

    /**
     * Starts an import session: one transaction. Nothing it puts is visible to readers, or survives a crash, until
     * {@link ImportSession#commit()} returns.
     */
    ImportSession beginImport(ImportSource source);

    /** The latest version of an object. */
    Optional<StixObject> latest(String id);

    /** The latest versions of many objects (missing ids are left out), in no particular order. */
    List<StixObject> latest(Collection<String> ids);

    /** Every stored version of an object, oldest first. */
    List<StoredVersion> versions(String id);

    /**
     * Streams the latest version of every object that passes the filter, in id order, without holding them all in
     * memory.
     */
    void forEachLatest(ObjectFilter filter, Consumer<StixObject> action);

    /** Counts latest versions by type. */
    Map<String, Long> countByType(ObjectFilter filter);

    /** Relationships (latest versions) that match the query. */
    List<RelationshipRow> relationships(RelationshipQuery query);

    /** Counts relationships (latest versions, active ones unless the filter says otherwise) by relationship type. */
    Map<String, Long> countRelationshipsByType(ObjectFilter filter);

    /**
     * Latest objects that have a name, alias or ATT&amp;CK id whose {@linkplain Aliases#normalize normal form} is
     * {@code normalizedAlias}; inactive objects included (callers filter).
     */
    List<AliasHit> findByAlias(String normalizedAlias);

    /** Past imports, newest first. */
    List<ImportRecord> imports();

    /** Whether a completed import of exactly this content (by SHA-256) exists. */
    boolean hasImported(String sha256);

    /**
     * Stores sightings in one transaction: either all of them are stored or, when this throws, none. A sighting whose
     * {@link Sighting#id() id} is already stored (or came earlier in the same collection) is ignored, so re-running
     * a detection over the same events adds nothing. Like an import session, this waits for a running import (or
     * another {@code addSightings}) to finish.
     *
     * <p>{@code id}, {@code kind}, {@code ruleId}, {@code ruleTitle} and {@code eventSource} must not be null; text
     * components other than {@code fields} must not contain NUL characters; {@code observed}, when set, must lie in
     * the years 0000 to 9999.
     *
     * @return how many sightings were newly stored; 0 for an empty collection, which starts no transaction
     * @throws IllegalArgumentException when a sighting breaks the rules above (nothing is stored)
     * @throws StoreException when the database fails (nothing is stored)
     */
    int addSightings(Collection<Sighting> sightings);

    /**
     * Streams the stored sightings that match {@code query}, without holding them all in memory, ordered by {@code
     * observed} (sightings without a time last), then {@code eventSource}, {@code eventLine} and {@code id}; at most
     * {@link SightingQuery#limit()} of them when it is set.
     */
    void forEachSighting(SightingQuery query, Consumer<Sighting> action);

    /** Counts the stored sightings that match {@code query} (its limit ignored). */
    long countSightings(SightingQuery query);

    /** Counts the stored sightings that match {@code query} (its limit ignored) by rule id, in rule id order. */
    Map<String, Long> countSightingsByRule(SightingQuery query);

    /** Checks the store's internal consistency; returns human-readable problems, empty when sound. */
    List<String> checkIntegrity();

    @Override
    void close();
}
