package dev.harrier.store.sql;

import dev.harrier.store.Store;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/** Opens case stores: SQLite files for the embedded default, PostgreSQL databases for a team server. */
public final class SqlStores {
    /** The database file inside a case directory. */
    static final String DATABASE_FILE = "harrier.db";

    private SqlStores() {}

    /**
     * Opens the SQLite case in {@code caseDir} (database {@code caseDir/harrier.db}), creating the directory and the
     * database when needed.
     */
    public static Store open(Path caseDir) {
        return SqliteDialect.open(caseDir.resolve(DATABASE_FILE));
    }

    /**
     * Opens the case at {@code location}, one of
     *
     * <ul>
     *   <li>{@code postgresql://user:pass@host:port/db?schema=name} (also {@code postgres://}); with {@code schema}
     *       the case lives in that schema, created when missing;
     *   <li>{@code jdbc:postgresql://host:port/db?user=..&password=..&schema=..};
     *   <li>{@code sqlite:/path/to/file.db} (also {@code jdbc:sqlite:}), a SQLite database file;
     *   <li>any other text: a case directory, as {@link #open(Path)}.
     * </ul>
     *
     * @throws IllegalArgumentException when the location is malformed
     * @throws dev.harrier.store.StoreException when the database cannot be opened or migrated
     */
    public static Store open(String location) {
        if (PostgresLocation.matches(location)) {
            return PostgresDialect.open(PostgresLocation.parse(location));
        }
        String sqliteFile = sqliteFile(location);
        if (sqliteFile != null) {
            if (sqliteFile.isEmpty()) {
                throw new IllegalArgumentException("no file in SQLite location: " + location);
            }
            return SqliteDialect.open(Paths.get(sqliteFile));
        }
        return open(Paths.get(location));
    }

    /** {@code location} with any password masked ({@code ***}), for messages and logs. */
    public static String redact(String location) {
        return PostgresLocation.redact(location);
    }

    private static @org.jspecify.annotations.Nullable String sqliteFile(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"jdbc:sqlite:", "sqlite:"}) {
            if (l.startsWith(prefix)) {
                String file = location.substring(prefix.length());
                return file.startsWith("file:")
                        ? Paths.get(java.net.URI.create(file)).toString()
                        : file;
            }
        }
        return null;
    }
}
