package dev.harrier.intel;

import dev.harrier.core.Limits;
import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import dev.harrier.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Helpers to build cases for the intel tests. */
final class TestCases {
    private TestCases() {}

    static Path samples() {
        return SharedData.repoRoot().resolve("samples/intel");
    }

    static Store sqlite(Path dir) {
        return SqlStores.open(dir);
    }

    static List<FileImportResult> importAll(Store store, Path... paths) throws IOException {
        IntelImporter importer = new IntelImporter(store, Limits.defaults(), false);
        return IntelImporter.expand(List.of(paths)).stream()
                .map(f -> importer.importFile(f, n -> {}))
                .collect(java.util.stream.Collectors.toList());
    }
}
