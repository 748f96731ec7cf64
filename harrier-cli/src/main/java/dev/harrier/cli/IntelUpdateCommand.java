package dev.harrier.cli;

import dev.harrier.core.Limits;
import dev.harrier.intel.IntelImporter;
import dev.harrier.intel.IntelUpdater;
import dev.harrier.store.Store;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code harrier intel update}: downloads current ATT&amp;CK and SigmaHQ rules. */
@Command(
        name = "update",
        mixinStandardHelpOptions = true,
        description = {
            "Download current ATT&CK Enterprise and SigmaHQ rules (online).",
            "The ATT&CK Enterprise bundle is imported into the case and the SigmaHQ rule archive",
            "(unpacked into CASE/rules/sigma). A broken download changes nothing. Offline, import files with",
            "'harrier intel import' instead."
        })
final class IntelUpdateCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseOptions = new CaseOptions();

    @Option(
            names = "--source",
            paramLabel = "URL",
            description = "Download from URL instead of the defaults (repeatable). A zip is taken as a Sigma rule"
                    + " archive, anything else as intel to import.")
    List<URI> sources = new ArrayList<>();

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "Seconds to wait for a connection, a response, or more data (default ${DEFAULT-VALUE}).")
    int timeoutSeconds = 30;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<URI> urls = sources.isEmpty() ? IntelUpdater.defaultSources() : sources;
        Files.createDirectories(caseOptions.caseDir);
        List<IntelUpdater.SourceResult> results;
        try (Store store = caseOptions.open()) {
            IntelImporter importer = new IntelImporter(store, Limits.defaults(), false);
            IntelUpdater updater = new IntelUpdater(
                    importer, caseOptions.caseDir, Limits.defaults(), Duration.ofSeconds(timeoutSeconds));
            results = updater.update(urls);
        }
        if (json) {
            JsonOutput.print(out, Map.of("sources", results));
        } else {
            for (IntelUpdater.SourceResult r : results) {
                out.printf(
                        Locale.ROOT,
                        "%s %s (%,d bytes): %s%n",
                        r.ok() ? "OK  " : "FAIL",
                        r.source(),
                        r.bytes(),
                        r.message());
            }
        }
        return results.stream().allMatch(IntelUpdater.SourceResult::ok) ? 0 : Main.FAILURE;
    }
}
