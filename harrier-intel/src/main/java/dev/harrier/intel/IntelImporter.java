package dev.harrier.intel;

import dev.harrier.core.Limits;
import dev.harrier.intel.read.IntelError;
import dev.harrier.intel.read.IntelFormat;
import dev.harrier.intel.read.IntelReaders;
import dev.harrier.intel.read.IntelSink;
import dev.harrier.intel.read.IntelSyntaxException;
import dev.harrier.intel.read.ReadSummary;
import dev.harrier.store.ImportCounts;
import dev.harrier.store.ImportSession;
import dev.harrier.store.ImportSource;
import dev.harrier.store.IncomingObject;
import dev.harrier.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Imports intel files (STIX 2.0/2.1 bundles, ATT&amp;CK, MISP events and galaxies, IOC lists) into a case store.
 *
 * <p>Each file is one {@link ImportSession}: objects that fail validation are rejected one by one with their JSON
 * path and the rest land; a syntax error anywhere in the file (truncated JSON, garbage) rolls back the whole file, so
 * nothing of it is half-imported. A file whose exact content was imported before is skipped unless {@code force} is
 * set; either way a re-import adds nothing, because versions are compared object by object.
 */
public final class IntelImporter {
    private final Store store;
    private final Limits limits;
    private final boolean force;

    /** An importer into {@code store}; {@code force} re-reads files whose content was imported before. */
    public IntelImporter(Store store, Limits limits, boolean force) {
        this.store = store;
        this.limits = limits;
        this.force = force;
    }

    /** File name endings taken from a directory walk; files named explicitly are always read. */
    private static final List<String> INTEL_ENDINGS =
            List.of(".json", ".csv", ".txt", ".tsv", ".ioc", ".iocs", ".stix", ".json.gz", ".csv.gz", ".txt.gz");

    /**
     * Every importable file under the given files and directories, in a stable order. Files named explicitly are
     * always included; a directory contributes its non-hidden files whose names end in {@code .json}, {@code .csv},
     * {@code .txt}, {@code .tsv}, {@code .ioc(s)} or {@code .stix} (optionally gzipped), so a README beside the intel
     * is not read as an IOC list.
     */
    public static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .filter(IntelImporter::looksLikeIntel)
                            .sorted()
                            .forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean looksLikeIntel(Path f) {
        String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return INTEL_ENDINGS.stream().anyMatch(name::endsWith);
    }

    /**
     * Imports one file; never throws for bad content (the result says what went wrong).
     *
     * @param progress receives the number of objects read so far (for progress bars); may ignore calls
     */
    public FileImportResult importFile(Path file, LongConsumer progress) {
        return importFile(file, file.toString(), progress);
    }

    /** Imports one file, recording it under {@code name} (for example the URL it was downloaded from). */
    public FileImportResult importFile(Path file, String name, LongConsumer progress) {
        String sha256;
        IntelFormat format;
        try {
            if (!Files.isRegularFile(file)) {
                return FileImportResult.failed(name, "", "no such file");
            }
            sha256 = sha256(file);
            format = IntelReaders.detect(file);
        } catch (IOException e) {
            return FileImportResult.failed(name, "", "cannot read: " + e.getMessage());
        }
        if (!force && store.hasImported(sha256)) {
            return FileImportResult.skipped(name, format.name(), sha256);
        }
        List<IntelError> errors = new ArrayList<>();
        long[] rejected = {0};
        try (ImportSession session =
                store.beginImport(new ImportSource(name, format.name().toLowerCase(java.util.Locale.ROOT), sha256))) {
            long[] seen = {0};
            IntelSink sink = new IntelSink() {
                @Override
                public void accept(IncomingObject o) {
                    session.put(o);
                    if ((++seen[0] & 1023) == 0) {
                        progress.accept(seen[0]);
                    }
                }

                @Override
                public void reject(IntelError e) {
                    rejected[0]++;
                    if (errors.size() < limits.maxErrorsReported()) {
                        errors.add(e);
                    }
                }
            };
            ReadSummary summary = IntelReaders.read(file, format, limits, sink);
            ImportCounts counts = session.commit();
            progress.accept(seen[0]);
            return FileImportResult.done(
                    name, format.name(), sha256, summary.specVersion(), counts, rejected[0], errors);
        } catch (IntelSyntaxException e) {
            return FileImportResult.syntaxError(name, format.name(), sha256, e.getMessage(), rejected[0], errors);
        } catch (IOException e) {
            return FileImportResult.failed(name, format.name(), "cannot read: " + e.getMessage());
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
