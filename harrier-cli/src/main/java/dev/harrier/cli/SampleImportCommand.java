package dev.harrier.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.analysis.sample.SampleException;
import dev.harrier.analysis.sample.SampleImporter;
import dev.harrier.analysis.sample.SampleInspector;
import dev.harrier.analysis.sample.SampleReport;
import dev.harrier.analysis.sample.SampleReports;
import dev.harrier.analysis.sample.ToolkitEvidence;
import dev.harrier.analysis.sample.ToolkitSimilarity;
import dev.harrier.core.Limits;
import dev.harrier.store.ImportCounts;
import dev.harrier.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code harrier sample import}: stores samples (inspected files or JSON sample reports) in the case as STIX file
 * objects and reports their similarity to the toolkits the case knows.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Store samples in the case as STIX 2.1 file objects and compare them with the case's known toolkits.",
            "Give sample files (inspected like 'sample inspect') and/or --reports with JSON sample reports.",
            "Each sample is compared with the samples the intel ties to malware and tools (sample_refs,",
            "relationships, or an imported family): shared signing certificate, Rich header, imphash, fuzzy",
            "hash and PDB path tokens each become an evidence item with a strength and an explanation."
        })
final class SampleImportCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseOptions = new CaseOptions();

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Sample files to inspect and import.")
    List<Path> files = new ArrayList<>();

    @Option(
            names = "--reports",
            arity = "1..*",
            paramLabel = "F.json",
            description = "JSON sample reports to import (the format 'sample inspect --json' prints).")
    List<Path> reports = new ArrayList<>();

    @Option(
            names = "--family",
            paramLabel = "NAME",
            description = "The malware family or toolkit the given files belong to (known samples for later"
                    + " comparisons).")
    @Nullable
    String family;

    @Option(
            names = "--fuzzy-threshold",
            paramLabel = "N",
            defaultValue = "40",
            description = "Lowest ssdeep score (1-100) that counts as similarity (default: ${DEFAULT-VALUE}).")
    int fuzzyThreshold = ToolkitSimilarity.DEFAULT_FUZZY_THRESHOLD;

    @Option(names = "--json", description = "Print the samples, their evidence and the errors as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        if (files.isEmpty() && reports.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "nothing to import: give sample files or --reports F.json");
        }
        if (fuzzyThreshold < 1 || fuzzyThreshold > 100) {
            throw new CommandLine.ParameterException(cl, "--fuzzy-threshold must be 1 to 100: " + fuzzyThreshold);
        }
        List<String> errors = new ArrayList<>();
        List<SampleReport> imported = new ArrayList<>();
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        try (Store store = caseOptions.open()) {
            SampleImporter importer = new SampleImporter(store);
            SampleInspector inspector = new SampleInspector();
            List<Batch> batches = new ArrayList<>();
            for (Path f : files) {
                try {
                    SampleReport r = inspector.inspect(f);
                    if (family != null) {
                        r = r.withFamily(family);
                    }
                    errors.addAll(r.problems());
                    batches.add(new Batch(f.toString(), r.hashes().key(), List.of(r)));
                } catch (SampleException e) {
                    errors.add(e.getMessage());
                }
            }
            for (Path f : reports) {
                try {
                    SampleReports.Read read = SampleReports.read(f, Limits.defaults());
                    errors.addAll(read.errors());
                    batches.add(new Batch(f.toString(), sha256(f), read.samples()));
                } catch (SampleException e) {
                    errors.add(e.getMessage());
                }
            }
            for (Batch b : batches) {
                if (b.samples().isEmpty()) {
                    continue;
                }
                ImportCounts c = importer.importSamples(b.samples(), b.source(), b.sha256());
                added += c.totalAdded();
                updated += c.totalUpdated();
                unchanged += c.totalUnchanged() + c.totalOlder();
                imported.addAll(b.samples());
            }
            ToolkitSimilarity similarity = ToolkitSimilarity.fromStore(store, fuzzyThreshold);
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.put("store", store.describe());
            doc.put("knownToolkitSamples", similarity.knownSamples());
            ArrayNode samples = doc.putArray("samples");
            for (SampleReport r : imported) {
                List<ToolkitEvidence> evidence = similarity.compare(r);
                if (json) {
                    ObjectNode s = samples.addObject();
                    s.put("id", SampleImporter.toStix(r).id());
                    s.set("sample", SampleReports.toJson(r));
                    ArrayNode ev = s.putArray("evidence");
                    for (ToolkitEvidence e : evidence) {
                        ObjectNode o = ev.addObject();
                        o.put("kind", e.kind().name());
                        o.put("strength", e.strength());
                        o.put("toolkit", e.toolkit());
                        o.put("toolkitId", e.toolkitId());
                        o.put("matchedSample", e.matchedSample());
                        o.put("explanation", e.explanation());
                    }
                } else {
                    printText(out, r, evidence);
                }
            }
            if (json) {
                ObjectNode counts = doc.putObject("counts");
                counts.put("added", added);
                counts.put("updated", updated);
                counts.put("unchanged", unchanged);
                ArrayNode errs = doc.putArray("errors");
                errors.forEach(errs::add);
                JsonOutput.print(out, doc);
            } else {
                for (String e : errors) {
                    err.println("harrier: " + e);
                }
                out.printf(
                        Locale.ROOT,
                        "%,d sample(s) into %s: %,d new, %,d updated, %,d unchanged; %,d problem(s);"
                                + " compared with %,d known toolkit sample(s)%s%n",
                        imported.size(),
                        store.describe(),
                        added,
                        updated,
                        unchanged,
                        errors.size(),
                        similarity.knownSamples(),
                        similarity.truncated() ? " (the store holds more; the rest were not loaded)" : "");
            }
        }
        return errors.isEmpty() ? 0 : Main.PARTIAL;
    }

    private record Batch(String source, String sha256, List<SampleReport> samples) {}

    private static void printText(PrintWriter out, SampleReport r, List<ToolkitEvidence> evidence) {
        out.printf(
                Locale.ROOT,
                "%s  %s%s%n",
                r.name(),
                r.hashes().key(),
                r.family() == null ? "" : "  [" + r.family() + "]");
        if (evidence.isEmpty()) {
            out.println("  no similarity to a known toolkit");
        }
        for (ToolkitEvidence e : evidence) {
            out.printf(
                    Locale.ROOT,
                    "  %-11s %.2f  %s%s%n      %s%n",
                    e.kind(),
                    e.strength(),
                    e.toolkit(),
                    e.toolkitId() == null ? "" : " (" + e.toolkitId() + ")",
                    e.explanation());
        }
    }

    private static String sha256(Path file) throws SampleException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new SampleException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
