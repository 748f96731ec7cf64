package dev.harrier.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the project's external reference data ({@code ../shared/data} beside the repository).
 *
 * <p>The location is the system property {@code harrier.shared.data} (Surefire sets it), else the environment
 * variable {@code HARRIER_SHARED_DATA}, else {@code ../shared/data} relative to the working directory or its parent.
 */
public final class SharedData {
    private SharedData() {}

    /** The data root, if it exists. */
    public static java.util.Optional<Path> root() {
        String prop = System.getProperty("harrier.shared.data");
        if (prop == null || prop.isBlank()) {
            prop = System.getenv("HARRIER_SHARED_DATA");
        }
        if (prop != null && !prop.isBlank() && Files.isDirectory(Paths.get(prop))) {
            return java.util.Optional.of(Paths.get(prop).toAbsolutePath().normalize());
        }
        for (Path p : new Path[] {Paths.get("../shared/data"), Paths.get("../../shared/data")}) {
            if (Files.isDirectory(p)) {
                return java.util.Optional.of(p.toAbsolutePath().normalize());
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The path {@code relative} under the data root; skips the calling test (JUnit assumption) with a clear message
     * when the data root or the file is absent.
     */
    public static Path require(String relative) {
        Path root = root().orElse(null);
        Assumptions.assumeTrue(
                root != null,
                "SKIPPED: ../shared/data is absent (set -Dharrier.shared.data or HARRIER_SHARED_DATA); "
                        + "this test needs "
                        + relative);
        Path p = root.resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "SKIPPED: shared data file missing: " + p);
        return p;
    }

    /** The repository root (system property {@code harrier.repo.root}, else the nearest parent with a pom.xml and .git). */
    public static Path repoRoot() {
        String prop = System.getProperty("harrier.repo.root");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        Path p = Paths.get("").toAbsolutePath();
        while (p != null) {
            if (Files.exists(p.resolve("harrier")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException(
                "cannot find the repository root from " + Paths.get("").toAbsolutePath());
    }
}
