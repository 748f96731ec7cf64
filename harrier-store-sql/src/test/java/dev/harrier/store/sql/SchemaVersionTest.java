package dev.harrier.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.store.ObjectFilter;
import dev.harrier.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** {@link SchemaVersion#LATEST} matches the migration files, and the fast path recognises a migrated database. */
class SchemaVersionTest {
    @TempDir
    Path dir;

    @Test
    void latestMatchesTheNewestMigrationOfEveryDialect() throws Exception {
        for (String dialect : new String[] {"sqlite", "postgresql"}) {
            Path migrations = Path.of("src/main/resources/db/migration", dialect);
            int max = 0;
            Pattern v = Pattern.compile("^V(\\d+)__.*\\.sql$");
            try (Stream<Path> files = Files.list(migrations)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Matcher m = v.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        max = Math.max(max, Integer.parseInt(m.group(1)));
                    }
                }
            }
            assertThat(max).as(dialect).isEqualTo(SchemaVersion.LATEST);
        }
    }

    @Test
    void aNewDatabaseIsNotCurrentAndAMigratedOneIs() {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("harrier.db"));
        assertThat(SchemaVersion.isCurrent(ds)).isFalse();
        try (Store store = SqlStores.open(dir)) {
            assertThat(store.countByType(ObjectFilter.ALL)).isEmpty();
        }
        assertThat(SchemaVersion.isCurrent(ds)).isTrue();
        // reopening takes the fast path and the store still works
        try (Store store = SqlStores.open(dir)) {
            assertThat(store.checkIntegrity()).isEmpty();
        }
    }
}
