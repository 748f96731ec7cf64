package dev.harrier.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.store.ImportSession;
import dev.harrier.store.IncomingObject;
import dev.harrier.store.ObjectFilter;
import dev.harrier.store.Sighting;
import dev.harrier.store.Store;
import dev.harrier.testkit.StoreConformanceTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The conformance suite on SQLite, plus what only SQLite has: the case file, its pragmas, a killed writer. */
class SqliteStoreTest extends StoreConformanceTest {

    @Override
    protected Store openStore(Path dir) {
        return SqlStores.open(dir);
    }

    @Test
    void theCaseDirectoryHoldsOneWalModeDatabase() throws SQLException {
        importObjects(stix(actor(1, T1, "Somebody")));

        Path file = dir.resolve("harrier.db");
        assertThat(file).isRegularFile();
        assertThat(store().describe())
                .isEqualTo("sqlite:" + file.toAbsolutePath().normalize());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void aNestedCaseDirectoryIsCreated() {
        Path nested = dir.resolve("a/b/case");
        try (Store s = SqlStores.open(nested.toString())) {
            assertThat(s.countByType(ObjectFilter.ALL)).isEmpty();
        }
        assertThat(nested.resolve("harrier.db")).isRegularFile();
    }

    @Test
    void aSqliteLocationNamesTheFile() {
        Path file = dir.resolve("elsewhere/custom.db");
        try (Store s = SqlStores.open("sqlite:" + file)) {
            try (ImportSession session = s.beginImport(source("x"))) {
                session.put(stix(actor(1, T1, "In a custom file")));
                session.commit();
            }
        }
        assertThat(file).isRegularFile();
        try (Store s = SqlStores.open("jdbc:sqlite:" + file)) {
            assertThat(s.latest(id("intrusion-set", 1))).isPresent();
            assertThat(s.describe()).isEqualTo("sqlite:" + file.toAbsolutePath().normalize());
        }
    }

    @Test
    void checkIntegrityReportsTamperedTables() throws SQLException {
        importObjects(
                stix(actor(1, T1, "Tampered")),
                stix(actor(1, T2, "Tampered, v2")),
                stix(actor(2, T1, "Other")),
                stix(relationship(3, T1, "uses", id("intrusion-set", 1), id("malware", 4))));
        assertThat(store().checkIntegrity()).isEmpty();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("harrier.db"));
                Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM object_alias WHERE norm = 'other'");
            st.executeUpdate("UPDATE relationship SET target_ref = 'malware--elsewhere'");
            st.executeUpdate("UPDATE stix_object SET latest = FALSE WHERE id = '" + id("intrusion-set", 1) + "'");
            st.executeUpdate("UPDATE stix_object SET revoked = TRUE WHERE id = '" + id("intrusion-set", 2) + "'");
        }

        List<String> problems = store().checkIntegrity();
        assertThat(problems).anyMatch(p -> p.contains(id("intrusion-set", 1)) && p.contains("0 latest versions"));
        assertThat(problems).anyMatch(p -> p.contains(id("intrusion-set", 2)) && p.contains("flags"));
        assertThat(problems).anyMatch(p -> p.contains("alias table does not match"));
        assertThat(problems).anyMatch(p -> p.contains("relationship table does not match"));
    }

    @Test
    void checkIntegrityReportsTamperedSightings() throws SQLException {
        Sighting a = hit("sigma", "rule-a", "high", List.of("T1059.001", "T1027"), at(1), "ws-01", "sec.json", 1);
        Sighting b = hit("sigma", "rule-b", "low", List.of("T1003"), at(2), "ws-01", "sec.json", 2);
        Sighting c = hit("sigma", "rule-c", "critical", List.of("T1105"), at(3), null, "sec.json", 3);
        store().addSightings(List.of(a, b, c));
        assertThat(store().checkIntegrity()).isEmpty();

        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("harrier.db"));
                Statement st = conn.createStatement()) {
            st.execute("PRAGMA foreign_keys = OFF");
            st.executeUpdate("DELETE FROM sighting WHERE id = '" + a.id() + "'");
            st.executeUpdate("UPDATE sighting SET level_rank = 0 WHERE id = '" + b.id() + "'");
            st.executeUpdate("DELETE FROM sighting_technique WHERE sighting_id = '" + c.id() + "'");
        }

        List<String> problems = store().checkIntegrity();
        assertThat(problems).anyMatch(p -> p.contains(a.id()) && p.contains("not stored"));
        assertThat(problems).anyMatch(p -> p.contains(b.id()) && p.contains("level_rank"));
        assertThat(problems).anyMatch(p -> p.contains("sighting_technique table does not match"));
        assertThat(problems).noneMatch(p -> p.contains(c.id()));
    }

    @Test
    void aKilledImportLeavesTheDatabaseAsItWas() throws Exception {
        importObjects(stix(actor(1, T1, "Before")), stix(actor(2, T1, "Also before")));
        Map<String, Long> before = store().countByType(ObjectFilter.ALL);
        store().close();

        Process child = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledImport.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals(KilledImport.READY));
            assertThat(line)
                    .as("the child reports a flushed, uncommitted session")
                    .isEqualTo(KilledImport.READY);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.exists(dir.resolve("harrier.db-wal"))).isTrue();

        Store again = reopen();
        assertThat(again.checkIntegrity()).isEmpty();
        assertThat(again.countByType(ObjectFilter.ALL)).isEqualTo(before);
        assertThat(again.latest(id("intrusion-set", 1)).orElseThrow().name()).contains("Before");
        assertThat(again.imports()).hasSize(1);
    }

    /** The child of {@link #aKilledImportLeavesTheDatabaseAsItWas}: writes a lot, never commits, waits to die. */
    static final class KilledImport {
        static final String READY = "flushed and waiting";

        private KilledImport() {}

        public static void main(String[] args) throws InterruptedException {
            Store store = SqlStores.open(Paths.get(args[0]));
            ImportSession s = store.beginImport(source("killed"));
            for (int i = 0; i < 30_000; i++) {
                s.put(IncomingObject.stix(actor(i, T2, "Written by a process about to die " + i), "child"));
            }
            s.counts();
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
