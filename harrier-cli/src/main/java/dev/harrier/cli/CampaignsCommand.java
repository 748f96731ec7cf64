package dev.harrier.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.harrier.analysis.campaign.AssetBook;
import dev.harrier.analysis.campaign.AssetRegistry;
import dev.harrier.analysis.campaign.Campaign;
import dev.harrier.analysis.campaign.CampaignAnalysis;
import dev.harrier.analysis.campaign.CampaignAnalyzer;
import dev.harrier.analysis.campaign.CampaignOptions;
import dev.harrier.analysis.campaign.GeoIp;
import dev.harrier.analysis.campaign.Incident;
import dev.harrier.analysis.campaign.Link;
import dev.harrier.analysis.campaign.SharedFeature;
import dev.harrier.core.Json;
import dev.harrier.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code harrier campaigns}: the case's incidents clustered into campaigns, with the evidence that links them. */
@Command(
        name = "campaigns",
        mixinStandardHelpOptions = true,
        description = {
            "Cluster the case's incidents into campaigns, with the evidence that links them.",
            "Sightings become incidents per asset, split by a quiet gap (--gap); incidents are clustered by shared",
            "indicators, external infrastructure, and rare rules or techniques (ones most incidents share are no",
            "evidence) within a time window (--window). Lists each campaign's id, time span, incidents, victims",
            "and the links that joined it. Assets come from 'harrier assets import'."
        })
final class CampaignsCommand implements Callable<Integer> {
    /** Writes the analysis records as JSON: instants and durations as their ISO-8601 text. */
    private static final ObjectWriter JSON = Json.mapper()
            .copy()
            .registerModule(new SimpleModule("harrier-campaign-times")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(Duration.class, ToStringSerializer.instance))
            .writerWithDefaultPrettyPrinter();

    private static final int LINKS_SHOWN = 6;
    private static final int SHARED_SHOWN = 6;

    @Mixin
    CaseOptions caseOptions = new CaseOptions();

    @Mixin
    Analysis analysis = new Analysis();

    @Option(names = "--json", description = "Print the campaigns, incidents and notes as one JSON document.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The options that shape incidents and campaigns, shared with {@code harrier scope}. */
    static final class Analysis {
        private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([dhm]?)");

        @Option(
                names = "--gap",
                paramLabel = "DURATION",
                defaultValue = "7d",
                description = "Quiet time after which a new incident starts on an asset: 7d, 12h, 90m"
                        + " (default: ${DEFAULT-VALUE}).")
        String gap = "7d";

        @Option(
                names = "--window",
                paramLabel = "DURATION",
                defaultValue = "365d",
                description = "Incidents further apart than this are not linked (default: ${DEFAULT-VALUE}).")
        String window = "365d";

        @Option(
                names = "--geoip",
                paramLabel = "FILE",
                description = "A GeoIP country database (MMDB, e.g. DB-IP Lite country) for the country of"
                        + " addresses outside the assets.")
        @Nullable
        Path geoip;

        /** The assets of the case, with the GeoIP database when one is given. */
        AssetBook book(CommandLine cl, Store store) {
            GeoIp db = null;
            if (geoip != null) {
                try {
                    db = GeoIp.open(geoip);
                } catch (IOException e) {
                    throw new CommandLine.ParameterException(cl, "--geoip: " + e.getMessage());
                }
            }
            return new AssetBook(AssetRegistry.load(store), db);
        }

        CampaignOptions options(CommandLine cl) {
            return CampaignOptions.defaults()
                    .withQuietGap(duration(cl, "--gap", gap, false))
                    .withWindow(duration(cl, "--window", window, true));
        }

        private static Duration duration(CommandLine cl, String option, String text, boolean zeroOk) {
            Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new CommandLine.ParameterException(
                        cl, option + ": '" + text + "' is not a duration (7d, 12h, 90m; a bare number is days)");
            }
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofDays(n);
            };
            if (d.isZero() && !zeroOk) {
                throw new CommandLine.ParameterException(cl, option + ": must be more than 0");
            }
            return d;
        }

