package dev.harrier.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions: compare output with a checked-in file under {@code src/test/resources/golden/}.
 *
 * <p>Run with {@code -Dharrier.golden.update=true} to rewrite the files, then review the change with {@code git
 * diff}.
 */
public final class Golden {
    private Golden() {}

    /** Asserts that {@code actual} equals the golden file {@code name} (line endings normalised). */
    public static void assertMatches(String name, String actual) {
        Path file = Path.of("src/test/resources/golden").resolve(name);
        String normalized = actual.replace("\r\n", "\n");
        try {
            if (Boolean.getBoolean("harrier.golden.update") || !Files.exists(file)) {
                if (!Boolean.getBoolean("harrier.golden.update")) {
                    throw new AssertionError("golden file " + file.toAbsolutePath()
                            + " is missing; run the test with -Dharrier.golden.update=true to create it");
                }
                Files.createDirectories(file.getParent());
                Files.writeString(file, normalized, StandardCharsets.UTF_8);
                return;
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
            assertThat(normalized)
                    .as("output differs from golden file %s (rerun with -Dharrier.golden.update=true to accept)", file)
                    .isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
