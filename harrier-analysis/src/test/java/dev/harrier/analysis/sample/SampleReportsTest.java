package dev.harrier.analysis.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON sample report format: round trip, and clear messages for bad samples. */
class SampleReportsTest {
    @Test
    void whatInspectPrintsReadsBackAsTheSameReport(@TempDir Path dir) throws Exception {
        SampleReport r = new SampleInspector()
                .inspect("loader.dll", SampleInspectorTest.fullBuilder().build())
                .withFamily("BlackWidow");
        Path f = dir.resolve("r.json");
        Files.writeString(f, Json.mapper().writeValueAsString(SampleReports.document(List.of(r))));
        SampleReports.Read read = SampleReports.read(f, Limits.defaults());
        assertThat(read.errors()).isEmpty();
        SampleReport back = read.samples().get(0);
        assertThat(back.hashes()).isEqualTo(r.hashes());
        assertThat(back.family()).isEqualTo("BlackWidow");
        PeFacts a = r.pe();
        PeFacts b = back.pe();
        assertThat(b).usingRecursiveComparison().ignoringFields("sections").isEqualTo(a);
        assertThat(b.sections()).hasSize(3);
    }

    @Test
    void readsAMinimalReportAndRejectsBadSamplesByPath(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("vendor.json");
        Files.writeString(f, """
                {"samples": [
                  {"name": "a.exe", "family": "Foo",
                   "hashes": {"sha256": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
                   "pe": {"imphash": "f45b10517d364a9118c9e4f4b87e2fe4", "compile_time": 1610612736,
                          "pdb_path": "D:\\\\work\\\\foo\\\\Release\\\\foo.pdb"}},
                  {"name": "b.exe", "hashes": {"sha256": "xyz"}},
                  {"name": "c.exe", "hashes": {}},
                  {"hashes": {"md5": "d41d8cd98f00b204e9800998ecf8427e"}},
                  {"name": "e.exe", "hashes": {"md5": "d41d8cd98f00b204e9800998ecf8427e"}, "pe": {"compile_time": "yesterday"}}
                ]}
                """, StandardCharsets.UTF_8);
        SampleReports.Read read = SampleReports.read(f, Limits.defaults());
        assertThat(read.samples()).singleElement().satisfies(s -> {
            assertThat(s.hashes().sha256()).isEqualTo("a".repeat(64));
            assertThat(s.pe().compileTime()).hasToString("2021-01-14T08:25:36Z");
            assertThat(s.pe().pdbPath()).isEqualTo("D:\\work\\foo\\Release\\foo.pdb");
            assertThat(s.size()).isEqualTo(-1);
        });
        assertThat(read.errors())
                .containsExactly(
                        f + ": samples[1].hashes.sha256: not 64 hex digits: xyz",
                        f + ": samples[2].hashes: no md5, sha1 or sha256",
                        f + ": samples[3].name: missing",
                        f + ": samples[4].pe.compile_time: not an ISO-8601 instant: yesterday");
    }

    @Test
    void badFilesAreOneClearError(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"samples\": [", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SampleReports.read(bad, Limits.defaults()))
                .isInstanceOf(SampleException.class)
                .hasMessageStartingWith(bad + ": not valid JSON");
        Path num = dir.resolve("num.json");
        Files.writeString(num, "42", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SampleReports.read(num, Limits.defaults()))
                .isInstanceOf(SampleException.class)
                .hasMessageContaining("expected");
        Path one = dir.resolve("one.json");
        Files.writeString(one, "{\"name\": \"x\", \"hashes\": {\"md5\": \"d41d8cd98f00b204e9800998ecf8427e\"}}");
        assertThat(SampleReports.read(one, Limits.defaults()).samples()).hasSize(1);
        Path array = dir.resolve("array.json");
        Files.writeString(array, "[{\"name\": \"x\", \"hashes\": {\"md5\": \"d41d8cd98f00b204e9800998ecf8427e\"}}, 7]");
        assertThat(SampleReports.read(array, Limits.defaults()).errors())
                .containsExactly(array + ": [1]: not an object");
        assertThatThrownBy(() -> SampleReports.read(dir.resolve("none.json"), Limits.defaults()))
                .isInstanceOf(SampleException.class)
                .hasMessageContaining("none.json");
    }
}
