package dev.harrier.analysis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Inspects a directory of real PE files when one is given ({@code -Dharrier.sample.dir=DIR} or {@code
 * HARRIER_SAMPLE_DIR}); the shared reference data has none, so this is skipped by default. Every file must give a
 * report without an exception escaping, and every PE file its machine and sections.
 */
class RealSamplesTest {
    @Test
    void inspectsEveryFileOfTheSampleDirectory() throws Exception {
        String dir = System.getProperty("harrier.sample.dir", System.getenv("HARRIER_SAMPLE_DIR"));
        Assumptions.assumeTrue(
                dir != null && Files.isDirectory(Paths.get(dir)),
                "SKIPPED: no real samples (set -Dharrier.sample.dir=DIR or HARRIER_SAMPLE_DIR to a directory of"
                        + " PE files; ../shared/data has none)");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Paths.get(dir))) {
            files = walk.filter(Files::isRegularFile).limit(10_000).toList();
        }
        SampleInspector inspector = new SampleInspector();
        int pe = 0;
        for (Path f : files) {
            SampleReport r = inspector.inspect(f);
            if (r.pe() != null) {
                pe++;
                assertThat(r.pe().machine()).as(f.toString()).isNotNull();
            }
        }
        assertThat(files).isNotEmpty();
        System.out.printf("inspected %d files, %d PE%n", files.size(), pe);
    }
}
