package dev.harrier.cli;

import dev.harrier.detect.sigma.LogSourceMap;
import dev.harrier.detect.sigma.Placeholders;
import dev.harrier.detect.sigma.SigmaCompiler;
import dev.harrier.detect.sigma.SigmaParser;
import dev.harrier.detect.sigma.SigmaRules;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Options that say which Sigma rules to run and how to compile them: files, logsource map, placeholder values. */
final class RuleOptions {
    @Option(
            names = "--rules",
            arity = "1..*",
            paramLabel = "DIR|FILE",
            description = "Sigma rule files or directories.")
    java.util.List<Path> rules = new java.util.ArrayList<>();

    @Option(
            names = "--logsources",
            paramLabel = "FILE",
            description = "Logsource map (YAML) instead of the shipped Windows map.")
    @Nullable
    Path logsources;

    @Option(
            names = "--placeholders",
            paramLabel = "FILE",
            description = "Values for %%placeholders%% of rules using |expand (YAML: name: [values]).")
    @Nullable
    Path placeholders;

    @Option(
            names = "--wildcard-placeholders",
            description = "Turn placeholders without values into wildcards instead of rejecting the rule.")
    boolean wildcardPlaceholders;

    @Option(
            names = "--unmapped-everywhere",
            description = "Evaluate rules whose logsource the map does not know against every event.")
    boolean unmappedEverywhere;

    SigmaRules loader() throws IOException {
        LogSourceMap map = logsources == null ? LogSourceMap.windowsDefault() : LogSourceMap.load(logsources);
        Placeholders.Unresolved policy =
                wildcardPlaceholders ? Placeholders.Unresolved.WILDCARD : Placeholders.Unresolved.REJECT;
        Placeholders ph = placeholders == null
                ? Placeholders.of(java.util.Map.of(), policy)
                : Placeholders.load(placeholders, policy);
        return new SigmaRules(new SigmaParser(), new SigmaCompiler(map, ph, unmappedEverywhere));
    }
}
