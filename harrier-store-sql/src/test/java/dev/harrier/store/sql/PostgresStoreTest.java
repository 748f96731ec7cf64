package dev.harrier.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.store.Store;
import dev.harrier.testkit.StoreConformanceTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite on a real PostgreSQL server ({@link TestPostgres}); each test directory maps to a schema of
 * its own, so reopening a directory reopens the same case.
 */
class PostgresStoreTest extends StoreConformanceTest {
    private static final Map<Path, String> SCHEMAS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();

    @Override
    protected Store openStore(Path dir) {
        return SqlStores.open(TestPostgres.location(schemaOf(dir)));
    }

    private static String schemaOf(Path dir) {
        return SCHEMAS.computeIfAbsent(
                dir, d -> "harrier_test_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet());
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        try (Connection c = TestPostgres.connect();
                Statement st = c.createStatement()) {
            for (String schema : SCHEMAS.values()) {
                st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
        }
        SCHEMAS.clear();
    }

    @Test
    void theCaseLivesInItsOwnSchema() throws SQLException {
        importObjects(stix(actor(1, T1, "Schema bound")));

        try (Connection c = TestPostgres.connect();
                PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = ? ORDER BY table_name")) {
            ps.setString(1, schemaOf(dir));
            List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables)
                    .contains(
                            "stix_object",
                            "relationship",
                            "object_alias",
                            "import_run",
                            "sighting",
                            "sighting_technique",
                            "flyway_schema_history");
        }
        try (Store other = SqlStores.open(TestPostgres.location(schemaOf(dir.resolve("other"))))) {
            assertThat(other.latest(id("intrusion-set", 1))).isEmpty();
        }
        assertThat(store().latest(id("intrusion-set", 1))).isPresent();
    }

    @Test
    void theDescriptionNamesTheDatabaseButNotThePassword() {
        String description = store().describe();

        assertThat(description).startsWith("postgresql://").contains("schema=" + schemaOf(dir));
        String password = PostgresLocation.parse(TestPostgres.location()).password();
        if (password != null && !password.isEmpty()) {
            assertThat(description).doesNotContain(":" + password + "@").contains("***");
        }
    }
}
