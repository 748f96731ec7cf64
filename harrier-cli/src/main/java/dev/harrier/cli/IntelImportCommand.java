package dev.harrier.cli;

import dev.harrier.core.Limits;
import dev.harrier.intel.FileImportResult;
import dev.harrier.intel.IntelImporter;
import dev.harrier.intel.read.IntelError;
import dev.harrier.store.ImportCounts;
import dev.harrier.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code harrier intel import}: imports intel files into the case. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import STIX bundles, ATT&CK, MISP events and galaxies, and IOC lists.",
            "Formats are detected from content; directories are walked; .gz files are read directly.",
            "Each file is one transaction: bad objects are rejected one by one, a syntax error keeps nothing of",
            "that file. Re-importing adds nothing."
        })
final class IntelImportCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseOptions = new CaseOptions();

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files or directories to import.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--force", description = "Re-read files whose identical content was imported before.")
    boolean force;

    @Option(names = "--json", description = "Print the per-file results as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = IntelImporter.expand(paths);
        List<FileImportResult> results = new ArrayList<>();
        try (Store store = caseOptions.open()) {
            IntelImporter importer = new IntelImporter(store, Limits.defaults(), force);
            for (Path f : files) {
                FileImportResult r;
                try (ProgressBar bar =
                        new ProgressBar(err, !json, f.getFileName().toString())) {
                    r = importer.importFile(f, bar::update);
                }
                results.add(r);
                if (!json) {
                    printText(out, r);
                }
            }
            if (json) {
                JsonOutput.print(out, Map.of("store", store.describe(), "files", results));
            } else {
                printTotals(out, results, store.describe());
            }
        }
        boolean clean = results.stream().allMatch(r -> r.ok() && r.rejected() == 0);
        return clean ? 0 : Main.PARTIAL;
    }

    static void printText(PrintWriter out, FileImportResult r) {
        out.printf(
                Locale.ROOT,
                "%s  [%s%s]%n",
                r.file(),
                r.format().toLowerCase(Locale.ROOT),
                r.specVersion().isEmpty() ? "" : " " + r.specVersion());
        switch (r.status()) {
            case "imported": {
                ImportCounts c = r.counts();
                out.printf(
                        Locale.ROOT,
                        "  %,d new, %,d updated, %,d unchanged%s, %,d rejected%n",
                        c.totalAdded(),
                        c.totalUpdated(),
                        c.totalUnchanged(),
                        c.totalOlder() > 0
                                ? String.format(Locale.ROOT, ", %,d older versions kept", c.totalOlder())
                                : "",
                        r.rejected());
                Map<String, int[]> byType = new TreeMap<>();
                c.added().forEach((t, n) -> byType.computeIfAbsent(t, k -> new int[3])[0] += n);
                c.updated().forEach((t, n) -> byType.computeIfAbsent(t, k -> new int[3])[1] += n);
                c.unchanged().forEach((t, n) -> byType.computeIfAbsent(t, k -> new int[3])[2] += n);
                c.older().forEach((t, n) -> byType.computeIfAbsent(t, k -> new int[3])[2] += n);
                for (Map.Entry<String, int[]> e : byType.entrySet()) {
                    int[] v = e.getValue();
                    out.printf(
                            Locale.ROOT,
                            "    %-28s %,7d new %,7d updated %,7d unchanged%n",
                            e.getKey(),
                            v[0],
                            v[1],
                            v[2]);
                }
                break;
            }
            case "skipped":
                out.println("  skipped: " + r.message());
                break;
            default:
                out.println("  " + r.status().toUpperCase(Locale.ROOT) + ": " + r.message());
                if (r.status().equals("rolled-back")) {
                    out.println("  nothing from this file was stored");
                }
        }
        for (IntelError e : r.errors()) {
            out.println("  rejected: " + e);
        }
        if (r.rejected() > r.errors().size()) {
            out.printf(
                    Locale.ROOT,
                    "  ... and %,d more rejected%n",
                    r.rejected() - r.errors().size());
        }
    }

    private static void printTotals(PrintWriter out, List<FileImportResult> results, String store) {
        long added = 0;
        long updated = 0;
        long unchanged = 0;
        long rejected = 0;
        long failed = 0;
        for (FileImportResult r : results) {
            added += r.counts().totalAdded();
            updated += r.counts().totalUpdated();
            unchanged += r.counts().totalUnchanged();
            rejected += r.rejected();
            failed += r.ok() ? 0 : 1;
        }
        out.printf(
                Locale.ROOT,
                "%,d file(s) into %s: %,d new, %,d updated, %,d unchanged, %,d rejected, %,d file(s) failed%n",
                results.size(),
                store,
                added,
                updated,
                unchanged,
                rejected,
                failed);
    }
}
