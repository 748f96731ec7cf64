package dev.harrier.cli;

import dev.harrier.detect.sigma.SigmaConformance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code harrier sigma conformance}: loads every SigmaHQ rule and runs SigmaHQ's regression data. */
@Command(
        name = "conformance",
        mixinStandardHelpOptions = true,
        description = {
            "Check the engine against a SigmaHQ checkout: (1) every rule under rules* loads;",
            "(2) each regression_data/**/info.yml rule, run on its JSON events, hits match_count events",
            "(at least one when absent). Ends with 'N passed, N failed'."
        })
final class SigmaConformanceCommand implements Callable<Integer> {
    @Option(
            names = "--data",
            required = true,
            paramLabel = "DIR",
            description = "SigmaHQ checkout (e.g. ../shared/data/sigma).")
    Path data = Path.of(".");

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SigmaConformance.Report r = new SigmaConformance().run(data, msg -> {
            if (!json) {
                err.println(msg);
                err.flush();
            }
        });
        if (json) {
            JsonOutput.print(out, r);
        } else {
            out.printf(
                    Locale.ROOT,
                    "Rules: %,d files, %,d rules loaded, %,d failed, %,d correlations"
                            + " (%,d active rules use placeholders, compiled as wildcards)%n",
                    r.ruleFiles(),
                    r.rulesLoaded(),
                    r.loadFailures().size(),
                    r.correlations(),
                    r.activeRulesWithPlaceholders());
            out.printf(
                    Locale.ROOT,
                    "Placeholder templates: %,d of %,d files compiled%n",
                    r.placeholderRulesLoaded(),
                    r.placeholderFiles());
            for (String f : r.loadFailures()) {
                out.println("  FAILED " + f);
            }
            for (SigmaConformance.Case c : r.cases()) {
                if (!c.passed()) {
                    out.println("  FAILED " + c.info() + " (" + c.ruleTitle() + "): " + c.reason());
                }
            }
            out.printf(Locale.ROOT, "Regression: %d passed, %d failed%n", r.passed(), r.failed());
        }
        return r.loadFailures().isEmpty() && r.failed() == 0 ? 0 : Main.PARTIAL;
    }
}
