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
        String location = dbLocation();
        if (location != null) {
            return SqlStores.open(location);
        }
        return SqlStores.open(caseDir);
    }

    /** The PostgreSQL location ({@code --db} or {@code $HARRIER_DB}), or null for the case directory's SQLite. */
    @Nullable
    String dbLocation() {
        String location = db != null ? db : System.getenv("HARRIER_DB");
        return location == null || location.isBlank() ? null : location;
    }

    /**
     * The directory of the case's files (archived telemetry, ...). With a PostgreSQL store {@code --case} must be
     * given explicitly, so that the files do not silently land in the default directory.
     */
    Path filesDir(picocli.CommandLine commandLine, String what) {
        if (dbLocation() != null && !commandLine.getParseResult().hasMatchedOption("--case")) {
            throw new picocli.CommandLine.ParameterException(
                    commandLine,
                    what + " with a PostgreSQL store (--db or $HARRIER_DB) needs --case DIR for the files");
        }
        return caseDir;
    }
}
