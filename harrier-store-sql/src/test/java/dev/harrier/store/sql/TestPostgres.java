package dev.harrier.store.sql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL server the tests use, one per JVM: the server named by {@code HARRIER_TEST_PG_URL} (a location
 * {@link SqlStores#open(String)} accepts), else an embedded PostgreSQL started on first use.
 */
final class TestPostgres {
    private TestPostgres() {}

    /** The server's location without a schema. */
    static String location() {
        return Holder.LOCATION;
    }

    /** The location of {@code schema} on the server. */
    static String location(String schema) {
        String base = location();
        return base + (base.contains("?") ? "&" : "?") + "schema=" + schema;
    }

    /** A plain JDBC connection to the server, for checks and clean-up. */
    static Connection connect() throws SQLException {
        PostgresLocation l = PostgresLocation.parse(location());
        return DriverManager.getConnection(l.jdbcUrl(), l.user(), l.password());
    }

    private static final class Holder {
        static final String LOCATION = start();

        private static String start() {
            String url = System.getenv("HARRIER_TEST_PG_URL");
            if (url != null && !url.isBlank()) {
                return url;
            }
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException e) {
                        // the JVM is ending; the data directory is temporary
                    }
                }));
                return "postgresql://postgres:postgres@localhost:" + pg.getPort() + "/postgres";
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
    }
}
