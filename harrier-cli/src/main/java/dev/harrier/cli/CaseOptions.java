package dev.harrier.cli;

import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options that choose a case: a directory (SQLite inside) or a PostgreSQL location. */
final class CaseOptions {
    @Option(
            names = "--case",
            paramLabel = "DIR",
            description = "Case directory (default: ${DEFAULT-VALUE}). Holds the SQLite store, downloads and outputs.",
            defaultValue = "harrier-case")
    Path caseDir = Paths.get("harrier-case");

    @Option(
            names = "--db",
            paramLabel = "URL",
            description =
                    "Keep the case's store in PostgreSQL instead, e.g. postgresql://user:pass@host:5432/db?schema=case1"
                            + " (default: $HARRIER_DB if set).")
    @Nullable
    String db;

    /** Opens the case's store. */
    Store open() {
        String location = db != null ? db : System.getenv("HARRIER_DB");
        if (location != null && !location.isBlank()) {
            return SqlStores.open(location);
        }
        return SqlStores.open(caseDir);
    }
}
