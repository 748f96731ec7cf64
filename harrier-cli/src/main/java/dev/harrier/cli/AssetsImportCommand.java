package dev.harrier.cli;

import dev.harrier.analysis.campaign.AssetCsv;
import dev.harrier.analysis.campaign.AssetError;
import dev.harrier.analysis.campaign.AssetRegistry;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code harrier assets import}: reads an assets CSV into the case. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import assets from a CSV file with a header row and the columns host, ip ranges, organisation,",
            "sector, country (ISO 3166 alpha-2) and region (or province). IP ranges are CIDR ranges or addresses",
            "separated by ';' or spaces. A malformed row is reported with file, line and field; the other rows",
            "are imported. Importing the same file again changes nothing. Organisations are stored as STIX",
            "identities, assets as x-harrier-asset objects."
        })
final class AssetsImportCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseOptions = new CaseOptions();

    @Parameters(arity = "1", paramLabel = "FILE", description = "The assets CSV file.")
    Path file = Path.of("assets.csv");

    @Option(names = "--json", description = "Print the result as one JSON document.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(cl, file + ": no such file");
        }
        AssetCsv.Parsed parsed;
        try {
            parsed = AssetCsv.read(file, Limits.defaults());
        } catch (IllegalArgumentException e) {
            cl.getErr().println("harrier: " + e.getMessage());
            return Main.PARTIAL;
        }
        ImportCounts counts;
        String where;
        try (Store store = caseOptions.open()) {
            counts = AssetRegistry.save(store, parsed.assets(), file.toString(), sha256(file));
            where = store.describe();
        }
        List<String> errors = parsed.errors().stream().map(AssetError::toString).toList();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", file.toString());
            doc.put("store", where);
            doc.put("assets", parsed.assets().size());
            doc.put("rejected", parsed.rejected());
            doc.put("added", counts.totalAdded());
            doc.put("updated", counts.totalUpdated());
            doc.put("unchanged", counts.totalUnchanged());
            doc.put("errors", errors);
            JsonOutput.print(out, doc);
        } else {
            for (String e : errors) {
                out.println("rejected: " + e);
            }
            if (parsed.rejected() > errors.size()) {
                out.printf(Locale.ROOT, "... and %,d more rejected rows%n", parsed.rejected() - errors.size());
            }
            out.printf(
                    Locale.ROOT,
                    "Assets: %,d read from %s, %,d rows rejected; objects %,d added, %,d updated, %,d unchanged in"
                            + " %s%n",
                    parsed.assets().size(),
                    file,
                    parsed.rejected(),
                    counts.totalAdded(),
                    counts.totalUpdated(),
                    counts.totalUnchanged(),
                    where);
        }
        return parsed.rejected() == 0 ? 0 : Main.PARTIAL;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
