package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code harrier sample inspect} and {@code harrier sample import}. */
class SampleCommandTest {
    @TempDir
    Path tmp;

    /** A minimal PE32+ executable: headers and one .text section of {@code code}. */
    static byte[] minimalPe(byte[] code, long timeDateStamp) {
        int raw = (code.length + 0x1ff) / 0x200 * 0x200;
        ByteBuffer b = ByteBuffer.allocate(0x400 + raw).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) 0x5a4d).putInt(0x3c, 0x80);
        b.putInt(0x80, 0x4550);
        b.putShort(0x84, (short) 0x8664).putShort(0x86, (short) 1).putInt(0x88, (int) timeDateStamp);
        b.putShort(0x94, (short) 240).putShort(0x96, (short) 0x22);
        int opt = 0x98;
        b.putShort(opt, (short) 0x20b).putInt(opt + 16, 0x1000).putLong(opt + 24, 0x140000000L);
        b.putInt(opt + 32, 0x1000)
                .putInt(opt + 36, 0x200)
                .putInt(opt + 56, 0x1000 + raw)
                .putInt(opt + 60, 0x400);
        b.putShort(opt + 68, (short) 3).putInt(opt + 108, 16);
        int sec = opt + 240;
        b.put(sec, ".text".getBytes(StandardCharsets.US_ASCII));
        b.putInt(sec + 8, code.length)
                .putInt(sec + 12, 0x1000)
                .putInt(sec + 16, raw)
                .putInt(sec + 20, 0x400);
        b.putInt(sec + 36, 0x60000020);
        b.put(0x400, code);
        return b.array();
    }

    static byte[] code(long seed) {
        byte[] c = new byte[20_000];
        new Random(seed).nextBytes(c);
        return c;
    }

    @Test
    void inspectPrintsTheFactsOfAPeFile() throws Exception {
        Path exe = tmp.resolve("tool.exe");
        Files.write(exe, minimalPe(code(1), 0x60000000L));
        Cli.Result r = Cli.run("sample", "inspect", exe.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("tool.exe", "SHA-256", "ssdeep", "AMD64 EXE, compiled 2021-01-14T08:25:36Z", ".text");

        Cli.Result j = Cli.run("sample", "inspect", "--json", exe.toString());
        assertThat(j.code()).isZero();
        JsonNode doc = Json.mapper().readTree(j.out());
        assertThat(doc.path("samples").get(0).path("pe").path("machine").asText())
                .isEqualTo("AMD64");
        assertThat(doc.path("errors")).isEmpty();
    }

    @Test
    void brokenAndMissingFilesAreReportedWithExitCodeOne() throws Exception {
        Path cut = tmp.resolve("cut.exe");
        Files.write(cut, Arrays.copyOf(minimalPe(code(1), 1), 0x90));
        Path missing = tmp.resolve("missing.exe");
        Cli.Result r = Cli.run("sample", "inspect", cut.toString(), missing.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("problem: cut.exe: not a valid PE file").contains("offset 0x");
        assertThat(r.err()).contains("missing.exe: no such file");
    }

    @Test
    void importStoresSamplesAndReportsToolkitEvidence() throws Exception {
        Path caseDir = tmp.resolve("case");
        Path known = tmp.resolve("known.exe");
        Files.write(known, minimalPe(code(1), 0x60000000L));
        Cli.Result first =
                Cli.run("sample", "import", "--case", caseDir.toString(), "--family", "BlackWidow", known.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("1 sample(s)", "1 new");

        byte[] variantCode = code(1);
        Arrays.fill(variantCode, 3000, 3040, (byte) 0x90);
        Path variant = tmp.resolve("variant.exe");
        Files.write(variant, minimalPe(variantCode, 0x60000100L));
        Cli.Result second = Cli.run("sample", "import", "--case", caseDir.toString(), "--json", variant.toString());
        assertThat(second.code()).as(second.err()).isZero();
        JsonNode doc = Json.mapper().readTree(second.out());
        JsonNode evidence = doc.path("samples").get(0).path("evidence");
        assertThat(evidence).hasSize(1);
        assertThat(evidence.get(0).path("kind").asText()).isEqualTo("FUZZY_HASH");
        assertThat(evidence.get(0).path("toolkit").asText()).isEqualTo("BlackWidow");
        assertThat(doc.path("samples").get(0).path("id").asText()).startsWith("file--");

        // a sample known only from a report: same signing certificate as a known report sample
        String signer = "{\"subject\":\"CN=Acme\",\"issuer\":\"CN=Acme\",\"serial\":\"1f\",\"sha256\":\""
                + "ab".repeat(32) + "\"}";
        Path knownReport = tmp.resolve("known.json");
        Files.writeString(
                knownReport,
                "{\"samples\":[{\"name\":\"k.dll\",\"family\":\"Ghost\",\"hashes\":{\"md5\":\"" + "1".repeat(32)
                        + "\"},\"pe\":{\"signer\":" + signer + "}}]}");
        Path report = tmp.resolve("new.json");
        Files.writeString(
                report,
                "{\"samples\":[{\"name\":\"n.dll\",\"hashes\":{\"md5\":\"" + "2".repeat(32) + "\"},\"pe\":{\"signer\":"
                        + signer + "}},{\"name\":\"bad\",\"hashes\":{\"md5\":\"zz\"}}]}");
        assertThat(Cli.run("sample", "import", "--case", caseDir.toString(), "--reports", knownReport.toString())
                        .code())
                .isZero();
        Cli.Result third = Cli.run("sample", "import", "--case", caseDir.toString(), "--reports", report.toString());
        assertThat(third.code()).isEqualTo(1);
        assertThat(third.out()).contains("n.dll", "SIGNER", "Ghost", "CN=Acme");
        assertThat(third.err()).contains("new.json: samples[1].hashes.md5: not 32 hex digits");
    }

    @Test
    void importWithoutInputIsAUsageError() {
        Cli.Result r = Cli.run("sample", "import", "--case", tmp.resolve("c").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nothing to import");
        for (String cmd : new String[] {"inspect", "import"}) {
            Cli.Result h = Cli.run("sample", cmd, "--help");
            assertThat(h.code()).isZero();
            assertThat(h.out()).contains("Usage: harrier sample " + cmd);
        }
    }
}
