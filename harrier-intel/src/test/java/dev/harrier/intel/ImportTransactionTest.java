package dev.harrier.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.Limits;
import dev.harrier.store.ObjectFilter;
import dev.harrier.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One transaction per file: bad objects are rejected one by one, a syntax error keeps nothing of the file. */
class ImportTransactionTest {
    @TempDir
    Path dir;

    private static final String GOOD = "{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\","
            + "\"id\":\"intrusion-set--0d8f3f4e-6d3c-4c5a-9b1e-3f1f2a0c0001\",\"created\":\"2024-01-01T00:00:00.000Z\","
            + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"Good Actor\"}";

    @Test
    void syntaxErrorAfterValidObjectsKeepsNothingOfTheFile() throws Exception {
        try (Store store = TestCases.sqlite(dir.resolve("case"))) {
            TestCases.importAll(store, TestCases.samples().resolve("01-velvet-monsoon.stix21.json"));
            Map<String, Long> before = store.countByType(ObjectFilter.ALL);
            Path truncated = dir.resolve("truncated.json");
            Files.writeString(
                    truncated,
                    "{\"type\":\"bundle\",\"id\":\"bundle--0d8f3f4e-6d3c-4c5a-9b1e-3f1f2a0c0002\"," + "\"objects\":["
                            + GOOD + ",{\"type\":\"malware\",\"id\":",
                    StandardCharsets.UTF_8);
            FileImportResult r = new IntelImporter(store, Limits.defaults(), false).importFile(truncated, n -> {});
            assertThat(r.status()).isEqualTo("rolled-back");
            assertThat(r.message()).contains("truncated.json").containsPattern("line \\d+|:\\d+:\\d+");
            assertThat(store.countByType(ObjectFilter.ALL)).isEqualTo(before);
            assertThat(store.latest("intrusion-set--0d8f3f4e-6d3c-4c5a-9b1e-3f1f2a0c0001"))
                    .isEmpty();
            assertThat(store.hasImported(r.sha256())).isFalse();
        }
    }

    @Test
    void badObjectsAreRejectedWithTheirPathAndTheRestLands() throws Exception {
        try (Store store = TestCases.sqlite(dir.resolve("case"))) {
            Path mixed = dir.resolve("mixed.json");
            Files.writeString(
                    mixed,
                    "{\"type\":\"bundle\",\"id\":\"bundle--0d8f3f4e-6d3c-4c5a-9b1e-3f1f2a0c0003\","
                            + "\"objects\":[" + GOOD + ","
                            + "{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\"intrusion-set--0d8f3f4e-6d3c-4c5a-9b1e-3f1f2a0c0004\","
                            + "\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":42},"
                            + "{\"type\":\"x-acme-widget\",\"spec_version\":\"2.1\",\"id\":\"x-acme-widget--0d8f3f4e-6d3c-4c5a-9b1e-3f1f2a0c0005\","
                            + "\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\",\"size\":3}]}",
                    StandardCharsets.UTF_8);
            FileImportResult r = new IntelImporter(store, Limits.defaults(), false).importFile(mixed, n -> {});
            assertThat(r.status()).isEqualTo("imported");
            assertThat(r.rejected()).isEqualTo(1);
            assertThat(r.errors().get(0).location()).isEqualTo("$.objects[1].name");
            assertThat(r.errors().get(0).source()).contains("mixed.json");
            assertThat(store.latest("intrusion-set--0d8f3f4e-6d3c-4c5a-9b1e-3f1f2a0c0001"))
                    .isPresent();
            // unknown types are kept as custom objects
            assertThat(store.latest("x-acme-widget--0d8f3f4e-6d3c-4c5a-9b1e-3f1f2a0c0005"))
                    .hasValueSatisfying(o -> assertThat(o.custom()).isTrue());
        }
    }
}
