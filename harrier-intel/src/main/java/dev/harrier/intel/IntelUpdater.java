package dev.harrier.intel;

import dev.harrier.core.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Fetches current intel from the network: the ATT&amp;CK Enterprise bundle (imported into the case) and the SigmaHQ
 * rule archive (unpacked into {@code <case>/rules/sigma}).
 *
 * <p>A download goes to a {@code .part} file and is checked before anything changes: the HTTP status, the declared
 * length, the size limit, and then the content itself (a bundle is imported in one transaction, so truncated JSON
 * rolls back; an archive must read to its end with every entry's CRC intact before it replaces the old rules). A
 * broken download therefore leaves the case exactly as it was.
 */
public final class IntelUpdater {
    /** Where ATT&amp;CK Enterprise (STIX 2.1) is published. */
    public static final URI ATTACK_ENTERPRISE = URI.create(
            "https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/enterprise-attack/enterprise-attack.json");

    /** Where the newest SigmaHQ release archive of all rules is published. */
    public static final URI SIGMA_ALL_RULES =
            URI.create("https://github.com/SigmaHQ/sigma/releases/latest/download/sigma_all_rules.zip");

    /**
     * The outcome for one source.
     *
     * @param source the URL
     * @param kind {@code intel} or {@code sigma-archive}, empty when the download failed
     * @param ok whether the case now holds this source's content
     * @param bytes bytes downloaded
     * @param message what happened
     * @param imported the import result for intel sources, else null
     */
    public record SourceResult(
            String source,
            String kind,
            boolean ok,
            long bytes,
            String message,
            @Nullable FileImportResult imported) {}

    private final IntelImporter importer;
    private final Path caseDir;
    private final Limits limits;
    private final HttpClient http;
    private final Duration timeout;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "harrier-download-watchdog");
        t.setDaemon(true);
        return t;
    });

    /**
     * An updater that imports into {@code importer}'s store and keeps files under {@code caseDir}; {@code timeout}
     * bounds connecting, waiting for the response headers, and any pause in the data.
     */
    public IntelUpdater(IntelImporter importer, Path caseDir, Limits limits, Duration timeout) {
        this.importer = importer;
        this.caseDir = caseDir;
        this.limits = limits;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The default sources: ATT&amp;CK Enterprise and the SigmaHQ rules. */
    public static List<URI> defaultSources() {
        return List.of(ATTACK_ENTERPRISE, SIGMA_ALL_RULES);
    }

    /** Downloads and applies each source; one failing source does not stop the others. */
    public List<SourceResult> update(List<URI> sources) throws IOException {
        Path downloads = caseDir.resolve("downloads");
        Files.createDirectories(downloads);
        List<SourceResult> results = new ArrayList<>();
        for (URI uri : sources) {
            results.add(updateOne(uri, downloads));
        }
        return results;
    }

    private SourceResult updateOne(URI uri, Path downloads) {
        String name = fileName(uri);
        Path part = downloads.resolve(name + ".part");
        long bytes;
        try {
            bytes = download(uri, part);
        } catch (IOException e) {
            deleteQuietly(part);
            return new SourceResult(uri.toString(), "", false, 0, "download failed: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(part);
            return new SourceResult(uri.toString(), "", false, 0, "download interrupted", null);
        }
        try {
            if (isZip(part)) {
                int rules = installSigmaArchive(part);
                Files.move(part, downloads.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                return new SourceResult(
                        uri.toString(),
                        "sigma-archive",
                        true,
                        bytes,
                        rules + " rule files installed in " + caseDir.resolve("rules/sigma"),
                        null);
            }
            FileImportResult r = importer.importFile(part, uri.toString(), n -> {});
            String msg = r.ok()
                    ? r.status() + ": " + r.counts().totalAdded() + " added, "
                            + r.counts().totalUpdated() + " updated, "
                            + r.counts().totalUnchanged() + " unchanged"
                    : r.status() + ": " + r.message();
            if (r.ok()) {
                Files.move(part, downloads.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            } else {
                deleteQuietly(part);
            }
            return new SourceResult(uri.toString(), "intel", r.ok(), bytes, msg, r);
        } catch (IOException e) {
            deleteQuietly(part);
            return new SourceResult(uri.toString(), "", false, bytes, "rejected: " + e.getMessage(), null);
        }
    }

    private long download(URI uri, Path target) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("User-Agent", "harrier-intel-update")
                .GET()
                .build();
        HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        InputStream body = resp.body();
        // a server that stops sending without closing would block forever: close the stream after `timeout` idle
        ScheduledFuture<?> watchdog = WATCHDOG.scheduleWithFixedDelay(
                () -> {
                    if (System.nanoTime() - lastProgress.get() > timeout.toNanos()
                            && stalled.compareAndSet(false, true)) {
                        try {
                            body.close();
                        } catch (IOException e) {
                            // closing is all we can do
                        }
                    }
                },
                200,
                200,
                TimeUnit.MILLISECONDS);
        try (InputStream in = body) {
            if (resp.statusCode() != 200) {
                throw new IOException("HTTP " + resp.statusCode() + " from " + uri);
            }
            long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > limits.maxDownloadBytes()) {
                throw new IOException("declared size " + declared + " exceeds the limit " + limits.maxDownloadBytes());
            }
            long n = 0;
            try (OutputStream out = Files.newOutputStream(target)) {
                byte[] buf = new byte[1 << 16];
                int r;
                while ((r = in.read(buf)) >= 0) {
                    lastProgress.set(System.nanoTime());
                    n += r;
                    if (n > limits.maxDownloadBytes()) {
                        throw new IOException("download exceeds the limit of " + limits.maxDownloadBytes() + " bytes");
                    }
                    out.write(buf, 0, r);
                }
            } catch (IOException e) {
                if (stalled.get()) {
                    throw new IOException("no data for " + timeout.toSeconds() + " s after " + n + " bytes", e);
                }
                throw e;
            }
            if (stalled.get() || (declared >= 0 && n != declared)) {
                throw new IOException(
                        "incomplete download: " + n + " of " + (declared >= 0 ? declared : "?") + " bytes");
            }
            return n;
        } finally {
            watchdog.cancel(false);
        }
    }

    /** Unpacks a Sigma archive next to the old rules, checks it whole, then swaps it in. Returns rule files. */
    private int installSigmaArchive(Path zip) throws IOException {
        Path rulesRoot = caseDir.resolve("rules");
        Files.createDirectories(rulesRoot);
        Path staging = rulesRoot.resolve("sigma.new");
        deleteTree(staging);
        Files.createDirectories(staging);
        int rules = 0;
        // ZipFile reads the central directory, so a truncated archive fails here instead of looking short
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zf.entries())) {
                Path out = staging.resolve(e.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("archive entry escapes the target directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                CRC32 crc = new CRC32();
                try (InputStream in = new CheckedInputStream(zf.getInputStream(e), crc)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
                    throw new IOException("CRC mismatch in " + e.getName());
                }
                String lower = e.getName().toLowerCase(Locale.ROOT);
                if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
                    rules++;
                }
            }
        } catch (IOException | IllegalArgumentException ex) {
            deleteTree(staging);
            throw new IOException("broken Sigma archive: " + ex.getMessage(), ex);
        }
        if (rules == 0) {
            deleteTree(staging);
            throw new IOException("the archive holds no Sigma rules (.yml)");
        }
        Path current = rulesRoot.resolve("sigma");
        Path old = rulesRoot.resolve("sigma.old");
        deleteTree(old);
        if (Files.exists(current)) {
            Files.move(current, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, current, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
        return rules;
    }

    private static boolean isZip(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(4);
            return b.length == 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
        }
    }

    private static String fileName(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        String safe = last.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "download-" + Integer.toHexString(uri.hashCode()) : safe;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: a stale .part file is overwritten next time
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(x);
            }
        }
    }
}
