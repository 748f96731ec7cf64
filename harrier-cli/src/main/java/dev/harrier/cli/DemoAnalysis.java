package dev.harrier.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.analysis.attribution.Attribution;
import dev.harrier.analysis.attribution.AttributionKnowledge;
import dev.harrier.analysis.attribution.Attributor;
import dev.harrier.analysis.attribution.Candidate;
import dev.harrier.analysis.attribution.Evidence;
import dev.harrier.analysis.campaign.AssetBook;
import dev.harrier.analysis.campaign.AssetCsv;
import dev.harrier.analysis.campaign.AssetRegistry;
import dev.harrier.analysis.campaign.Campaign;
import dev.harrier.analysis.campaign.CampaignAnalysis;
import dev.harrier.analysis.campaign.CampaignAnalyzer;
import dev.harrier.analysis.campaign.CampaignOptions;
import dev.harrier.analysis.campaign.CampaignSelector;
import dev.harrier.analysis.campaign.Scope;
import dev.harrier.analysis.campaign.ScopeReport;
import dev.harrier.analysis.clock.ActivityClock;
import dev.harrier.analysis.clock.ActivityLog;
import dev.harrier.analysis.clock.ActivitySource;
import dev.harrier.analysis.clock.ClockOptions;
import dev.harrier.analysis.clock.ClockResult;
import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import dev.harrier.report.NavigatorLayers;
import dev.harrier.store.SightingQuery;
import dev.harrier.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The analysis steps of {@code harrier demo}: assets, campaigns and scope, activity clock, attribution, report. */
final class DemoAnalysis {
    private final PrintWriter out;
    private final Store store;
    private final Path sampleDir;
    private @Nullable Campaign campaign;
    private @Nullable CampaignSelector selector;
    private @Nullable Scope scope;
    private @Nullable String actor;

    DemoAnalysis(PrintWriter out, Store store, Path sampleDir) {
        this.out = out;
        this.store = store;
        this.sampleDir = sampleDir;
    }

    Map<String, Object> campaigns() throws IOException {
        Path csv = sampleDir.resolve("assets.csv");
        AssetCsv.Parsed parsed = AssetCsv.read(csv, Limits.defaults());
        String sha = java.util.HexFormat.of().formatHex(sha256(Files.readAllBytes(csv)));
        AssetRegistry.save(store, parsed.assets(), csv.getFileName().toString(), sha);
        out.printf(
                Locale.ROOT,
                "  assets: %d from %s (./harrier assets import)%n",
                parsed.assets().size(),
                csv);
        AssetBook book = new AssetBook(AssetRegistry.load(store), null);
        CampaignAnalysis a = CampaignAnalyzer.analyze(store, book, CampaignOptions.defaults());
        out.printf(
                Locale.ROOT,
                "  %d campaigns (./harrier campaigns)%n",
                a.campaigns().size());
        Campaign c = a.campaigns().stream()
                .max(Comparator.comparingLong(Campaign::events).thenComparing(Campaign::id))
                .orElse(null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaigns", a.campaigns().size());
        if (c == null) {
            out.println("  no campaign: nothing to scope");
            return m;
        }
        campaign = c;
        selector = CampaignSelector.of(a, c, book);
        scope = ScopeReport.of(a, c, book);
        out.printf(
                Locale.ROOT,
                "  largest: %s, %d incidents, %,d events, %s .. %s%n",
                c.id(),
                c.incidents().size(),
                c.events(),
                c.first(),
                c.last());
        for (Scope.Victim v : scope.victims()) {
            out.printf(
                    Locale.ROOT,
                    "    victim %-32s %-14s %s%n",
                    v.name(),
                    v.sector() == null ? "-" : v.sector(),
                    String.join(",", v.countries()));
        }
        out.printf(
                Locale.ROOT,
                "  scope: %d victims in %d countries, %d sectors (./harrier scope --case DIR --campaign %s)%n",
                scope.victims().size(),
                scope.byCountry().size(),
                scope.bySector().size(),
                c.id());
        m.put("campaign", c.id());
        m.put("victims", scope.victims().size());
        m.put("countries", scope.byCountry().size());
        return m;
    }

    Map<String, Object> clock() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (selector == null) {
            out.println("  no campaign");
            return m;
        }
        ActivityLog log = new ActivityLog();
        Set<String> seen = new HashSet<>();
        CampaignSelector sel = selector;
        store.forEachSighting(SightingQuery.all(), s -> {
            if (sel.test(s) && s.observed() != null && seen.add(s.eventSource() + ":" + s.eventLine())) {
                log.add(s.observed(), ActivitySource.INTERACTIVE_EVENT);
            }
        });
        ClockResult r = ActivityClock.analyze(log, ClockOptions.defaults());
        out.printf(Locale.ROOT, "  %,d events over %d active days%n", r.events(), r.activeDays());
        if (r.best() == null) {
            for (String msg : r.messages()) {
                out.println("  " + msg);
            }
        } else {
            out.printf(
                    Locale.ROOT,
                    "  best fit %s (p=%.2f), working %s%n",
                    r.best().label(),
                    r.best().probability(),
                    r.best().workHours());
        }
        out.println("  (./harrier clock --case DIR --campaign " + campaign().id() + ")");
        m.put("status", r.status().name());
        m.put("best", r.best() == null ? null : r.best().label());
        return m;
    }

    Map<String, Object> attribute() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (selector == null || scope == null) {
            out.println("  no campaign");
            return m;
        }
        Evidence evidence = new CampaignContext(campaign(), selector, scope).evidence(store);
        Attribution a = new Attributor(AttributionKnowledge.load(store)).attribute(evidence, 3);
        out.printf(
                Locale.ROOT,
                "  evidence: %d techniques, %d indicators, victims in %s%n",
                evidence.techniques().size(),
                evidence.indicators().size(),
                evidence.countries());
        for (Candidate c : a.candidates()) {
            out.printf(Locale.ROOT, "  %d. %-28s p=%.3f%n", c.rank(), c.name(), c.probability());
        }
        out.printf(Locale.ROOT, "  unknown actor p=%.3f; decision: %s%n", a.unknownProbability(), a.decision());
        out.println("  (./harrier attribute --case DIR --campaign " + campaign().id() + ")");
        if (!a.abstain() && !a.candidates().isEmpty()) {
            actor = a.candidates().get(0).name();
        }
        m.put("decision", a.decision());
        m.put("actor", actor);
        m.put(
                "probability",
                a.candidates().isEmpty() ? null : a.candidates().get(0).probability());
        return m;
    }

    Map<String, Object> navigator(Path dir) throws IOException {
        Files.createDirectories(dir);
        NavigatorLayers.Collector c = new NavigatorLayers.Collector();
        store.forEachSighting(SightingQuery.all(), c::add);
        Path file = dir.resolve("navigator-case.json");
        write(NavigatorLayers.caseLayer("Harrier case: techniques seen", "The sample case.", c), file);
        out.println("  " + file + " (./harrier report --case DIR --out DIR)");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("navigator", file.toString());
        return m;
    }

    private Campaign campaign() {
        if (campaign == null) {
            throw new IllegalStateException("no campaign");
        }
        return campaign;
    }

    private static void write(ObjectNode layer, Path file) throws IOException {
        Files.writeString(
                file,
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(layer) + "\n",
                StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
