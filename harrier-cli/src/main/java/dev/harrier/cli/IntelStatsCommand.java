package dev.harrier.cli;

import dev.harrier.intel.IntelStats;
import dev.harrier.store.Store;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code harrier intel stats}: what the case's knowledge base holds. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = {
            "Count objects, ATT&CK groups, techniques, software and relationships.",
            "Objects are counted by type (total and active, i.e. neither revoked nor deprecated); ATT&CK",
            "groups, techniques, sub-techniques, software and campaigns over MITRE's own objects."
        })
final class IntelStatsCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseOptions = new CaseOptions();

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = caseOptions.open()) {
            IntelStats s = IntelStats.compute(store);
            if (json) {
                JsonOutput.print(out, s);
            } else {
                print(out, s);
            }
        }
        return 0;
    }

    static void print(PrintWriter out, IntelStats s) {
        out.println("Objects by type                     total     active");
        long total = 0;
        long active = 0;
        for (Map.Entry<String, Long> e : s.total().entrySet()) {
            long a = s.active().getOrDefault(e.getKey(), 0L);
            out.printf(Locale.ROOT, "  %-30s %,9d  %,9d%n", e.getKey(), e.getValue(), a);
            total += e.getValue();
            active += a;
        }
        out.printf(Locale.ROOT, "  %-30s %,9d  %,9d%n", "(all)", total, active);
        IntelStats.AttackCounts a = s.attack();
        out.println();
        out.println("MITRE ATT&CK (active)");
        out.printf(Locale.ROOT, "  %-30s %,9d%n", "groups", a.groups());
        out.printf(Locale.ROOT, "  %-30s %,9d%n", "techniques", a.techniques());
        out.printf(Locale.ROOT, "  %-30s %,9d%n", "sub-techniques", a.subtechniques());
        out.printf(Locale.ROOT, "  %-30s %,9d%n", "software", a.software());
        out.printf(Locale.ROOT, "  %-30s %,9d%n", "campaigns", a.campaigns());
        for (Map.Entry<String, Long> d : a.domains().entrySet()) {
            out.printf(Locale.ROOT, "  %-30s %,9d%n", "domain " + d.getKey(), d.getValue());
        }
        out.println();
        out.println("Relationships by type               total     active");
        for (Map.Entry<String, Long> e : s.relationships().entrySet()) {
            out.printf(
                    Locale.ROOT,
                    "  %-30s %,9d  %,9d%n",
                    e.getKey(),
                    e.getValue(),
                    s.activeRelationships().getOrDefault(e.getKey(), 0L));
        }
    }
}
