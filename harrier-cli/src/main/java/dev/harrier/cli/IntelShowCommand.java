package dev.harrier.cli;

import dev.harrier.core.StixObject;
import dev.harrier.intel.ActorCluster;
import dev.harrier.intel.ActorMember;
import dev.harrier.intel.ActorProfile;
import dev.harrier.intel.KnowledgeBase;
import dev.harrier.intel.Resolution;
import dev.harrier.store.Store;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code harrier intel show}: an actor's profile, found by id, name or alias. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Show an actor (or other object) by id, name or alias.",
            "Names and aliases are case- and punctuation-insensitive (\"equation\",",
            "\"APT-C-39\", \"Cozy Bear\"): aliases and their sources, attributed-to chain, techniques with tactics,",
            "software, campaigns, targeted countries and sectors. An alias that names two unlinked actors is",
            "shown as a conflict, not merged. Names of techniques, software and campaigns also resolve."
        })
final class IntelShowCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseOptions = new CaseOptions();

    @Parameters(paramLabel = "NAME-OR-ID", arity = "1..*", description = "Actor id, name or alias (words are joined).")
    List<String> words = new ArrayList<>();

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Option(
            names = "--max-rows",
            defaultValue = "1000",
            description = "Rows per section in text output (default ${DEFAULT-VALUE}).")
    int maxRows = 1000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String query = String.join(" ", words);
        try (Store store = caseOptions.open()) {
            KnowledgeBase kb = KnowledgeBase.load(store);
            Resolution r = kb.resolve(query);
            switch (r.kind()) {
                case ACTOR: {
                    ActorProfile p = kb.profile(r.candidates().get(0));
                    List<ActorCluster> others =
                            r.candidates().subList(1, r.candidates().size());
                    if (json) {
                        Map<String, Object> doc = new LinkedHashMap<>();
                        doc.put("query", query);
                        doc.put("resolution", "actor");
                        doc.put("profile", p);
                        doc.put("alsoNamedByAlias", others);
                        JsonOutput.print(out, doc);
                    } else {
                        printProfile(out, p, others, maxRows);
                    }
                    return 0;
                }
                case CONFLICT: {
                    if (json) {
                        Map<String, Object> doc = new LinkedHashMap<>();
                        doc.put("query", query);
                        doc.put("resolution", "conflict");
                        doc.put("candidates", r.candidates());
                        JsonOutput.print(out, doc);
                    } else {
                        out.printf(
                                Locale.ROOT,
                                "\"%s\" is an alias of %d actors that no source links; not merged:%n",
                                query,
                                r.candidates().size());
                        for (ActorCluster c : r.candidates()) {
                            out.printf(
                                    Locale.ROOT,
                                    "  %s  %s  [%s]%s%n",
                                    c.primary().name(),
                                    c.primary().id(),
                                    c.members().stream()
                                            .map(ActorMember::source)
                                            .distinct()
                                            .collect(Collectors.joining(", ")),
                                    c.primary().active() ? "" : " (revoked or deprecated)");
                        }
                        out.println("Show one of them by its id or primary name.");
                    }
                    return 0;
                }
                case OBJECT: {
                    if (json) {
                        Map<String, Object> doc = new LinkedHashMap<>();
                        doc.put("query", query);
                        doc.put("resolution", "object");
                        doc.put(
                                "objects",
                                r.objects().stream().map(StixObject::json).collect(Collectors.toList()));
                        JsonOutput.print(out, doc);
                    } else {
                        for (StixObject o : r.objects()) {
                            printObject(out, o);
                        }
                    }
                    return 0;
                }
                default: {
                    if (json) {
                        Map<String, Object> doc = new LinkedHashMap<>();
                        doc.put("query", query);
                        doc.put("resolution", "none");
                        doc.put("suggestions", r.suggestions());
                        JsonOutput.print(out, doc);
                    } else {
                        out.println("No actor or object named \"" + query + "\" in " + store.describe() + ".");
                        if (!r.suggestions().isEmpty()) {
                            out.println("Did you mean: " + String.join(", ", r.suggestions()));
                        }
                    }
                    return Main.PARTIAL;
                }
            }
        }
    }

    static void printProfile(PrintWriter out, ActorProfile p, List<ActorCluster> others, int maxRows) {
        ActorMember primary = p.cluster().primary();
        out.printf(
                Locale.ROOT,
                "%s  (%s)%s%n",
                primary.name(),
                primary.id(),
                primary.active() ? "" : "  [revoked or deprecated]");
        out.println("  sources: "
                + p.cluster().members().stream()
                        .map(m -> m.source() + " " + m.type() + " \"" + m.name() + "\"")
                        .collect(Collectors.joining("; ")));
        for (String why : p.cluster().mergeReasons()) {
            out.println("  merged: " + why);
        }
        if (!p.description().isBlank()) {
            out.println();
            out.println("  " + firstParagraph(p.description()));
        }
        section(out, "Aliases", p.aliases().size());
        for (ActorProfile.AliasRow a : limit(p.aliases(), maxRows)) {
            out.printf(Locale.ROOT, "  %-32s %s%n", a.alias(), String.join(", ", a.sources()));
        }
        if (!p.conflicts().isEmpty() || !others.isEmpty()) {
            section(out, "Alias conflicts (not merged)", p.conflicts().size());
            for (ActorProfile.AliasConflict c : limit(p.conflicts(), maxRows)) {
                out.printf(
                        Locale.ROOT,
                        "  %-32s also names %s (%s) per %s%n",
                        c.alias(),
                        c.otherActorName(),
                        c.otherActorId(),
                        c.otherSource());
            }
        }
        if (!p.attribution().isEmpty()) {
            section(out, "Attributed to", p.attribution().size());
            for (ActorProfile.ChainLink l : p.attribution()) {
                out.printf(Locale.ROOT, "  %s -> %s [%s] per %s%n", l.fromName(), l.toName(), l.toType(), l.source());
            }
        }
        if (!p.originCountries().isEmpty()) {
            section(out, "Suspected origin", p.originCountries().size());
            for (ActorProfile.PlaceRow c : p.originCountries()) {
                out.printf(Locale.ROOT, "  %-32s %s%n", label(c), String.join(", ", c.sources()));
            }
        }
        section(out, "Techniques", p.techniques().size());
        for (ActorProfile.TechniqueRow t : limit(p.techniques(), maxRows)) {
            out.printf(Locale.ROOT, "  %-10s %-50s %s%n", t.attackId(), t.name(), String.join(", ", t.tactics()));
        }
        section(out, "Software", p.software().size());
        for (ActorProfile.SoftwareRow s : limit(p.software(), maxRows)) {
            out.printf(Locale.ROOT, "  %-10s %-40s %s%n", s.attackId(), s.name(), s.type());
        }
        section(out, "Campaigns", p.campaigns().size());
        for (ActorProfile.CampaignRow c : limit(p.campaigns(), maxRows)) {
            out.printf(
                    Locale.ROOT,
                    "  %-10s %-40s %s .. %s%n",
                    c.attackId(),
                    c.name(),
                    shortDate(c.firstSeen()),
                    shortDate(c.lastSeen()));
        }
        section(out, "Targeted countries", p.targetedCountries().size());
        for (ActorProfile.PlaceRow c : limit(p.targetedCountries(), maxRows)) {
            out.printf(Locale.ROOT, "  %-32s %s%n", label(c), String.join(", ", c.sources()));
        }
        section(out, "Targeted sectors", p.targetedSectors().size());
        for (ActorProfile.PlaceRow c : limit(p.targetedSectors(), maxRows)) {
            out.printf(
                    Locale.ROOT,
                    "  %-32s %s%n",
                    c.code().isEmpty() ? c.name() : c.code(),
                    String.join(", ", c.sources()));
        }
    }

    private static void printObject(PrintWriter out, StixObject o) {
        out.printf(
                Locale.ROOT,
                "%s %s  %s%s%n",
                o.type(),
                o.attackId().map(s -> s + " ").orElse(""),
                o.name().orElse(""),
                o.active() ? "" : "  [revoked or deprecated]");
        out.println("  id: " + o.id());
        if (o.aliases().size() > 1) {
            out.println("  aliases: " + String.join(", ", o.aliases()));
        }
        o.description().ifPresent(d -> out.println("  " + firstParagraph(d)));
    }

    private static String label(ActorProfile.PlaceRow c) {
        return c.code().isEmpty() || c.code().equals(c.name()) ? c.name() : c.name() + " (" + c.code() + ")";
    }

    private static String shortDate(String ts) {
        return ts.length() >= 10 ? ts.substring(0, 10) : (ts.isEmpty() ? "?" : ts);
    }

    private static void section(PrintWriter out, String title, int n) {
        out.println();
        out.printf(Locale.ROOT, "%s (%d)%n", title, n);
    }

    private static <T> List<T> limit(List<T> rows, int max) {
        return rows.size() <= max ? rows : rows.subList(0, max);
    }

    private static String firstParagraph(String s) {
        String p = s.split("\n\n", 2)[0].replaceAll("\\(Citation:[^)]*\\)", "").trim();
        return p.length() > 600 ? p.substring(0, 597) + "..." : p;
    }
}
