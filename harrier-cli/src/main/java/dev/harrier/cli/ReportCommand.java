package dev.harrier.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.Json;
import dev.harrier.intel.ActorProfile;
import dev.harrier.intel.KnowledgeBase;
import dev.harrier.intel.Resolution;
import dev.harrier.report.NavigatorLayers;
import dev.harrier.store.SightingQuery;
import dev.harrier.store.Store;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code harrier report}: report files generated from a case. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write report files of the case (so far: ATT&CK Navigator layers).",
            "Formats: navigator (layer format 4.5: the techniques of the case's sightings scored by sightings, and with --actor a",
            "comparison layer against that actor's known techniques). Every layer is checked against the",
            "layer-format schema before it is written. HTML, PDF and STIX report bundles are not built yet."
        })
final class ReportCommand implements Callable<Integer> {
    private static final Set<String> FORMATS = Set.of("navigator");

    @Mixin
    CaseOptions caseOptions = new CaseOptions();

    @Option(
            names = "--format",
            split = ",",
            paramLabel = "F",
            defaultValue = "navigator",
            description = "Formats to write (default: ${DEFAULT-VALUE}).")
    List<String> formats = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the files.")
    Path out;

    @Option(names = "--actor", paramLabel = "NAME", description = "Compare with this actor (any alias or ATT&CK id).")
    @Nullable
    String actor;

    @Option(names = "--json", description = "Print what was written as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        for (String f : formats) {
            if (!FORMATS.contains(f.toLowerCase(Locale.ROOT))) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "Unsupported --format '" + f + "' (supported: navigator)");
            }
        }
        Files.createDirectories(out);
        Map<String, Object> written = new LinkedHashMap<>();
        try (Store store = caseOptions.open()) {
            NavigatorLayers.Collector techniques = new NavigatorLayers.Collector();
            long[] sightings = {0};
            store.forEachSighting(SightingQuery.all(), s -> {
                sightings[0]++;
                techniques.add(s);
            });
            if (sightings[0] == 0) {
                spec.commandLine().getErr().println("The case has no sightings: the layer is empty.");
            }
            ObjectNode layer = NavigatorLayers.caseLayer(
                    "Harrier case: techniques seen",
                    "Techniques of the case's " + sightings[0] + " sightings, scored by sightings.",
                    techniques);
            written.put("navigator", write(layer, out.resolve("navigator-case.json")));
            if (actor != null) {
                KnowledgeBase kb = KnowledgeBase.load(store);
                Resolution r = kb.resolve(actor);
                if (r.kind() != Resolution.Kind.ACTOR) {
                    spec.commandLine()
                            .getErr()
                            .println("No single actor is '" + actor + "' ("
                                    + r.kind().name().toLowerCase(Locale.ROOT)
                                    + (r.suggestions().isEmpty() ? "" : "; did you mean " + r.suggestions() + "?")
                                    + "): no comparison layer.");
                    printWritten(pw, written);
                    return Main.PARTIAL;
                }
                ActorProfile p = kb.profile(r.candidates().get(0));
                Set<String> actorTechniques = new TreeSet<>();
                for (ActorProfile.TechniqueRow t : p.techniques()) {
                    if (!t.attackId().isEmpty()) {
                        actorTechniques.add(t.attackId());
                    }
                }
                ObjectNode cmp = NavigatorLayers.comparisonLayer(
                        "Harrier case vs " + p.cluster().primary().name(),
                        p.cluster().primary().name(),
                        techniques.counts().keySet(),
                        actorTechniques);
                String file = "navigator-vs-"
                        + p.cluster().primary().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".json";
                written.put("navigatorComparison", write(cmp, out.resolve(file)));
            }
        }
        printWritten(pw, written);
        return 0;
    }

    private void printWritten(PrintWriter pw, Map<String, Object> written) {
        if (json) {
            JsonOutput.print(pw, Map.of("written", written));
        } else {
            written.forEach((k, v) -> pw.println(k + ": " + v));
        }
    }

    private static String write(ObjectNode layer, Path file) throws java.io.IOException {
        List<String> problems = NavigatorLayers.validate(layer);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("generated layer does not validate: " + problems);
        }
        Files.writeString(
                file,
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(layer) + "\n",
                StandardCharsets.UTF_8);
        return file.toString();
    }
}
