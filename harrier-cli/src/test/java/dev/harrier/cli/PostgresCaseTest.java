package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.testkit.SharedData;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --db postgresql://...} keeps the same case in a real PostgreSQL server, with the same results as SQLite. */
class PostgresCaseTest {
    private static EmbeddedPostgres pg;
    private static String url;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        String external = System.getenv("HARRIER_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            url = external;
        } else {
            pg = EmbeddedPostgres.builder().start();
            url = "postgresql://postgres:postgres@localhost:" + pg.getPort() + "/postgres";
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void sameCaseInPostgresGivesTheSameAnswersAsSqlite() {
        String samples = SharedData.repoRoot().resolve("samples/intel").toString();
        String db = url + (url.contains("?") ? "&" : "?") + "schema=cli_case_"
                + ProcessHandle.current().pid();
        Cli.Result pgImport = Cli.run("intel", "import", "--db", db, samples);
        Cli.Result sqliteImport =
                Cli.run("intel", "import", "--case", dir.resolve("c").toString(), samples);
        assertThat(pgImport.code()).as(pgImport.err()).isEqualTo(sqliteImport.code());
        assertThat(pgImport.err()).doesNotContain("postgres:postgres");

        assertThat(Cli.run("intel", "stats", "--db", db, "--json").out())
                .isEqualTo(Cli.run("intel", "stats", "--case", dir.resolve("c").toString(), "--json")
                        .out());
        assertThat(Cli.run("intel", "show", "--db", db, "--json", "ink heron").out())
                .isEqualTo(Cli.run("intel", "show", "--case", dir.resolve("c").toString(), "--json", "ink heron")
                        .out());
        Cli.Result reimport = Cli.run("intel", "import", "--db", db, "--force", "--json", samples);
        assertThat(reimport.out()).doesNotContain("\"added\" : {\n      \"");
    }
}
