package dev.harrier.store;

import dev.harrier.core.StixObject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One case's persistent store of STIX objects with their versions, relationships and import history.
 *
 * <p>Implementations are thread-safe. Reads see only committed import sessions. Objects marked revoked or deprecated
 * are kept and flagged, never dropped; {@link ObjectFilter} decides whether a read includes them.
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

    /** Checks the store's internal consistency; returns human-readable problems, empty when sound. */
    List<String> checkIntegrity();

    @Override
    void close();
}
