/**
 * The SQL case store: the {@link dev.harrier.store.Store} API on SQLite (the embedded default, one file per case) and
 * on PostgreSQL (a team server, one schema per case), with the same schema, SQL and versioning rules on both.
 *
 * <p>{@link dev.harrier.store.sql.SqlStores} is the only public type: it reads a location ({@code PostgresLocation}
 * for PostgreSQL URLs), opens the connection pools and applies the Flyway migrations in {@code db/migration/sqlite}
 * or {@code db/migration/postgresql}. The rest fit together like this:
 *
 * <ul>
 *   <li>{@code JdbcStore} implements the reads in plain SQL; a {@code Dialect} ({@code SqliteDialect}, {@code
 *       PostgresDialect}) holds what differs: pools and pragmas, list parameters, write locking, streaming reads.
 *       On SQLite a {@code WalCheckpointer} moves committed pages from the write-ahead log into the database file in
 *       the background.
 *   <li>{@code JdbcImportSession} is one transaction: it buffers puts as {@code Incoming} objects (with their {@code
 *       VersionKey} and {@code ContentHash}), and per batch loads the stored versions of the batch's ids with one
 *       query, lets a {@code FlushPlan} apply the STIX versioning rules, and writes rows and {@code IndexRows}
 *       (relationships, aliases of latest versions) with batched statements.
 *   <li>Sightings live in tables {@code sighting} and {@code sighting_technique}: a {@code SightingWriter} adds them
 *       in one transaction locked like an import session (ids already stored are skipped), a {@code SightingReader}
 *       turns a {@code SightingQuery} into SQL, and {@code ObservedKey} stores times as fixed-width text that sorts
 *       like the instant.
 *   <li>{@code IntegrityCheck} verifies that the tables agree with each other and with the stored JSON.
 * </ul>
 *
 * <pre>{@code
 * try (Store store = SqlStores.open(Path.of("cases/velvet"))) {   // cases/velvet/harrier.db
 *     try (ImportSession s = store.beginImport(new ImportSource(file, "stix-2.1", sha256))) {
 *         objects.forEach(o -> s.put(IncomingObject.stix(o, "MITRE ATT&CK")));
 *         s.commit();
 *     }
 * }
 * SqlStores.open("postgresql://harrier:secret@db:5432/intel?schema=velvet");
 * SqlStores.redact("postgresql://harrier:secret@db/intel");   // postgresql://harrier:***@db/intel
 * }</pre>
 *
 * <p>Objects are versioned by {@code (id, modified)}; the modified timestamp is stored as a fixed-width {@code
 * modified_key}, so that {@code ...00Z} and {@code ...00.000Z} are the same version. SCOs and marking definitions,
 * which have no {@code modified}, share one fixed key: putting one again is "unchanged" when its JSON is equal, and
 * replaces the stored row (counted as "updated") when it differs. A derived object is "unchanged" when its content
 * apart from {@code created}/{@code modified} equals the latest version's; {@code FlushPlan} has the full rules.
 */
@NullMarked
package dev.harrier.store.sql;

import org.jspecify.annotations.NullMarked;
