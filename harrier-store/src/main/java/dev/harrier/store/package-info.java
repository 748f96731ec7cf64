/**
 * The case store: where one investigation keeps its STIX objects, every version of them, and the record of what
 * was imported from where.
 *
 * <p>{@link dev.harrier.store.Store} is the API; implementations (SQLite for the embedded default, PostgreSQL for a
 * team server) live in {@code harrier-store-sql} and are opened through {@code dev.harrier.store.sql.SqlStores}.
 * Every write of objects happens inside an {@link dev.harrier.store.ImportSession}, one database transaction: either
 * the whole session lands or nothing does, so a crash or a syntax error half-way through a file leaves the store as it
 * was.
 *
 * <pre>{@code
 * try (Store store = SqlStores.open(caseDir);
 *      ImportSession s = store.beginImport(new ImportSource("apt.json", "stix_bundle", sha256))) {
 *     s.put(IncomingObject.stix(object, "apt.json"));
 *     ImportCounts counts = s.commit();
 * }
 * store.latest("intrusion-set--899ce53f-...");   // newest version
 * store.countByType(ObjectFilter.ACTIVE);          // {intrusion-set=172, ...}
 * }</pre>
 *
 * <p>Versioning follows STIX: an object is identified by {@code id}, a version by {@code id} + {@code modified}.
 * Storing a version that already exists changes nothing; an older version is kept but does not become the latest.
 * Objects Harrier derives from non-STIX sources (MISP, IOC lists) are {@linkplain IncomingObject#derived() derived}:
 * for them "unchanged" means "same content", whatever the timestamps.
 *
 * <p>The store also keeps the case's detection hits: {@link dev.harrier.store.Sighting}s, added in one transaction
 * per {@link dev.harrier.store.Store#addSightings} call and read back with a {@link dev.harrier.store.SightingQuery}
 * (rule, ATT&amp;CK technique, host, kind, time window, minimum level). A sighting's id is derived from what was hit
 * where, so storing the hits of a re-run again adds nothing.
 */
@NullMarked
package dev.harrier.store;

import org.jspecify.annotations.NullMarked;