        /** Analyzes the case; null (after printing why) when it has no sightings. */
        @Nullable
        CampaignAnalysis analyze(CommandLine cl, Store store, AssetBook book) {
            CampaignOptions options = options(cl);
            CampaignAnalysis a = CampaignAnalyzer.analyze(store, book, options);
            if (a.sightings() == 0) {
                cl.getErr()
                        .println("harrier: no sightings in " + store.describe()
                                + ": nothing to analyse (run 'harrier detect' first)");
                return null;
            }
            return a;
        }
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        try (Store store = caseOptions.open()) {
            AssetBook book = analysis.book(cl, store);
            try {
                CampaignAnalysis a = analysis.analyze(cl, store, book);
                if (a == null) {
                    return Main.PARTIAL;
                }
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("store", store.describe());
                    doc.put("sightings", a.sightings());
                    doc.put("events", a.events());
                    doc.put("untimed", a.untimed());
                    doc.put("assets", book.assets().size());
                    doc.put("options", a.options());
                    doc.put("campaigns", a.campaigns());
                    doc.put("incidents", a.incidents());
                    doc.put("ignored", a.ignored());
                    doc.put("notes", a.notes());
                    printJson(out, doc);
                } else {
                    printText(out, a, store.describe(), book);
                }
                return 0;
            } finally {
                book.geoIp().ifPresent(GeoIp::close);
            }
        }
    }

    /** Prints one JSON document with the campaign records' instants and durations as ISO-8601 text. */
    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void printText(PrintWriter out, CampaignAnalysis a, String where, AssetBook book) {
        long singles =
                a.campaigns().stream().filter(c -> c.incidents().size() == 1).count();
        out.printf(
                Locale.ROOT,
                "Campaigns: %,d (%,d of a single incident) from %,d incidents, %,d events, %,d sightings in %s; %,d"
                        + " assets known%n",
                a.campaigns().size(),
                singles,
                a.incidents().size(),
                a.events(),
                a.sightings(),
                where,
                book.assets().size());
        Map<String, Incident> incidents = new LinkedHashMap<>();
        for (Incident i : a.incidents()) {
            incidents.put(i.id(), i);
        }
        for (Campaign c : a.campaigns()) {
            out.println();
            out.printf(
                    Locale.ROOT,
                    "%s  %s  %,d incident%s, %,d events, %,d asset%s, victims: %s%n",
                    c.id(),
                    span(c.first(), c.last()),
                    c.incidents().size(),
                    c.incidents().size() == 1 ? "" : "s",
                    c.events(),
                    c.assets(),
                    c.assets() == 1 ? "" : "s",
                    String.join(", ", c.victims()));
            if (c.incidents().size() == 1) {
                Incident i = incidents.get(c.incidents().get(0));
                out.printf(Locale.ROOT, "  single incident %s on %s: nothing links it to others%n", i.id(), i.asset());
                continue;
            }
            // indicators of one value (several feeds) are shown once, with their count
            Map<String, int[]> byLabel = new LinkedHashMap<>();
            Map<String, SharedFeature> firstOf = new LinkedHashMap<>();
            for (SharedFeature f : c.shared()) {
                String key = f.kind() + " " + (f.kind().equals("indicator") ? f.label() : f.value());
                byLabel.computeIfAbsent(key, k -> new int[1])[0]++;
                firstOf.putIfAbsent(key, f);
            }
            List<String> shared = new ArrayList<>();
            for (Map.Entry<String, SharedFeature> e : firstOf.entrySet()) {
                if (shared.size() == SHARED_SHOWN) {
                    break;
                }
                SharedFeature f = e.getValue();
                int ids = byLabel.get(e.getKey())[0];
                shared.add(String.format(
                        Locale.ROOT,
                        "%s%s (%d incidents, weight %.2f)",
                        e.getKey(),
                        ids > 1 ? " [" + ids + " indicators]" : "",
                        f.incidents(),
                        f.weight()));
            }
            if (!shared.isEmpty()) {
                out.println("  shared: " + String.join("; ", shared));
            }
            out.println("  links:");
            for (Link l : c.links().subList(0, Math.min(LINKS_SHOWN, c.links().size()))) {
                out.printf(
                        Locale.ROOT,
                        "    %s %s: %s -> %s (weight %.2f)%n",
                        l.kind(),
                        l.value(),
                        describe(incidents.get(l.from())),
                        describe(incidents.get(l.to())),
                        l.weight());
            }
            long more = c.links().size() - Math.min(LINKS_SHOWN, c.links().size()) + c.linksOmitted();
            if (more > 0) {
                out.printf(Locale.ROOT, "    ... %,d more links (--json lists the kept ones)%n", more);
            }
        }
        if (!a.ignored().isEmpty()) {
            out.println();
            out.println("Not evidence (shared by most incidents): "
                    + String.join(
                            ", ",
                            a.ignored().stream()
                                    .map(f -> f.kind() + " " + f.value() + " (" + f.incidents() + ")")
                                    .toList()));
        }
        for (String n : a.notes()) {
            out.println("Note: " + n);
        }
    }

    private static String describe(@Nullable Incident i) {
        if (i == null) {
            return "?";
        }
        return i.id() + " " + i.asset() + (i.first() == null ? "" : " " + day(i.first()));
    }

    static String span(@Nullable Instant first, @Nullable Instant last) {
        if (first == null) {
            return "(no time)";
        }
        return day(first) + ".." + day(last == null ? first : last);
    }

    private static String day(Instant t) {
        return t.toString().substring(0, 10);
    }
}
