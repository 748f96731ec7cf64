package dev.harrier.cli;

import dev.harrier.detect.sigma.CompiledRuleSet;
import dev.harrier.detect.sigma.SigmaError;
import dev.harrier.detect.sigma.SigmaRules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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

/** {@code harrier sigma check}: loads rules and lists every failure with file:line and reason. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Load and compile Sigma rules; list every rule that fails, with file:line and the reason.",
            "Exit code 0 when all load, 1 when some fail."
        })
final class SigmaCheckCommand implements Callable<Integer> {
    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Parameters(arity = "0..*", paramLabel = "DIR|FILE", description = "Rule files or directories (or --rules).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> all = new ArrayList<>(paths);
        all.addAll(ruleOptions.rules);
        if (all.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give rule files or directories");
        }
        SigmaRules.Loaded loaded;
        try (ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), !json, "rule files", "checking")) {
            loaded = ruleOptions.loader().load(all, bar::update);
        }
        CompiledRuleSet set = loaded.ruleSet();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("files", loaded.files());
            doc.put("rules", set.rules().size());
            doc.put("correlations", set.correlations().size());
            doc.put("filters", set.filterCount());
            doc.put("otherProducts", set.notApplicable());
            doc.put("unmappedLogsources", set.unmapped());
            doc.put("failed", loaded.errors().size());
            List<Map<String, Object>> errors = new ArrayList<>();
            for (SigmaError e : loaded.errors()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", e.source());
                m.put("line", e.line());
                m.put("reason", e.message());
                errors.add(m);
            }
            doc.put("errors", errors);
            JsonOutput.print(out, doc);
        } else {
            for (SigmaError e : loaded.errors()) {
                out.println(e.source() + ":" + e.line() + ": " + e.message());
            }
            out.printf(
                    Locale.ROOT,
                    "%,d files: %,d rules, %,d correlations, %,d filters loaded; %,d failed"
                            + " (%,d rules for other products, %,d with unmapped logsources)%n",
                    loaded.files(),
                    set.rules().size(),
                    set.correlations().size(),
                    set.filterCount(),
                    loaded.errors().size(),
                    set.notApplicable(),
                    set.unmapped());
        }
        return loaded.errors().isEmpty() ? 0 : Main.PARTIAL;
    }
}
