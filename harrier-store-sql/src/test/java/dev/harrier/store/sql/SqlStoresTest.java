package dev.harrier.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harrier.store.Store;
import dev.harrier.store.StoreException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link SqlStores} reads locations and hides passwords. */
class SqlStoresTest {
    @TempDir
    Path dir;

    @Test
    void readsAPostgresqlUrlWithCredentialsAndSchema() {
        PostgresLocation l = PostgresLocation.parse(
                "postgresql://alice:s3cr%40t:x@db.example:5433/intel?schema=case_1&sslmode=require");

        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/intel?sslmode=require");
        assertThat(l.user()).isEqualTo("alice");
        assertThat(l.password()).isEqualTo("s3cr@t:x");
        assertThat(l.schema()).isEqualTo("case_1");
        assertThat(l.display()).isEqualTo("postgresql://alice:***@db.example:5433/intel?schema=case_1&sslmode=require");
        assertThat(l.toString()).doesNotContain("s3cr");
    }

    @Test
    void readsAJdbcUrlWithCredentialParameters() {
        PostgresLocation l = PostgresLocation.parse(
                "jdbc:postgresql://10.0.0.5/cti?user=bob&password=p%26ss&ssl=true&schema=Team_Case");

        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5/cti?ssl=true");
        assertThat(l.user()).isEqualTo("bob");
        assertThat(l.password()).isEqualTo("p&ss");
        assertThat(l.schema()).isEqualTo("Team_Case");
        assertThat(l.display())
                .isEqualTo("jdbc:postgresql://10.0.0.5/cti?user=bob&password=***&ssl=true&schema=Team_Case");
    }

    @Test
    void readsAUrlWithoutCredentialsOrSchema() {
        PostgresLocation l = PostgresLocation.parse("postgres://db/intel");

        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db/intel");
        assertThat(l.user()).isNull();
        assertThat(l.password()).isNull();
        assertThat(l.schema()).isNull();
        assertThat(l.display()).isEqualTo("postgres://db/intel");
    }

    @Test
    void rejectsASchemaThatIsNotAPlainIdentifier() {
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://db/intel?schema=x;drop table y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema");
        assertThatThrownBy(() -> SqlStores.open("postgresql://u:pw@/intel"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pw");
    }

    @Test
    void redactsPasswordsAndNothingElse() {
        assertThat(SqlStores.redact("postgresql://alice:hunter2@db:5432/intel?schema=a"))
                .isEqualTo("postgresql://alice:***@db:5432/intel?schema=a");
        assertThat(SqlStores.redact("jdbc:postgresql://db/intel?password=hunter2&user=alice"))
                .isEqualTo("jdbc:postgresql://db/intel?password=***&user=alice");
        assertThat(SqlStores.redact("postgresql://alice@db/intel")).isEqualTo("postgresql://alice@db/intel");
        assertThat(SqlStores.redact("sqlite:/data/case/harrier.db")).isEqualTo("sqlite:/data/case/harrier.db");
        assertThat(SqlStores.redact("/data/cases/velvet")).isEqualTo("/data/cases/velvet");
        assertThat(SqlStores.redact("postgresql://alice:hunter2@")).doesNotContain("hunter2");
    }

    @Test
    void opensSqliteLocationsAndCaseDirectories() {
        try (Store byDir = SqlStores.open(dir.resolve("case").toString())) {
            assertThat(byDir.describe())
                    .isEqualTo("sqlite:" + dir.resolve("case/harrier.db").toAbsolutePath());
        }
        try (Store byFile = SqlStores.open("sqlite:" + dir.resolve("f/x.db"))) {
            assertThat(byFile.describe())
                    .isEqualTo("sqlite:" + dir.resolve("f/x.db").toAbsolutePath());
        }
        assertThatThrownBy(() -> SqlStores.open("sqlite:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnreachableServerFailsWithoutShowingThePassword() {
        assertThatThrownBy(() -> SqlStores.open("postgresql://alice:hunter2@127.0.0.1:1/intel?connectTimeout=2"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("postgresql://alice:***@127.0.0.1:1/intel")
                .hasMessageNotContaining("hunter2");
    }
}
