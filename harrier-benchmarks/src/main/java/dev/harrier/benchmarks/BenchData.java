package dev.harrier.benchmarks;

import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicInteger;

/** Locates benchmark inputs and opens stores of each kind. */
final class BenchData {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private BenchData() {}

    /** A file under the shared data root. */
    static Path shared(String relative) {
        String root = System.getProperty(
                "harrier.shared.data", System.getenv().getOrDefault("HARRIER_SHARED_DATA", "../shared/data"));
        Path p = Paths.get(root).resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException(
                    "benchmark input missing: " + p.toAbsolutePath() + " (set -Dharrier.shared.data=DIR)");
        }
        return p;
    }

    /** A fresh, empty store: a SQLite case in a temporary directory, or a new schema on PostgreSQL. */
    static Store freshStore(String kind) {
        try {
            if (kind.equals("sqlite")) {
                return SqlStores.open(Files.createTempDirectory("harrier-bench"));
            }
            String url = System.getenv("HARRIER_BENCH_PG_URL");
            String schema = "bench" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
            if (url == null) {
                synchronized (BenchData.class) {
                    if (postgres == null) {
                        postgres = EmbeddedPostgres.builder().start();
                    }
                }
                url = "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/postgres";
            }
            return SqlStores.open(url + (url.contains("?") ? "&" : "?") + "schema=" + schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
