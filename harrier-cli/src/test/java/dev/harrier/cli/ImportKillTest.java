package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.harrier.core.Json;
import dev.harrier.store.ObjectFilter;
import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import dev.harrier.testkit.SharedData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code harrier intel import} process (SIGKILL) in the middle of a large file and checks that the store
 * is consistent, still holds what was there before, holds nothing of the interrupted file, and that a re-run
 * completes the import.
 */
class ImportKillTest {
    private static final int OBJECTS = 100_000;

    @TempDir
    Path dir;

    @Test
    void killedImportLeavesTheStoreConsistentAndARerunCompletes() throws Exception {
        Path caseDir = dir.resolve("case");
        Path big = dir.resolve("big-bundle.json");
        writeBundle(big, OBJECTS);
        assertThat(Cli.run(
                                "intel",
                                "import",
                                "--case",
                                caseDir.toString(),
                                SharedData.repoRoot()
                                        .resolve("samples/intel/01-velvet-monsoon.stix21.json")
                                        .toString())
                        .code())
                .isZero();
        Map<String, Long> before;
        try (Store store = SqlStores.open(caseDir)) {
            before = store.countByType(ObjectFilter.ALL);
        }

        ProcessBuilder pb = new ProcessBuilder(List.of(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "intel",
                        "import",
                        "--case",
                        caseDir.toString(),
                        big.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(false);
        pb.environment().put("HARRIER_PROGRESS", "plain");
        Process p = pb.start();
        p.getOutputStream().close();
        // wait until the child reports that it is inside the import, well before the end of the file
        long seen = 0;
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                if (line.startsWith("progress ")) {
                    seen = Long.parseLong(line.split(" ")[1]);
                    if (seen >= 10_000) {
                        break;
                    }
                }
            }
            assertThat(seen).as("child progress before kill").isBetween(10_000L, (long) OBJECTS - 1);
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        try (Store store = SqlStores.open(caseDir)) {
            assertThat(store.checkIntegrity()).isEmpty();
            assertThat(store.countByType(ObjectFilter.ALL)).isEqualTo(before);
            assertThat(store.imports()).noneMatch(r -> r.source().name().equals(big.toString()));
        }

        Cli.Result rerun = Cli.run("intel", "import", "--case", caseDir.toString(), big.toString());
        assertThat(rerun.code()).as(rerun.out() + rerun.err()).isZero();
        try (Store store = SqlStores.open(caseDir)) {
            assertThat(store.checkIntegrity()).isEmpty();
            assertThat(store.countByType(ObjectFilter.ALL).get("indicator"))
                    .isEqualTo(before.getOrDefault("indicator", 0L) + OBJECTS);
        }
    }

    /** A STIX 2.1 bundle of {@code n} distinct indicators. */
    static void writeBundle(Path file, int n) throws Exception {
        try (OutputStream os = Files.newOutputStream(file);
                JsonGenerator g = Json.mapper().getFactory().createGenerator(os, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "bundle");
            g.writeStringField("id", "bundle--" + UUID.randomUUID());
            g.writeArrayFieldStart("objects");
            for (int i = 0; i < n; i++) {
                g.writeStartObject();
                g.writeStringField("type", "indicator");
                g.writeStringField("spec_version", "2.1");
                g.writeStringField("id", "indicator--" + new UUID(0x1234_5678_9abc_4defL, 0x8000_0000_0000_0000L | i));
                g.writeStringField("created", "2024-01-01T00:00:00.000Z");
                g.writeStringField("modified", "2024-01-01T00:00:00.000Z");
                g.writeStringField("name", "generated indicator " + i);
                g.writeStringField(
                        "pattern",
                        "[ipv4-addr:value = '10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + "']");
                g.writeStringField("pattern_type", "stix");
                g.writeStringField("valid_from", "2024-01-01T00:00:00Z");
                g.writeArrayFieldStart("indicator_types");
                g.writeString("malicious-activity");
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
