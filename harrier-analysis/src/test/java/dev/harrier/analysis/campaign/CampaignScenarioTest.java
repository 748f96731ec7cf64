package dev.harrier.analysis.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harrier.core.Limits;
import dev.harrier.store.ImportCounts;
import dev.harrier.store.Sighting;
import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignScenarioTest {
    @TempDir
    Path tmp;

    private CampaignAnalysis analyzeStore(CampaignOptions options) throws Exception {
        Path csv = Scenario.writeAssets(tmp);
        AssetCsv.Parsed parsed = AssetCsv.read(csv, Limits.defaults());
        assertThat(parsed.errors()).isEmpty();
        try (Store store = SqlStores.open(tmp.resolve("case"))) {
            ImportCounts first = AssetRegistry.save(store, parsed.assets(), csv.toString(), "x");
            assertThat(first.totalAdded()).isEqualTo(4 + 5); // four organisations, five assets
            ImportCounts again = AssetRegistry.save(store, parsed.assets(), csv.toString(), "x");
            assertThat(again.totalAdded() + again.totalUpdated()).isZero(); // re-import is idempotent
            assertThat(store.addSightings(Scenario.sightings()))
                    .isEqualTo(Scenario.sightings().size());
            AssetBook book = new AssetBook(AssetRegistry.load(store), null);
            assertThat(book.assets()).hasSize(5);
            return CampaignAnalyzer.analyze(store, book, options);
        }
    }

    /** Campaign membership as sorted lists of "asset@date" of its incidents. */
    private static List<List<String>> membership(CampaignAnalysis a) {
        return a.campaigns().stream()
                .map(c -> a.incidentsOf(c).stream()
                        .map(i -> i.asset() + "@" + i.first().toString().substring(0, 10))
                        .sorted()
                        .toList())
                .toList();
    }

    @Test
    void twoCampaignsAndNoiseAreSeparated() throws Exception {
        CampaignAnalysis a = analyzeStore(CampaignOptions.defaults());
        assertThat(a.sightings()).isEqualTo(Scenario.sightings().size());
        assertThat(a.events()).isEqualTo(Scenario.sightings().size() - 1); // two indicators on one event
        assertThat(a.incidents()).hasSize(10);
        assertThat(membership(a))
                .containsExactly(
                        List.of(
                                "plc-c1.fabrikam.example@2025-03-10",
                                "srv-b1.contoso.example@2024-05-10",
                                "ws-a1.nw.example@2024-03-04",
                                "ws-a1.nw.example@2025-02-01"),
                        List.of("10.2.5.5@2024-09-03", "fin-d1.tailspin.example@2024-09-01", "laptop-x@2025-06-15"),
                        List.of("ws-a2.nw.example@2024-07-01"),
                        List.of("srv-b1.contoso.example@2025-10-01"),
                        List.of("ws-a2.nw.example@2025-11-20"));
        // the ubiquitous technique and rule are reported as no evidence
        assertThat(a.ignored())
                .extracting(SharedFeature::kind, SharedFeature::value, SharedFeature::incidents)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("rule", "R-common", 6),
                        org.assertj.core.groups.Tuple.tuple("technique", "T1059.001", 6));
        assertThat(a.notes()).isEmpty();
    }

    @Test
    void linksExplainWhyIncidentsBelongTogether() throws Exception {
        CampaignAnalysis a = analyzeStore(CampaignOptions.defaults());
        Campaign campA = a.campaigns().get(0);
        Map<String, String> assetOf = a.incidents().stream()
                .collect(Collectors.toMap(
                        Incident::id,
                        i -> i.asset() + "@" + i.first().toString().substring(0, 10)));
        List<String> links = campA.links().stream()
                .map(l -> l.kind() + " " + l.value() + ": " + assetOf.get(l.from()) + " -> " + assetOf.get(l.to()))
                .sorted()
                .toList();
        assertThat(links)
                .containsExactly(
                        "indicator " + Scenario.A2
                                + ": srv-b1.contoso.example@2024-05-10 -> ws-a1.nw.example@2025-02-01",
                        "infrastructure 203.0.113.10: srv-b1.contoso.example@2024-05-10 -> ws-a1.nw.example@2025-02-01",
                        "infrastructure c2-a.example: ws-a1.nw.example@2024-03-04 -> srv-b1.contoso.example@2024-05-10",
                        "techniques T1055.012, T1218.011, T1620, T1027.002: ws-a1.nw.example@2025-02-01 ->"
                                + " plc-c1.fabrikam.example@2025-03-10");
        assertThat(campA.shared())
                .extracting(SharedFeature::kind, SharedFeature::value, SharedFeature::incidents)
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple("indicator", Scenario.A2, 2),
                        org.assertj.core.groups.Tuple.tuple("infrastructure", "203.0.113.10", 2),
                        org.assertj.core.groups.Tuple.tuple("infrastructure", "c2-a.example", 2));
        assertThat(campA.shared())
                .noneMatch(f -> f.value().equals("T1059.001") || f.value().equals("R-common"));
        assertThat(campA.linksOmitted()).isZero();
        // deterministic ids: derived from the smallest incident id
        String smallest = campA.incidents().stream().sorted().findFirst().orElseThrow();
        assertThat(campA.id()).isEqualTo("camp-" + CampaignAnalyzer.shortId("campaign|" + smallest));
        assertThat(a.campaign(campA.id())).contains(campA);
        assertThat(a.campaign(campA.id().substring(0, 9))).isPresent();
        assertThat(analyzeAgainIds())
                .isEqualTo(a.campaigns().stream().map(Campaign::id).toList());
    }

    private List<String> analyzeAgainIds() throws Exception {
        AssetBook book = new AssetBook(
                AssetCsv.read(Scenario.writeAssets(tmp), Limits.defaults()).assets(), null);
        CampaignAnalyzer again = new CampaignAnalyzer(book, CampaignOptions.defaults());
        Scenario.sightings().stream()
                .sorted(java.util.Comparator.comparing(Sighting::observed))
                .forEach(again::accept);
        CampaignAnalysis b = again.finish();
        return b.campaigns().stream().map(Campaign::id).toList();
    }

    @Test
    void scopeCountsVictimsCountriesYearsAndInfrastructure() throws Exception {
        CampaignAnalysis a = analyzeStore(CampaignOptions.defaults());
        AssetBook book = new AssetBook(
                AssetCsv.read(Scenario.writeAssets(tmp), Limits.defaults()).assets(), null);
        Scope scope = ScopeReport.of(a, a.campaigns().get(0), book);
        assertThat(scope.incidents()).isEqualTo(4);
        assertThat(scope.events()).isEqualTo(12);
        assertThat(scope.first()).isEqualTo(Instant.parse("2024-03-04T09:00:00Z"));
        assertThat(scope.last()).isEqualTo(Instant.parse("2025-03-12T12:00:00Z"));
        assertThat(scope.victims())
                .extracting(Scope.Victim::name, Scope.Victim::incidents, Scope.Victim::events)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Northwind Ministry", 2, 7L),
                        org.assertj.core.groups.Tuple.tuple("Contoso Shipping", 1, 3L),
                        org.assertj.core.groups.Tuple.tuple("Fabrikam Energy", 1, 2L));
        Scope.Victim nw = scope.victims().get(0);
        assertThat(nw.first()).isEqualTo(Instant.parse("2024-03-04T09:00:00Z"));
        assertThat(nw.last()).isEqualTo(Instant.parse("2025-02-01T08:05:00Z"));
        assertThat(nw.sector()).isEqualTo("government");
        assertThat(nw.regions()).containsExactly("PL/Pomorskie");
        assertThat(scope.byCountry())
                .extracting(Scope.Tally::key, Scope.Tally::victims, Scope.Tally::events)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PL", 1, 7L),
                        org.assertj.core.groups.Tuple.tuple("DE", 1, 3L),
                        org.assertj.core.groups.Tuple.tuple("NL", 1, 2L));
        assertThat(scope.bySector())
                .extracting(Scope.Tally::key)
                .containsExactly("government", "transportation", "energy");
        assertThat(scope.perYear())
                .extracting(Scope.YearTally::year, Scope.YearTally::events, Scope.YearTally::victims)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2024, 6L, 2),
                        org.assertj.core.groups.Tuple.tuple(2025, 6L, 2));
        assertThat(scope.infrastructure())
                .extracting(
                        Scope.Infrastructure::value,
                        Scope.Infrastructure::type,
                        Scope.Infrastructure::country,
                        Scope.Infrastructure::incidents,
                        Scope.Infrastructure::indicator)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("203.0.113.10", "ip", "unknown", 2, true),
                        org.assertj.core.groups.Tuple.tuple("c2-a.example", "domain", "unknown", 2, true));
        assertThat(scope.infrastructureByCountry()).containsExactly(new Scope.Tally("unknown", 2, 0));
        assertThat(scope.notes()).anyMatch(n -> n.contains("no GeoIP database"));

        Scope b = ScopeReport.of(a, a.campaigns().get(1), book);
        assertThat(b.victims())
                .extracting(Scope.Victim::name, Scope.Victim::known, Scope.Victim::countries)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Tailspin Bank", true, List.of("FR")),
                        org.assertj.core.groups.Tuple.tuple("Contoso Shipping", true, List.of("DE")),
                        org.assertj.core.groups.Tuple.tuple("laptop-x", false, List.of()));
        assertThat(b.byCountry()).extracting(Scope.Tally::key).containsExactly("FR", "DE", "unknown");

        Scope all = ScopeReport.of(a, null, book);
        assertThat(all.campaign()).isNull();
        assertThat(all.incidents()).isEqualTo(10);
        assertThat(all.byOrganisation())
                .extracting(Scope.Tally::key)
                .containsExactly(
                        "Northwind Ministry", "Contoso Shipping", "Tailspin Bank", "Fabrikam Energy", "unknown");
    }

    @Test
    void selectorPicksACampaignsSightings() throws Exception {
        CampaignAnalysis a = analyzeStore(CampaignOptions.defaults());
        AssetBook book = new AssetBook(
                AssetCsv.read(Scenario.writeAssets(tmp), Limits.defaults()).assets(), null);
        for (Campaign c : a.campaigns()) {
            CampaignSelector selector = CampaignSelector.of(a, c, book);
            long n = Scenario.sightings().stream().filter(selector).count();
            assertThat(n).as(c.id()).isEqualTo(c.sightings());
        }
        CampaignSelector first = CampaignSelector.of(a, a.campaigns().get(0), book);
        assertThat(Scenario.sightings().stream()
                        .filter(first)
                        .map(Sighting::host)
                        .distinct())
                .containsExactlyInAnyOrder(
                        "ws-a1.nw.example", "WS-A1", "srv-b1.contoso.example", "plc-c1.fabrikam.example");
    }

    @Test
    void aShortWindowSplitsTheFirstCampaign() throws Exception {
        CampaignAnalysis a = analyzeStore(CampaignOptions.defaults().withWindow(Duration.ofDays(90)));
        assertThat(membership(a))
                .contains(
                        List.of("srv-b1.contoso.example@2024-05-10", "ws-a1.nw.example@2024-03-04"),
                        List.of("plc-c1.fabrikam.example@2025-03-10", "ws-a1.nw.example@2025-02-01"));
    }

    @Test
    void aLongerQuietGapMergesIncidentsOfOneAsset() throws Exception {
        AssetBook book = new AssetBook(
                AssetCsv.read(Scenario.writeAssets(tmp), Limits.defaults()).assets(), null);
        CampaignAnalyzer an =
                new CampaignAnalyzer(book, CampaignOptions.defaults().withQuietGap(Duration.ofDays(400)));
        Scenario.sightings().stream()
                .sorted(java.util.Comparator.comparing(Sighting::observed))
                .forEach(an::accept);
        CampaignAnalysis a = an.finish();
        assertThat(a.incidents().stream()
                        .filter(i -> i.asset().startsWith("ws-a1"))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void capsAreReportedNotSilent() throws Exception {
        CampaignAnalysis a = analyzeStore(CampaignOptions.defaults().withCaps(3, 1, 2));
        assertThat(a.notes())
                .anyMatch(n -> n.contains("maxLinksPerIncident"))
                .anyMatch(n -> n.contains("maxFeaturesPerIncident"));
        assertThat(a.campaigns().stream().mapToLong(Campaign::linksOmitted).sum())
                .isPositive();
        assertThat(a.incidents().stream().mapToLong(Incident::featuresOmitted).sum())
                .isPositive();
        for (Incident i : a.incidents()) {
            assertThat(i.indicators().size()
                            + i.infrastructure().size()
                            + i.rules().size()
                            + i.techniques().size())
                    .isLessThanOrEqualTo(3);
        }
    }

    @Test
    void emptyCaseAndSingleEvent() throws Exception {
        try (Store store = SqlStores.open(tmp.resolve("empty"))) {
            CampaignAnalysis a = CampaignAnalyzer.analyze(store, AssetBook.empty(), CampaignOptions.defaults());
            assertThat(a.sightings()).isZero();
            assertThat(a.campaigns()).isEmpty();
            Scope s = ScopeReport.of(a, null, AssetBook.empty());
            assertThat(s.victims()).isEmpty();
            assertThat(s.first()).isNull();
        }
        CampaignAnalyzer one = new CampaignAnalyzer(AssetBook.empty(), CampaignOptions.defaults());
        one.accept(Scenario.sightings().get(0));
        CampaignAnalysis a = one.finish();
        assertThat(a.campaigns()).hasSize(1);
        Campaign c = a.campaigns().get(0);
        assertThat(c.incidents()).hasSize(1);
        assertThat(c.links()).isEmpty();
        assertThat(c.shared()).isEmpty();
        Scope s = ScopeReport.of(a, c, AssetBook.empty());
        assertThat(s.events()).isEqualTo(1);
        assertThat(s.victims()).extracting(Scope.Victim::name).containsExactly("ws-a1.nw.example");
        assertThat(s.infrastructure()).extracting(Scope.Infrastructure::value).containsExactly("c2-a.example");
    }

    @Test
    void untimedSightingsJoinTheirAssetsIncident() {
        CampaignAnalyzer an = new CampaignAnalyzer(AssetBook.empty(), CampaignOptions.defaults());
        Sighting timed = Scenario.sightings().get(0);
        an.accept(timed);
        an.accept(new Sighting(
                "s2", "sigma", "R", "R", null, null, List.of(), null, "ws-a1.nw.example", "x", 1, Map.of()));
        an.accept(new Sighting("s3", "sigma", "R", "R", null, null, List.of(), null, "other", "x", 2, Map.of()));
        CampaignAnalysis a = an.finish();
        assertThat(a.untimed()).isEqualTo(2);
        assertThat(a.incidents()).hasSize(2);
        assertThat(a.incidents().get(0).sightings()).isEqualTo(2);
        assertThat(a.incidents().get(1).first()).isNull();
    }

    @Test
    void ambiguousCampaignPrefixIsAnError() throws Exception {
        CampaignAnalysis a = analyzeStore(CampaignOptions.defaults());
        assertThatThrownBy(() -> a.campaign("camp-"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names 5 campaigns");
        assertThat(a.campaign("camp-zzzz")).isEmpty();
        assertThat(Files.exists(tmp.resolve("case"))).isTrue();
    }
}
