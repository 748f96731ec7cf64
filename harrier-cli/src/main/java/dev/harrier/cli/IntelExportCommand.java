package dev.harrier.cli;

import dev.harrier.core.Tlp;
import dev.harrier.detect.StixSightings;
import dev.harrier.intel.IntelExporter;
import dev.harrier.store.Store;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code harrier intel export}: the case's intel as a STIX 2.1 bundle. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export the case's intel as a STIX 2.1 bundle under a TLP ceiling.",
            "Writes the latest version of every object as one bundle (JSON), leaving out objects marked",
            "above --max-marking. Unmarked objects count as --unmarked (default TLP:CLEAR, for public intel such",
            "as ATT&CK). The indicators' sightings in the case's telemetry (IOC and STIX pattern hits) are",
            "added as STIX sighting objects, one per indicator and host, with count, first/last seen, the host",
            "as where_sighted and observed-data of the values seen, each under its indicator's marking.",
            "The bundle goes to standard output unless --output is given."
        })
final class IntelExportCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseOptions = new CaseOptions();

    @Option(names = "--json", description = "JSON output (the only export format; accepted for symmetry).")
    boolean json;

    @Option(names = "--type", paramLabel = "T", split = ",", description = "Only these object types (repeatable).")
    Set<String> types = new LinkedHashSet<>();

    @Option(
            names = "--max-marking",
            paramLabel = "TLP",
            defaultValue = "tlp:clear",
            description = "Highest TLP level to export: tlp:clear, tlp:green, tlp:amber, tlp:amber+strict, tlp:red"
                    + " (default ${DEFAULT-VALUE}).")
    String maxMarking = "tlp:clear";

    @Option(
            names = "--unmarked",
            paramLabel = "TLP",
            defaultValue = "tlp:clear",
            description = "Level assumed for objects without a TLP marking (default ${DEFAULT-VALUE}).")
    String unmarked = "tlp:clear";

    @Option(names = "--active-only", description = "Leave out revoked and deprecated objects.")
    boolean activeOnly;

    @Option(
            names = "--no-sightings",
            description = "Leave out the STIX sightings of indicators summed from the case's detection hits.")
    boolean noSightings;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the bundle to FILE.")
    @Nullable
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Tlp max = parseTlp(maxMarking, "--max-marking");
        Tlp unmarkedAs = parseTlp(unmarked, "--unmarked");
        PrintWriter err = spec.commandLine().getErr();
        IntelExporter.Options opts = new IntelExporter.Options(Set.copyOf(types), max, unmarkedAs, !activeOnly);
        List<IntelExporter.DerivedObjects> derived =
                noSightings ? List.of() : List.of((st, sink) -> StixSightings.forEach(st, sink));
        IntelExporter.Summary s;
        try (Store store = caseOptions.open()) {
            if (output != null) {
                Path parent = output.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(output))) {
                    s = IntelExporter.export(store, os, opts, derived);
                }
            } else {
                PrintWriter out = spec.commandLine().getOut();
                out.flush();
                OutputStream os = new BufferedOutputStream(System.out);
                s = IntelExporter.export(store, os, opts, derived);
                os.write('\n');
                os.flush();
            }
        }
        err.printf(
                Locale.ROOT,
                "exported %,d objects%s; withheld above %s: %s%n",
                s.total(),
                output == null ? "" : " to " + output,
                max.label(),
                s.withheld().isEmpty() ? "none" : s.withheld());
        return 0;
    }

    private Tlp parseTlp(String text, String option) {
        return Tlp.parse(text)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(),
                        "Invalid value for " + option + ": '" + text
                                + "' (expected tlp:clear, tlp:green, tlp:amber, tlp:amber+strict or tlp:red)"));
    }
}
