package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.harrier.store.ObjectFilter;
import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import dev.harrier.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code harrier intel update} against a local HTTP server that serves ATT&amp;CK and a Sigma archive built from
 * {@code ../shared/data}, plus broken downloads that must change nothing.
 */
class IntelUpdateTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private byte[] attack;
    private byte[] sigmaZip;
    private int sigmaRules;
    private RawHttpServer raw;

    @BeforeEach
    void serve() throws IOException {
        attack = Files.readAllBytes(SharedData.require("attack/enterprise-attack.json"));
        Path rules = SharedData.require("sigma/rules/windows/process_creation");
        ByteArrayOutputStream zipBytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipBytes);
                Stream<Path> files = Files.list(rules)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml"))
                    .sorted()
                    .limit(200)
                    .collect(Collectors.toList())) {
                zip.putNextEntry(new ZipEntry("rules/windows/process_creation/" + f.getFileName()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
                sigmaRules++;
            }
        }
        sigmaZip = zipBytes.toByteArray();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/attack.json", ex -> send(ex, attack, attack.length));
        server.createContext("/sigma_all_rules.zip", ex -> send(ex, sigmaZip, sigmaZip.length));
        // a complete HTTP response whose content is truncated JSON
        server.createContext("/truncated/attack.json", ex -> {
            byte[] half = Arrays.copyOf(attack, attack.length / 2);
            send(ex, half, half.length);
        });
        server.createContext("/corrupt/sigma_all_rules.zip", ex -> {
            byte[] cut = Arrays.copyOf(sigmaZip, sigmaZip.length * 2 / 3);
            send(ex, cut, cut.length);
        });
        server.createContext("/missing.json", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        raw = new RawHttpServer(attack);
    }

    private static void send(HttpExchange ex, byte[] body, int howMuch) throws IOException {
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body, 0, howMuch);
            os.flush();
        } catch (IOException e) {
            // the client may give up first
        }
        ex.close();
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop(0);
        }
        if (raw != null) {
            raw.close();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void downloadsImportsAndInstallsThenBrokenDownloadsChangeNothing() throws Exception {
        String caseDir = dir.resolve("case").toString();
        Cli.Result ok = Cli.run(
                "intel",
                "update",
                "--case",
                caseDir,
                "--source",
                url("/attack.json"),
                "--source",
                url("/sigma_all_rules.zip"));
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("24771 added").contains(sigmaRules + " rule files installed");
        Path installed = dir.resolve("case/rules/sigma/rules/windows/process_creation");
        try (Stream<Path> s = Files.list(installed)) {
            assertThat(s.count()).isEqualTo(sigmaRules);
        }
        Map<String, Long> before;
        try (Store store = SqlStores.open(dir.resolve("case"))) {
            before = store.countByType(ObjectFilter.ALL);
        }

        StringBuilder outputs = new StringBuilder();
        for (String broken : List.of(
                raw.url("/cut/attack.json"),
                raw.url("/stall/attack.json"),
                url("/truncated/attack.json"),
                url("/corrupt/sigma_all_rules.zip"),
                url("/missing.json"))) {
            Cli.Result r =
                    Cli.run("intel", "update", "--case", caseDir, "--json", "--timeout", "2", "--source", broken);
            assertThat(r.code()).as(broken + ": " + r.out()).isEqualTo(3);
            assertThat(r.out()).as(broken).contains("\"ok\" : false");
            outputs.append(r.out());
        }
        assertThat(raw.served()).as(outputs.toString()).isEqualTo(2);
        try (Store store = SqlStores.open(dir.resolve("case"))) {
            assertThat(store.countByType(ObjectFilter.ALL)).isEqualTo(before);
            assertThat(store.checkIntegrity()).isEmpty();
        }
        try (Stream<Path> s = Files.list(installed)) {
            assertThat(s.count()).as("old rules kept after a corrupt archive").isEqualTo(sigmaRules);
        }
        try (Stream<Path> s = Files.list(dir.resolve("case/downloads"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }
}
