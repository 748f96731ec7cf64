package dev.harrier.analysis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.analysis.sample.ToolkitEvidence.Kind;
import dev.harrier.core.Json;
import dev.harrier.core.StixObject;
import dev.harrier.store.ImportCounts;
import dev.harrier.store.ImportSession;
import dev.harrier.store.ImportSource;
import dev.harrier.store.IncomingObject;
import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import dev.harrier.testkit.StixSchemaValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Samples stored as STIX file objects, and their similarity to the toolkits of a case. */
class ToolkitSimilarityTest {
    private static final String MALWARE_ID = "malware--3a4b5c6d-1111-4222-8333-944455566677";
    private static final String TOOL_ID = "tool--0f1e2d3c-1111-4222-8333-944455566677";

    @TempDir
    Path dir;

    private static byte[] code(long seed) {
        byte[] b = new byte[24 * 1024];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static void intel(Store store) throws Exception {
        try (ImportSession s = store.beginImport(new ImportSource("intel.json", "stix-2.1", "0".repeat(64)))) {
            s.put(IncomingObject.stix(
                    StixObject.parse("{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"" + MALWARE_ID
                            + "\",\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\","
                            + "\"name\":\"BlackWidow\",\"aliases\":[\"Black Widow Loader\"],\"is_family\":true}"),
                    "intel.json"));
            s.commit();
        }
    }

    @Test
    void storesSamplesAsFileObjectsOnce() throws Exception {
        SampleReport r = new SampleInspector()
                .inspect("loader.dll", SampleInspectorTest.fullBuilder().build())
                .withFamily("BlackWidow");
        try (Store store = SqlStores.open(dir)) {
            SampleImporter importer = new SampleImporter(store);
            ImportCounts first =
                    importer.importSamples(List.of(r), "loader.dll", r.hashes().sha256());
            assertThat(first.added()).containsEntry("file", 1);
            ImportCounts again =
                    importer.importSamples(List.of(r), "loader.dll", r.hashes().sha256());
            assertThat(again.totalAdded()).isZero();
            assertThat(again.totalUpdated()).isZero();

            StixObject file = store.latest(FileObjects.id(r.hashes())).orElseThrow();
            ObjectNode json = file.json();
            assertThat(json.path("hashes").path("SHA-256").asText())
                    .isEqualTo(r.hashes().sha256());
            assertThat(json.path("hashes").path("SSDEEP").asText())
                    .isEqualTo(r.hashes().ssdeep());
            assertThat(json.path("size").asLong()).isEqualTo(r.size());
            assertThat(json.path("extensions")
                            .path("windows-pebinary-ext")
                            .path("pe_type")
                            .asText())
                    .isEqualTo("dll");
            ObjectNode pe = (ObjectNode) json.path("x_harrier_pe");
            assertThat(pe.path("compile_time").asText()).isEqualTo("2021-01-14T08:25:36Z");
            assertThat(pe.path("pdb_path").asText()).isEqualTo(SampleInspectorTest.PDB);
            assertThat(pe.path("imphash").asText()).isEqualTo("f45b10517d364a9118c9e4f4b87e2fe4");
            assertThat(pe.path("rich_header_hash").asText()).isEqualTo("8763b76f89f25f021d43c992450425bf");
            assertThat(pe.path("signer").path("sha256").asText()).isEqualTo(SampleInspectorTest.SIGNER_A_SHA256);
            assertThat(json.path("x_harrier_family").asText()).isEqualTo("BlackWidow");
            // and back
            SampleReport back = FileObjects.fromStix(file);
            assertThat(back.hashes()).isEqualTo(r.hashes());
            assertThat(back.pe().signer()).isEqualTo(r.pe().signer());
            assertThat(Json.mapper().readTree(file.toJson()).path("id").asText())
                    .startsWith("file--");
        }
    }

    @Test
    void findsTheEvidenceThatLinksASampleToAKnownToolkit() throws Exception {
        SampleInspector inspector = new SampleInspector();
        // a known BlackWidow sample: signed with certificate a, built in alex's Loader project
        SampleReport known = inspector
                .inspect(
                        "bw1.dll",
                        SampleInspectorTest.fullBuilder().text(code(1)).build())
                .withFamily("black widow loader");
        // an unrelated known tool sample, linked through the tool's sample_refs
        SampleReport otherTool = inspector.inspect(
                "tool.exe",
                new PeBuilder()
                        .pe32()
                        .imports("user32.dll", "MessageBoxA")
                        .pdb("C:\\build\\Netscan\\Release\\netscan.pdb", new byte[16])
                        .text(code(9))
                        .build());
        // the new sample: same signer, Rich header and imports, PDB in the same project, code mostly the same
        byte[] newCode = code(1);
        java.util.Arrays.fill(newCode, 5000, 5040, (byte) 0x90);
        SampleReport fresh = inspector.inspect(
                "new.dll",
                SampleInspectorTest.fullBuilder()
                        .pdb("C:\\Users\\alex\\source\\repos\\Loader\\Win32\\Debug\\LoaderV2.pdb", new byte[16])
                        .text(newCode)
                        .build());
        assertThat(known.problems()).isEmpty();
        assertThat(otherTool.problems()).isEmpty();
        assertThat(fresh.problems()).isEmpty();
        try (Store store = SqlStores.open(dir)) {
            intel(store);
            SampleImporter importer = new SampleImporter(store);
            importer.importSamples(List.of(known, otherTool), "known", "1".repeat(64));
            try (ImportSession s = store.beginImport(new ImportSource("tools.json", "stix-2.1", "2".repeat(64)))) {
                s.put(IncomingObject.stix(
                        StixObject.parse("{\"type\":\"tool\",\"spec_version\":\"2.1\",\"id\":\"" + TOOL_ID
                                + "\",\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\","
                                + "\"name\":\"NetScan\",\"sample_refs\":[\"" + FileObjects.id(otherTool.hashes())
                                + "\"]}"),
                        "tools.json"));
                s.commit();
            }
            ToolkitSimilarity similarity = ToolkitSimilarity.fromStore(store);
            assertThat(similarity.knownSamples()).isEqualTo(2);

            List<ToolkitEvidence> evidence = similarity.compare(fresh);
            assertThat(evidence)
                    .extracting(ToolkitEvidence::kind)
                    .containsExactly(Kind.SIGNER, Kind.FUZZY_HASH, Kind.RICH_HEADER, Kind.PDB_PATH, Kind.IMPHASH);
            assertThat(evidence).allSatisfy(e -> {
                assertThat(e.toolkitId()).isEqualTo(MALWARE_ID); // "black widow loader" resolved by alias
                assertThat(e.toolkit()).isEqualTo("black widow loader");
                assertThat(e.matchedSample()).isEqualTo(known.hashes().sha256());
                assertThat(e.strength()).isBetween(0.0, 1.0);
                assertThat(e.explanation()).contains("bw1.dll");
            });
            ToolkitEvidence pdb = evidence.get(3);
            assertThat(evidence.get(4).strength()).isEqualTo(0.45); // 5 imports
            assertThat(pdb.explanation()).contains("[alex, loader]");
            assertThat(pdb.strength()).isEqualTo(0.5);
            assertThat(evidence.get(0).explanation()).contains(SampleInspectorTest.SIGNER_A_SHA256);

            // the known sample itself is not evidence for itself; the tool sample matches only the tool
            assertThat(similarity.compare(known)).isEmpty();
            SampleReport toolVariant = inspector.inspect(
                    "tool2.exe",
                    new PeBuilder()
                            .pe32()
                            .imports("user32.dll", "MessageBoxA")
                            .pdb("D:\\x\\netscan\\x64\\Release\\netscan.pdb", new byte[16])
                            .text(code(10))
                            .build());
            assertThat(similarity.compare(toolVariant))
                    .extracting(ToolkitEvidence::kind, ToolkitEvidence::toolkit, ToolkitEvidence::toolkitId)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Kind.IMPHASH, "NetScan", TOOL_ID),
                            org.assertj.core.groups.Tuple.tuple(Kind.PDB_PATH, "NetScan", TOOL_ID));
        }
    }

    @Test
    void anUnrelatedSampleHasNoEvidence() throws Exception {
        SampleInspector inspector = new SampleInspector();
        SampleReport known = inspector
                .inspect(
                        "bw1.dll",
                        SampleInspectorTest.fullBuilder().text(code(1)).build())
                .withFamily("BlackWidow");
        SampleReport unrelated = inspector.inspect(
                "calc.exe",
                new PeBuilder().imports("msvcrt.dll", "printf").text(code(77)).build());
        try (Store store = SqlStores.open(dir)) {
            new SampleImporter(store).importSamples(List.of(known), "known", "1".repeat(64));
            ToolkitSimilarity similarity = ToolkitSimilarity.fromStore(store);
            assertThat(similarity.compare(unrelated)).isEmpty();
            assertThat(similarity.compare(unrelated.withFamily(null))).isEmpty();
        }
    }

    @Test
    void anEmptyCaseKnowsNoToolkits() {
        try (Store store = SqlStores.open(dir)) {
            ToolkitSimilarity similarity = ToolkitSimilarity.fromStore(store);
            assertThat(similarity.knownSamples()).isZero();
            assertThat(similarity.truncated()).isFalse();
        }
    }

    @Test
    void fileObjectsAreValidStix21() {
        StixSchemaValidator validator = StixSchemaValidator.fromSharedData();
        SampleReport r = new SampleInspector()
                .inspect("loader.dll", SampleInspectorTest.fullBuilder().build())
                .withFamily("BlackWidow");
        assertThat(validator.validateObject(SampleImporter.toStix(r).json())).isEmpty();
        SampleReport reportOnly = new SampleReport(
                "x.exe",
                -1,
                new SampleHashes("d41d8cd98f00b204e9800998ecf8427e", null, null, null),
                null,
                null,
                List.of());
        assertThat(validator.validateObject(SampleImporter.toStix(reportOnly).json()))
                .isEmpty();
    }

    @Test
    void pdbTokensDropCommonWords() {
        assertThat(PdbTokens.of("C:\\Users\\alex\\source\\repos\\Loader\\x64\\Release\\Loader.pdb"))
                .containsExactly("alex", "loader");
    }
}
