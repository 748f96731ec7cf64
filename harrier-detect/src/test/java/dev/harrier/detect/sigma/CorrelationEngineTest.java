package dev.harrier.detect.sigma;

import static dev.harrier.detect.sigma.SigmaCorrelation.Op.EQ;
import static dev.harrier.detect.sigma.SigmaCorrelation.Op.GT;
import static dev.harrier.detect.sigma.SigmaCorrelation.Op.GTE;
import static dev.harrier.detect.sigma.SigmaCorrelation.Op.LT;
import static dev.harrier.detect.sigma.SigmaCorrelation.Op.LTE;
import static dev.harrier.detect.sigma.SigmaCorrelation.Type.EVENT_COUNT;
import static dev.harrier.detect.sigma.SigmaCorrelation.Type.TEMPORAL;
import static dev.harrier.detect.sigma.SigmaCorrelation.Type.TEMPORAL_ORDERED;
import static dev.harrier.detect.sigma.SigmaCorrelation.Type.VALUE_AVG;
import static dev.harrier.detect.sigma.SigmaCorrelation.Type.VALUE_COUNT;
import static dev.harrier.detect.sigma.SigmaCorrelation.Type.VALUE_PERCENTILE;
import static dev.harrier.detect.sigma.SigmaCorrelation.Type.VALUE_SUM;
import static dev.harrier.detect.sigma.TestEvents.T0;
import static dev.harrier.detect.sigma.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.harrier.telemetry.Event;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CorrelationEngineTest {
    private static final Map<String, String> RULES = Map.ofEntries(
            Map.entry("rule_a", "id-a"),
            Map.entry("id-a", "id-a"),
            Map.entry("rule_b", "id-b"),
            Map.entry("id-b", "id-b"),
            Map.entry("rule_c", "id-c"),
            Map.entry("id-c", "id-c"),
            Map.entry("failed_login", "id-failed"),
            Map.entry("successful_login", "id-success"),
            Map.entry("internal_error", "id-ie"),
            Map.entry("id-ie", "id-ie"),
            Map.entry("new_network_connection", "id-nc"),
            Map.entry("id-nc", "id-nc"));

    private static final Duration MINUTE = Duration.ofMinutes(1);

    // ---------------------------------------------------------------- helpers

    private static int lines = 1000;

    private static SigmaCorrelation corr(
            String name,
            SigmaCorrelation.Type type,
            List<String> rules,
            List<String> groupBy,
            Duration span,
            SigmaCorrelation.@Nullable Threshold condition) {
        return corr(name, type, rules, groupBy, span, condition, Map.of());
    }

    private static SigmaCorrelation corr(
            String name,
            SigmaCorrelation.Type type,
            List<String> rules,
            List<String> groupBy,
            Duration span,
            SigmaCorrelation.@Nullable Threshold condition,
            Map<String, Map<String, String>> aliases) {
        return new SigmaCorrelation(
                "corr.yml",
                lines++,
                null,
                name,
                "Title " + name,
                null,
                null,
                null,
                null,
                List.of(),
                type,
                rules,
                groupBy,
                span,
                condition,
                aliases,
                false);
    }

    /** A condition: {@code opsAndValues} alternates {@link SigmaCorrelation.Op}s and numbers. */
    private static SigmaCorrelation.Threshold cond(Object... opsAndValues) {
        return condOn(null, null, opsAndValues);
    }

    private static SigmaCorrelation.Threshold condOn(
            @Nullable String field, @Nullable Integer percentile, Object... opsAndValues) {
        Map<SigmaCorrelation.Op, BigDecimal> m = new LinkedHashMap<>();
        for (int i = 0; i < opsAndValues.length; i += 2) {
            m.put((SigmaCorrelation.Op) opsAndValues[i], new BigDecimal(String.valueOf(opsAndValues[i + 1])));
        }
        return new SigmaCorrelation.Threshold(m, field, percentile);
    }

    private static CorrelationEngine engine(SigmaCorrelation... cs) {
        CorrelationEngine.Built b = CorrelationEngine.build(List.of(cs), RULES);
        assertThat(b.errors()).isEmpty();
        return b.engine();
    }

    /** One hit: rule {@code ruleId} matched {@code event}. */
    private record Hit(String ruleId, Event event) {}

    private static Hit hit(String ruleId, long millis, long line, @Nullable Object... kv) {
        return new Hit(ruleId, at(millis, line, kv));
    }

    /** Feeds all hits, then flushes; returns every match. */
    private static List<CorrelationMatch> run(CorrelationEngine e, List<Hit> hits) {
        List<CorrelationMatch> out = new ArrayList<>();
        for (Hit h : hits) {
            out.addAll(e.accept(h.ruleId(), h.event()));
        }
        out.addAll(e.flush());
        return out;
    }

    private static List<CorrelationMatch> run(CorrelationEngine e, Hit... hits) {
        return run(e, List.of(hits));
    }

    private static Map<String, @Nullable Object> group(@Nullable Object... kv) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(String.valueOf(kv[i]), kv[i + 1]);
        }
        return m;
    }

    private static long s(long seconds) {
        return seconds * 1000;
    }

    // ---------------------------------------------------------------- the seven types

    @Test
    void eventCountFiresOncePerWindowAndWhenTheWatermarkPassesIt() {
        CorrelationEngine e =
                engine(corr("burst", EVENT_COUNT, List.of("rule_a"), List.of("Computer"), MINUTE, cond(GTE, 3)));
        assertThat(e.accept("id-a", at(s(0), 1, "Computer", "h1"))).isEmpty();
        assertThat(e.accept("id-a", at(s(10), 2, "Computer", "h1"))).isEmpty();
        assertThat(e.accept("id-a", at(s(20), 3, "Computer", "h1"))).isEmpty();
        // watermark = 200s - 60s lateness = 140s > window end 60s: the window is evaluated now
        List<CorrelationMatch> ms = e.accept("id-a", at(s(200), 4, "Computer", "h1"));
        assertThat(ms).hasSize(1);
        CorrelationMatch m = ms.get(0);
        assertThat(m.correlation().name()).isEqualTo("burst");
        assertThat(m.group()).containsExactlyEntriesOf(group("Computer", "h1"));
        assertThat(m.firstTime()).isEqualTo(T0);
        assertThat(m.lastTime()).isEqualTo(T0.plusSeconds(20));
        assertThat(m.hitCount()).isEqualTo(3);
        assertThat(m.value()).isEqualByComparingTo("3");
        assertThat(m.eventRefs()).containsExactly("test.log:1", "test.log:2", "test.log:3");
        assertThat(m.eventCount()).isEqualTo(3);
        assertThat(e.flush()).isEmpty();
        assertThat(e.bufferedHits()).isZero();
        assertThat(e.liveGroups()).isZero();
    }

    @Test
    void windowsAreEvaluatedOnlyOnceTheirEndIsOlderThanTheWatermark() {
        CorrelationEngine e =
                engine(corr("two", EVENT_COUNT, List.of("rule_a"), List.of("Computer"), MINUTE, cond(GTE, 2)));
        e.accept("id-a", at(s(0), 1, "Computer", "h1"));
        e.accept("id-a", at(s(1), 2, "Computer", "h1"));
        // window [0s, 60s]; watermark = max - 60s; exactly 60s is not older
        assertThat(e.accept("id-a", at(s(120), 3, "Computer", "h2"))).isEmpty();
        assertThat(e.accept("id-a", at(s(120) + 1, 4, "Computer", "h2"))).hasSize(1);
    }

    @Test
    void valueCountCountsDistinctNonNullValues() {
        SigmaCorrelation c = corr(
                "users", VALUE_COUNT, List.of("rule_a"), List.of("Computer"), MINUTE, condOn("User", null, GTE, 3));
        assertThat(run(
                        engine(c),
                        hit("id-a", s(0), 1, "Computer", "h1", "User", "u1"),
                        hit("id-a", s(1), 2, "Computer", "h1", "User", "u1"),
                        hit("id-a", s(2), 3, "Computer", "h1", "User", "u2"),
                        hit("id-a", s(3), 4, "Computer", "h1"),
                        hit("id-a", s(4), 5, "Computer", "h1", "User", null)))
                .isEmpty();
        List<CorrelationMatch> ms = run(
                engine(c),
                hit("id-a", s(0), 1, "Computer", "h1", "User", "u1"),
                hit("id-a", s(1), 2, "Computer", "h1", "User", "u1"),
                hit("id-a", s(2), 3, "Computer", "h1", "User", "u2"),
                hit("id-a", s(3), 4, "Computer", "h1"),
                hit("id-a", s(4), 5, "Computer", "h1", "User", "u3"));
        assertThat(ms).singleElement().satisfies(m -> {
            assertThat(m.value()).isEqualByComparingTo("3");
            assertThat(m.hitCount()).isEqualTo(5);
        });
    }

    @Test
    void valueCountTreatsEqualNumbersOfDifferentTypesAsOneValue() {
        SigmaCorrelation c =
                corr("ports", VALUE_COUNT, List.of("rule_a"), List.of(), MINUTE, condOn("Port", null, GTE, 1));
        List<CorrelationMatch> ms = run(
                engine(c),
                hit("id-a", s(0), 1, "Port", 5L),
                hit("id-a", s(1), 2, "Port", 5.0),
                hit("id-a", s(2), 3, "Port", new BigDecimal("5.00")),
                hit("id-a", s(3), 4, "Port", 5),
                hit("id-a", s(4), 5, "Port", "5"));
        assertThat(ms).singleElement().satisfies(m -> assertThat(m.value()).isEqualByComparingTo("2"));
    }

    @Test
    void temporalNeedsAllRulesInAnyOrderOrTheConditionsNumberOfThem() {
        SigmaCorrelation all = corr(
                "recon",
                TEMPORAL,
                List.of("rule_a", "rule_b", "rule_c"),
                List.of("Computer"),
                Duration.ofMinutes(5),
                null);
        List<Hit> hits = List.of(
                hit("id-c", s(0), 1, "Computer", "h1"),
                hit("id-a", s(60), 2, "Computer", "h1"),
                hit("id-b", s(120), 3, "Computer", "h1"),
                hit("id-a", s(0), 4, "Computer", "h2"),
                hit("id-b", s(10), 5, "Computer", "h2"),
                hit("id-b", s(20), 6, "Computer", "h2"));
        List<CorrelationMatch> ms = run(engine(all), hits);
        assertThat(ms).singleElement().satisfies(m -> {
            assertThat(m.group()).containsEntry("Computer", "h1");
            assertThat(m.value()).isEqualByComparingTo("3");
            assertThat(m.hitCount()).isEqualTo(3);
            assertThat(m.firstTime()).isEqualTo(T0);
            assertThat(m.lastTime()).isEqualTo(T0.plusSeconds(120));
        });
        SigmaCorrelation two = corr(
                "recon2",
                TEMPORAL,
                List.of("rule_a", "rule_b", "rule_c"),
                List.of("Computer"),
                Duration.ofMinutes(5),
                cond(GTE, 2));
        assertThat(run(engine(two), hits))
                .extracting(m -> m.group().get("Computer"))
                .containsExactlyInAnyOrder("h1", "h2");
    }

    @Test
    void temporalOrderedNeedsTheListedOrder() {
        SigmaCorrelation c = corr(
                "ordered",
                TEMPORAL_ORDERED,
                List.of("rule_a", "rule_b"),
                List.of("Computer"),
                Duration.ofMinutes(5),
                null);
        List<CorrelationMatch> ms = run(
                engine(c),
                // h1: B, A, B -> the earliest ordered subsequence A(10s), B(20s); the first B is not part of it
                hit("id-b", s(0), 1, "Computer", "h1"),
                hit("id-a", s(10), 2, "Computer", "h1"),
                hit("id-b", s(20), 3, "Computer", "h1"),
                // h2: B then A: wrong order
                hit("id-b", s(0), 4, "Computer", "h2"),
                hit("id-a", s(10), 5, "Computer", "h2"),
                // h3: A and B at the same time: in order
                hit("id-b", s(30), 6, "Computer", "h3"),
                hit("id-a", s(30), 7, "Computer", "h3"));
        assertThat(ms).hasSize(2);
        assertThat(ms.get(0).group()).containsEntry("Computer", "h1");
        assertThat(ms.get(0).firstTime()).isEqualTo(T0.plusSeconds(10));
        assertThat(ms.get(0).lastTime()).isEqualTo(T0.plusSeconds(20));
        assertThat(ms.get(0).eventRefs()).containsExactly("test.log:2", "test.log:3");
        assertThat(ms.get(0).value()).isEqualByComparingTo("2");
        assertThat(ms.get(1).group()).containsEntry("Computer", "h3");
    }

    @Test
    void temporalOrderedWithAConditionComparesTheMatchedPrefix() {
        SigmaCorrelation c = corr(
                "ordered2",
                TEMPORAL_ORDERED,
                List.of("rule_a", "rule_b", "rule_c"),
                List.of("Computer"),
                Duration.ofMinutes(5),
                cond(GTE, 2));
        List<CorrelationMatch> ms = run(
                engine(c),
                hit("id-a", s(0), 1, "Computer", "h1"),
                hit("id-b", s(10), 2, "Computer", "h1"),
                hit("id-a", s(0), 3, "Computer", "h2"),
                hit("id-c", s(10), 4, "Computer", "h2"));
        assertThat(ms).singleElement().satisfies(m -> {
            assertThat(m.group()).containsEntry("Computer", "h1");
            assertThat(m.value()).isEqualByComparingTo("2");
        });
    }

    @Test
    void valueSumAddsNumericValuesAndIgnoresOthers() {
        SigmaCorrelation c = corr(
                "exfil", VALUE_SUM, List.of("rule_a"), List.of("Computer"), MINUTE, condOn("Bytes", null, GT, 1000));
        List<CorrelationMatch> ms = run(
                engine(c),
                hit("id-a", s(0), 1, "Computer", "h1", "Bytes", 400L),
                hit("id-a", s(1), 2, "Computer", "h1", "Bytes", "500"),
                hit("id-a", s(2), 3, "Computer", "h1", "Bytes", "n/a"),
                hit("id-a", s(3), 4, "Computer", "h1", "Bytes", 200.5),
                hit("id-a", s(4), 5, "Computer", "h1"),
                hit("id-a", s(0), 6, "Computer", "h2", "Bytes", 400L),
                hit("id-a", s(1), 7, "Computer", "h2", "Bytes", 500L),
                hit("id-a", s(2), 8, "Computer", "h2", "Bytes", true));
        assertThat(ms).singleElement().satisfies(m -> {
            assertThat(m.group()).containsEntry("Computer", "h1");
            assertThat(m.value()).isEqualByComparingTo("1100.5");
            assertThat(m.hitCount()).isEqualTo(5);
        });
    }

    @Test
    void valueAvgIsTheMeanOfTheNumericValues() {
        SigmaCorrelation c =
                corr("slow", VALUE_AVG, List.of("rule_a"), List.of(), MINUTE, condOn("Duration", null, GTE, 10));
        List<CorrelationMatch> ms = run(
                engine(c),
                hit("id-a", s(0), 1, "Duration", 5L),
                hit("id-a", s(1), 2, "Duration", 15L),
                hit("id-a", s(2), 3, "Duration", "x"),
                hit("id-a", s(3), 4, "Duration", 20L));
        assertThat(ms)
                .singleElement()
                .satisfies(m -> assertThat(m.value())
                        .isEqualByComparingTo(new BigDecimal(40).divide(new BigDecimal(3), MathContext.DECIMAL128)));
        // windows slide: [0s, 60s] averages 13.3 and fails; the window starting at the next hit averages 17.5
        SigmaCorrelation high =
                corr("slow2", VALUE_AVG, List.of("rule_a"), List.of(), MINUTE, condOn("Duration", null, GTE, 14));
        assertThat(run(
                        engine(high),
                        hit("id-a", s(0), 1, "Duration", 5L),
                        hit("id-a", s(1), 2, "Duration", 15L),
                        hit("id-a", s(3), 4, "Duration", 20L)))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.firstTime()).isEqualTo(T0.plusSeconds(1));
                    assertThat(m.value()).isEqualByComparingTo("17.5");
                });
        SigmaCorrelation higher =
                corr("slow3", VALUE_AVG, List.of("rule_a"), List.of(), MINUTE, condOn("Duration", null, GTE, 21));
        assertThat(run(
                        engine(higher),
                        hit("id-a", s(0), 1, "Duration", 5L),
                        hit("id-a", s(1), 2, "Duration", 15L),
                        hit("id-a", s(3), 4, "Duration", 20L)))
                .isEmpty();
    }

    @Test
    void valuePercentileIsTheNearestRank() {
        List<Hit> hits = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            hits.add(hit("id-a", s(i), i, "Latency", (long) (11 - i)));
        }
        SigmaCorrelation p90 =
                corr("p90", VALUE_PERCENTILE, List.of("rule_a"), List.of(), MINUTE, condOn("Latency", 90, GTE, 9));
        assertThat(run(engine(p90), hits))
                .singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualByComparingTo("9"));
        SigmaCorrelation p90high =
                corr("p90high", VALUE_PERCENTILE, List.of("rule_a"), List.of(), MINUTE, condOn("Latency", 90, GTE, 10));
        assertThat(run(engine(p90high), hits)).isEmpty();
        SigmaCorrelation p95 =
                corr("p95", VALUE_PERCENTILE, List.of("rule_a"), List.of(), MINUTE, condOn("Latency", 95, EQ, 10));
        assertThat(run(engine(p95), hits))
                .singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualByComparingTo("10"));
    }

    // ---------------------------------------------------------------- window semantics

    @Test
    void aWindowIncludesBothEnds() {
        SigmaCorrelation c = corr("pair", EVENT_COUNT, List.of("rule_a"), List.of(), MINUTE, cond(GTE, 2));
        assertThat(run(engine(c), hit("id-a", 0, 1), hit("id-a", s(60), 2)))
                .singleElement()
                .satisfies(m -> assertThat(m.lastTime()).isEqualTo(T0.plusSeconds(60)));
        assertThat(run(engine(c), hit("id-a", 0, 1), hit("id-a", s(60) + 1, 2))).isEmpty();
    }

    @Test
    void hitsOfAMatchNeverFireTwice() {
        SigmaCorrelation c = corr("pair", EVENT_COUNT, List.of("rule_a"), List.of(), MINUTE, cond(GTE, 2));
        // one burst: one match with all four hits
        assertThat(run(
                        engine(c),
                        hit("id-a", s(0), 1),
                        hit("id-a", s(10), 2),
                        hit("id-a", s(20), 3),
                        hit("id-a", s(30), 4)))
                .singleElement()
                .satisfies(m -> assertThat(m.hitCount()).isEqualTo(4));
        // [0, 60] holds 0 and 30; the next window starts at 70 and holds 70 and 100
        assertThat(run(
                        engine(c),
                        hit("id-a", s(0), 1),
                        hit("id-a", s(30), 2),
                        hit("id-a", s(70), 3),
                        hit("id-a", s(100), 4)))
                .extracting(CorrelationMatch::firstTime, CorrelationMatch::hitCount)
                .containsExactly(tuple(T0, 2), tuple(T0.plusSeconds(70), 2));
    }

    @Test
    void windowsSlideInsteadOfUsingFixedBuckets() {
        // 50s and 70s straddle a minute boundary but are one window
        SigmaCorrelation c = corr("pair", EVENT_COUNT, List.of("rule_a"), List.of(), MINUTE, cond(GTE, 2));
        assertThat(run(engine(c), hit("id-a", s(50), 1), hit("id-a", s(70), 2))).hasSize(1);
    }

    @Test
    void outOfOrderArrivalWithinLatenessGivesTheSameMatches() {
        SigmaCorrelation count =
                corr("burst", EVENT_COUNT, List.of("rule_a", "rule_b"), List.of("Computer"), MINUTE, cond(GTE, 3));
        SigmaCorrelation ordered =
                corr("ab", TEMPORAL_ORDERED, List.of("rule_a", "rule_b"), List.of("Computer"), MINUTE, null);
        List<Hit> sorted = List.of(
                hit("id-b", s(0), 1, "Computer", "h1"),
                hit("id-a", s(10), 2, "Computer", "h1"),
                hit("id-b", s(30), 3, "Computer", "h1"),
                hit("id-a", s(65), 4, "Computer", "h1"),
                hit("id-a", s(100), 5, "Computer", "h2"),
                hit("id-b", s(140), 6, "Computer", "h1"),
                hit("id-b", s(150), 7, "Computer", "h2"),
                hit("id-a", s(190), 8, "Computer", "h1"),
                hit("id-a", s(200), 9, "Computer", "h1"),
                hit("id-b", s(210), 10, "Computer", "h1"),
                hit("id-a", s(400), 11, "Computer", "h2"));
        // each hit at most 60s behind the newest one seen before it
        List<Hit> shuffled = List.of(
                sorted.get(2),
                sorted.get(0),
                sorted.get(3),
                sorted.get(1),
                sorted.get(5),
                sorted.get(4),
                sorted.get(9),
                sorted.get(7),
                sorted.get(6),
                sorted.get(8),
                sorted.get(10));
        CorrelationEngine a = engine(count, ordered);
        CorrelationEngine b = engine(count, ordered);
        List<CorrelationMatch> fromSorted = run(a, sorted);
        List<CorrelationMatch> fromShuffled = run(b, shuffled);
        assertThat(b.lateEvents()).isZero();
        assertThat(fromSorted).isNotEmpty();
        assertThat(canonical(fromShuffled)).isEqualTo(canonical(fromSorted));
    }

    @Test
    void lateHitsAreCountedAndStillProcessed() {
        SigmaCorrelation c = corr("pair", EVENT_COUNT, List.of("rule_a"), List.of("Computer"), MINUTE, cond(GTE, 2));
        CorrelationEngine e = engine(c);
        e.accept("id-a", at(s(600), 1, "Computer", "h1"));
        assertThat(e.accept("id-a", at(s(10), 2, "Computer", "h2"))).isEmpty();
        assertThat(e.lateEvents()).isEqualTo(1);
        // a late hit is still buffered while its window is open...
        e.accept("id-a", at(s(539), 3, "Computer", "h3"));
        assertThat(e.lateEvents()).isEqualTo(2);
        // ... and forms a match with a hit within lateness
        assertThat(e.accept("id-a", at(s(540), 4, "Computer", "h3"))).isEmpty();
        assertThat(e.flush()).extracting(m -> m.group().get("Computer")).containsExactly("h3");
    }

    @Test
    void hitsWithoutTimestampOrOfUnreferencedRulesAreIgnored() {
        CorrelationEngine e = engine(corr("one", EVENT_COUNT, List.of("rule_a"), List.of(), MINUTE, cond(GTE, 1)));
        assertThat(e.accept("id-a", TestEvents.of(null, "x.log", 1))).isEmpty();
        assertThat(e.skippedNoTimestamp()).isEqualTo(1);
        assertThat(e.accept("id-zzz", at(0, 2))).isEmpty();
        assertThat(e.accept("id-b", at(0, 3))).isEmpty();
        assertThat(e.skippedNoTimestamp()).isEqualTo(1);
        assertThat(e.bufferedHits()).isZero();
        assertThat(e.flush()).isEmpty();
    }

    @Test
    void eventReferencesAreCappedButCounted() {
        CorrelationEngine e = engine(corr("many", EVENT_COUNT, List.of("rule_a"), List.of(), MINUTE, cond(GTE, 25)));
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            hits.add(hit("id-a", s(i), i + 1));
        }
        assertThat(run(e, hits)).singleElement().satisfies(m -> {
            assertThat(m.eventRefs()).hasSize(CorrelationMatch.MAX_EVENT_REFS).startsWith("test.log:1");
            assertThat(m.eventCount()).isEqualTo(25);
            assertThat(m.hitCount()).isEqualTo(25);
        });
    }

    // ---------------------------------------------------------------- conditions

    @Test
    void ltAndLteConditions() {
        SigmaCorrelation oneUser = corr(
                "one_user", VALUE_COUNT, List.of("rule_a"), List.of("Computer"), MINUTE, condOn("User", null, LT, 2));
        List<CorrelationMatch> ms = run(
                engine(oneUser),
                hit("id-a", s(0), 1, "Computer", "h1", "User", "u1"),
                hit("id-a", s(5), 2, "Computer", "h1", "User", "u1"),
                hit("id-a", s(0), 3, "Computer", "h2", "User", "u1"),
                hit("id-a", s(0), 4, "Computer", "h2", "User", "u2"));
        assertThat(ms).extracting(m -> m.group().get("Computer")).containsExactly("h1");

        SigmaCorrelation small = corr(
                "small", VALUE_SUM, List.of("rule_a"), List.of("Computer"), MINUTE, condOn("Bytes", null, LTE, 100));
        ms = run(
                engine(small),
                hit("id-a", s(0), 1, "Computer", "h1", "Bytes", 40L),
                hit("id-a", s(5), 2, "Computer", "h1", "Bytes", 60L),
                hit("id-a", s(0), 3, "Computer", "h2", "Bytes", 40L),
                hit("id-a", s(0), 4, "Computer", "h2", "Bytes", 61L));
        assertThat(ms).singleElement().satisfies(m -> {
            assertThat(m.group()).containsEntry("Computer", "h1");
            assertThat(m.value()).isEqualByComparingTo("100");
        });

        SigmaCorrelation range =
                corr("range", EVENT_COUNT, List.of("rule_a"), List.of("Computer"), MINUTE, cond(GTE, 2, LT, 4));
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hits.add(hit("id-a", s(i), i + 1, "Computer", "h3"));
        }
        for (int i = 0; i < 5; i++) {
            hits.add(hit("id-a", s(0), i + 10, "Computer", "h5"));
        }
        hits.add(hit("id-a", s(0), 20, "Computer", "h1"));
        assertThat(run(engine(range), hits)).singleElement().satisfies(m -> {
            assertThat(m.group()).containsEntry("Computer", "h3");
            assertThat(m.hitCount()).isEqualTo(3);
        });
    }

    // ---------------------------------------------------------------- groups and aliases

    @Test
    void groupsAreSeparate() {
        CorrelationEngine e = engine(corr(
                "per_host_user", EVENT_COUNT, List.of("rule_a"), List.of("Computer", "User"), MINUTE, cond(GTE, 3)));
        List<CorrelationMatch> ms = run(
                e,
                hit("id-a", s(0), 1, "Computer", "h1", "User", "u1"),
                hit("id-a", s(1), 2, "Computer", "h2", "User", "u1"),
                hit("id-a", s(2), 3, "Computer", "h1", "User", "u2"),
                hit("id-a", s(3), 4, "Computer", "h1", "User", "u1"),
                hit("id-a", s(4), 5, "Computer", "h2", "User", "u1"),
                hit("id-a", s(5), 6, "Computer", "h1", "User", "u1"));
        assertThat(ms).singleElement().satisfies(m -> {
            assertThat(m.group()).containsExactlyEntriesOf(group("Computer", "h1", "User", "u1"));
            assertThat(m.eventRefs()).containsExactly("test.log:1", "test.log:4", "test.log:6");
        });
    }

    @Test
    void anAbsentGroupValueIsTheGroupNull() {
        CorrelationEngine e = engine(corr(
                "per_host_user", EVENT_COUNT, List.of("rule_a"), List.of("Computer", "User"), MINUTE, cond(GTE, 2)));
        List<CorrelationMatch> ms = run(
                e,
                hit("id-a", s(0), 1, "Computer", "h1"),
                hit("id-a", s(1), 2, "Computer", "h1", "User", null),
                hit("id-a", s(2), 3, "Computer", "h1", "User", "null"));
        assertThat(ms).singleElement().satisfies(m -> {
            assertThat(m.group()).containsExactlyEntriesOf(group("Computer", "h1", "User", null));
            assertThat(m.hitCount()).isEqualTo(2);
        });
    }

    @Test
    void aliasesJoinDifferentFieldsOfDifferentRules() {
        Map<String, Map<String, String>> aliases = Map.of(
                "internal_ip", Map.of("internal_error", "destination.ip", "new_network_connection", "source.ip"),
                "remote_ip", Map.of("id-ie", "source.ip", "new_network_connection", "destination.ip"));
        SigmaCorrelation c = corr(
                "callback",
                TEMPORAL,
                List.of("internal_error", "new_network_connection"),
                List.of("internal_ip", "remote_ip"),
                Duration.ofSeconds(10),
                null,
                aliases);
        List<CorrelationMatch> ms = run(
                engine(c),
                hit("id-ie", s(0), 1, "destination.ip", "10.0.0.1", "source.ip", "1.2.3.4"),
                hit("id-nc", s(3), 2, "source.ip", "10.0.0.2", "destination.ip", "1.2.3.4"),
                hit("id-nc", s(5), 3, "source.ip", "10.0.0.1", "destination.ip", "1.2.3.4"),
                hit("id-nc", s(6), 4, "source.ip", "1.2.3.4", "destination.ip", "10.0.0.1"));
        assertThat(ms).singleElement().satisfies(m -> {
            assertThat(m.group()).containsExactlyEntriesOf(group("internal_ip", "10.0.0.1", "remote_ip", "1.2.3.4"));
            assertThat(m.eventRefs()).containsExactly("test.log:1", "test.log:3");
        });
    }

    // ---------------------------------------------------------------- chaining

    @Test
    void anEventCountFeedsATemporalCorrelation() {
        SigmaCorrelation failures = corr(
                "many_failed",
                EVENT_COUNT,
                List.of("failed_login"),
                List.of("User"),
                Duration.ofMinutes(10),
                cond(GTE, 3));
        SigmaCorrelation brute = corr(
                "brute_force",
                TEMPORAL,
                List.of("many_failed", "successful_login"),
                List.of("User"),
                Duration.ofMinutes(10),
                null);
        CorrelationEngine.Built b = CorrelationEngine.build(List.of(brute, failures), RULES);
        assertThat(b.errors()).isEmpty();
        CorrelationEngine e = b.engine();
        assertThat(e.correlations()).containsExactly(failures, brute);
        assertThat(e.effectiveLateness(failures)).isEqualTo(Duration.ofMinutes(10));
        assertThat(e.effectiveLateness(brute)).isEqualTo(Duration.ofMinutes(20));

        List<CorrelationMatch> early = new ArrayList<>();
        early.addAll(e.accept("id-failed", at(s(0), 1, "User", "alice", "Computer", "h1")));
        early.addAll(e.accept("id-failed", at(s(10), 2, "User", "alice", "Computer", "h2")));
        early.addAll(e.accept("id-failed", at(s(20), 3, "User", "alice", "Computer", "h1")));
        early.addAll(e.accept("id-failed", at(s(30), 4, "User", "bob")));
        early.addAll(e.accept("id-success", at(s(60), 5, "User", "alice")));
        early.addAll(e.accept("id-success", at(s(70), 6, "User", "bob")));
        assertThat(early).isEmpty();
        // 40 minutes later: both windows have closed
        List<CorrelationMatch> ms = e.accept("id-success", at(s(2400), 7, "User", "carol"));
        assertThat(ms).extracting(m -> m.correlation().name()).containsExactly("many_failed", "brute_force");
        CorrelationMatch inner = ms.get(0);
        assertThat(inner.group()).containsExactlyEntriesOf(group("User", "alice"));
        assertThat(inner.lastTime()).isEqualTo(T0.plusSeconds(20));
        CorrelationMatch outer = ms.get(1);
        assertThat(outer.group()).containsExactlyEntriesOf(group("User", "alice"));
        assertThat(outer.firstTime()).isEqualTo(T0.plusSeconds(20));
        assertThat(outer.lastTime()).isEqualTo(T0.plusSeconds(60));
        assertThat(outer.hitCount()).isEqualTo(2);
        assertThat(outer.eventRefs()).containsExactly("test.log:1", "test.log:2", "test.log:3", "test.log:5");
        assertThat(outer.eventCount()).isEqualTo(4);
        assertThat(e.flush()).isEmpty();
    }

    @Test
    void aChainedCorrelationUsesItsOwnGroupByAndAliasesOnTheInnerGroup() {
        SigmaCorrelation perHost =
                corr("host_burst", EVENT_COUNT, List.of("rule_a"), List.of("Computer", "User"), MINUTE, cond(GTE, 2));
        SigmaCorrelation perUser = corr(
                "user_hosts",
                VALUE_COUNT,
                List.of("host_burst", "rule_b"),
                List.of("account"),
                Duration.ofMinutes(5),
                condOn("Computer", null, GTE, 2),
                Map.of("account", Map.of("host_burst", "User", "rule_b", "TargetUserName")));
        List<CorrelationMatch> ms = run(
                engine(perUser, perHost),
                hit("id-a", s(0), 1, "Computer", "h1", "User", "alice"),
                hit("id-a", s(1), 2, "Computer", "h1", "User", "alice"),
                hit("id-a", s(2), 3, "Computer", "h2", "User", "alice"),
                hit("id-a", s(3), 4, "Computer", "h2", "User", "alice"),
                hit("id-b", s(4), 5, "Computer", "h3", "TargetUserName", "alice"));
        assertThat(ms)
                .filteredOn(m -> m.correlation().equals(perUser))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.group()).containsExactlyEntriesOf(group("account", "alice"));
                    assertThat(m.value()).isEqualByComparingTo("3");
                    assertThat(m.hitCount()).isEqualTo(3);
                    assertThat(m.eventCount()).isEqualTo(5);
                });
    }

    // ---------------------------------------------------------------- validation

    @Test
    void invalidCorrelationsAreReportedAndLeftOut() {
        SigmaCorrelation missing =
                corr("missing", EVENT_COUNT, List.of("rule_a", "no_such_rule"), List.of(), MINUTE, cond(GTE, 1));
        SigmaCorrelation p = corr("p", EVENT_COUNT, List.of("q"), List.of(), MINUTE, cond(GTE, 1));
        SigmaCorrelation q = corr("q", TEMPORAL, List.of("p", "rule_a"), List.of(), MINUTE, null);
        SigmaCorrelation self = corr("self", EVENT_COUNT, List.of("self"), List.of(), MINUTE, cond(GTE, 1));
        SigmaCorrelation onTop = corr("on_top", EVENT_COUNT, List.of("p"), List.of(), MINUTE, cond(GTE, 1));
        SigmaCorrelation badAlias = corr(
                "bad_alias",
                TEMPORAL,
                List.of("rule_a", "rule_b"),
                List.of("ip"),
                MINUTE,
                null,
                Map.of("ip", Map.of("rule_a", "src", "rule_c", "dst")));
        SigmaCorrelation noCondition = corr("no_condition", EVENT_COUNT, List.of("rule_a"), List.of(), MINUTE, null);
        SigmaCorrelation noField = corr("no_field", VALUE_SUM, List.of("rule_a"), List.of(), MINUTE, cond(GT, 1));
        SigmaCorrelation good = corr("good", EVENT_COUNT, List.of("rule_a"), List.of(), MINUTE, cond(GTE, 1));
        CorrelationEngine.Built b = CorrelationEngine.build(
                List.of(missing, p, q, self, onTop, badAlias, noCondition, noField, good), RULES);

        assertThat(b.ok()).isFalse();
        assertThat(b.errors()).anySatisfy(err -> {
            assertThat(err.source()).isEqualTo("corr.yml");
            assertThat(err.line()).isEqualTo(missing.line());
            assertThat(err.message()).contains("'missing'").contains("unknown").contains("'no_such_rule'");
        });
        assertThat(b.errors()).anySatisfy(err -> {
            assertThat(err.line()).isEqualTo(p.line());
            assertThat(err.message()).contains("cycle").contains("p -> q -> p");
        });
        assertThat(b.errors()).anySatisfy(err -> {
            assertThat(err.line()).isEqualTo(q.line());
            assertThat(err.message()).contains("cycle").contains("q -> p -> q");
        });
        assertThat(b.errors()).anySatisfy(err -> {
            assertThat(err.line()).isEqualTo(self.line());
            assertThat(err.message()).contains("cycle").contains("self -> self");
        });
        assertThat(b.errors()).anySatisfy(err -> {
            assertThat(err.line()).isEqualTo(onTop.line());
            assertThat(err.message()).contains("invalid correlation 'p'");
        });
        assertThat(b.errors()).anySatisfy(err -> {
            assertThat(err.line()).isEqualTo(badAlias.line());
            assertThat(err.message()).contains("alias 'ip'").contains("'rule_c'");
        });
        assertThat(b.errors()).anySatisfy(err -> {
            assertThat(err.line()).isEqualTo(noCondition.line());
            assertThat(err.message()).contains("needs a condition");
        });
        assertThat(b.errors()).anySatisfy(err -> {
            assertThat(err.line()).isEqualTo(noField.line());
            assertThat(err.message()).contains("needs 'field'");
        });
        assertThat(b.errors()).noneSatisfy(err -> assertThat(err.line()).isEqualTo(good.line()));
        assertThat(b.engine().correlations()).containsExactly(good);
        assertThat(b.engine().accept("id-a", at(0, 1))).isEmpty();
        assertThat(b.engine().flush()).extracting(CorrelationMatch::correlation).containsExactly(good);
    }

    @Test
    void referencesToBothARuleAndACorrelationOrDuplicateNamesAreErrors() {
        SigmaCorrelation ambiguous = corr("rule_b", EVENT_COUNT, List.of("rule_a"), List.of(), MINUTE, cond(GTE, 1));
        SigmaCorrelation user = corr("user", EVENT_COUNT, List.of("rule_b"), List.of(), MINUTE, cond(GTE, 1));
        SigmaCorrelation dup1 = corr("dup", EVENT_COUNT, List.of("rule_a"), List.of(), MINUTE, cond(GTE, 1));
        SigmaCorrelation dup2 = corr("dup", EVENT_COUNT, List.of("rule_c"), List.of(), MINUTE, cond(GTE, 1));
        CorrelationEngine.Built b = CorrelationEngine.build(List.of(ambiguous, user, dup1, dup2), RULES);
        assertThat(b.errors()).anySatisfy(err -> {
            assertThat(err.line()).isEqualTo(user.line());
            assertThat(err.message()).contains("both a detection rule and a correlation");
        });
        assertThat(b.errors()).anySatisfy(err -> {
            assertThat(err.line()).isEqualTo(dup2.line());
            assertThat(err.message()).contains("'dup' is already").contains("corr.yml:" + dup1.line());
        });
        assertThat(b.engine().correlations()).containsExactly(ambiguous, dup1);
    }

    // ---------------------------------------------------------------- bounded memory

    @Test
    void aMillionHitsKeepTheBufferBounded() {
        CorrelationEngine e = engine(
                corr("never", EVENT_COUNT, List.of("rule_a"), List.of("Computer"), MINUTE, cond(GTE, 1_000_000)),
                corr("often", EVENT_COUNT, List.of("rule_a"), List.of("Computer"), MINUTE, cond(GTE, 10)));
        String[] hosts = {"h1", "h2", "h3"};
        long matches = 0;
        long maxBuffered = 0;
        for (int i = 0; i < 1_000_000; i++) {
            // one hit per second, over 11.5 days of event time
            matches += e.accept("id-a", at(s(i), i, "Computer", hosts[i % 3])).size();
            maxBuffered = Math.max(maxBuffered, e.bufferedHits());
        }
        // per correlation: at most timespan + lateness (+1s) of hits, over all groups
        assertThat(maxBuffered).isLessThanOrEqualTo(2 * 122);
        assertThat(e.liveGroups()).isLessThanOrEqualTo(6);
        assertThat(matches).isGreaterThan(10_000);
        e.flush();
        assertThat(e.bufferedHits()).isZero();
        assertThat(e.evictedGroups()).isZero();
    }

    @Test
    void theNumberOfGroupsIsCapped() {
        CorrelationEngine.Built b = CorrelationEngine.build(
                List.of(corr("per_user", EVENT_COUNT, List.of("rule_a"), List.of("User"), MINUTE, cond(GTE, 2))),
                RULES,
                null,
                100);
        CorrelationEngine e = b.engine();
        for (int i = 0; i < 10_000; i++) {
            e.accept("id-a", at(i, i, "User", "u" + i));
            assertThat(e.liveGroups()).isLessThanOrEqualTo(100);
        }
        assertThat(e.evictedGroups()).isEqualTo(9_900);
        assertThat(e.bufferedHits()).isEqualTo(100);
        // the most recently active groups survive
        assertThat(e.accept("id-a", at(10_000, 10_000, "User", "u9999"))).isEmpty();
        assertThat(e.flush())
                .singleElement()
                .satisfies(m -> assertThat(m.group()).containsEntry("User", "u9999"));
    }

    // ---------------------------------------------------------------- property: arrival order

    /** One generated hit: event time (whole seconds, so ties happen), rule, host, value, and arrival delay. */
    record GenHit(long second, int rule, int host, @Nullable Object value, long delayMillis) {}

    private static final List<String> RULE_IDS = List.of("id-a", "id-b", "id-c");
    private static final Duration HALF_MINUTE = Duration.ofSeconds(30);

    private static List<SigmaCorrelation> propertyCorrelations() {
        List<String> host = List.of("Computer");
        List<String> abc = List.of("rule_a", "rule_b", "rule_c");
        return List.of(
                corr("p_count", EVENT_COUNT, List.of("rule_a", "rule_b"), host, HALF_MINUTE, cond(GTE, 3)),
                corr("p_values", VALUE_COUNT, List.of("rule_a"), host, MINUTE, condOn("v", null, GTE, 2)),
                corr("p_temporal", TEMPORAL, abc, host, Duration.ofSeconds(45), cond(GTE, 2)),
                corr("p_ordered", TEMPORAL_ORDERED, abc, host, MINUTE, null),
                corr("p_sum", VALUE_SUM, List.of("rule_b", "rule_c"), host, HALF_MINUTE, condOn("v", null, GT, 6)),
                corr("p_avg", VALUE_AVG, List.of("rule_c"), List.of(), MINUTE, condOn("v", null, GTE, 3)),
                corr(
                        "p_pct",
                        VALUE_PERCENTILE,
                        List.of("rule_a", "rule_c"),
                        host,
                        Duration.ofSeconds(45),
                        condOn("v", 75, GTE, 5)),
                corr("p_few", EVENT_COUNT, List.of("rule_b"), host, HALF_MINUTE, cond(LT, 2)),
                // chains whose inner windows outlast the outer lateness: the outer lateness must be raised
                corr("p_burst", EVENT_COUNT, List.of("rule_a"), host, MINUTE, cond(GTE, 2)),
                corr("p_chain", TEMPORAL_ORDERED, List.of("p_burst", "rule_b"), host, HALF_MINUTE, null),
                corr("p_chain2", EVENT_COUNT, List.of("p_chain"), List.of(), Duration.ofSeconds(45), cond(GTE, 2)));
    }

    @Provide
    Arbitrary<List<GenHit>> hitSequences() {
        Arbitrary<Object> values =
                Arbitraries.<Object>of(1L, 2L, 3L, 5L, 8L, 2.5, "x", "4").injectNull(0.1);
        return Combinators.combine(
                        Arbitraries.longs().between(0, 300),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 2),
                        values,
                        Arbitraries.longs().between(0, HALF_MINUTE.toMillis()))
                .as(GenHit::new)
                .list()
                .ofMaxSize(200);
    }

    @Property(tries = 300)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void arrivalOrderWithinLatenessDoesNotChangeTheMatches(@ForAll("hitSequences") List<GenHit> generated) {
        List<Hit> hits = new ArrayList<>();
        Map<Hit, Long> arrival = new HashMap<>();
        for (int i = 0; i < generated.size(); i++) {
            GenHit g = generated.get(i);
            Hit h = g.host() == 2
                    ? hit(RULE_IDS.get(g.rule()), s(g.second()), i + 1, "v", g.value())
                    : hit(RULE_IDS.get(g.rule()), s(g.second()), i + 1, "Computer", "h" + g.host(), "v", g.value());
            hits.add(h);
            arrival.put(h, s(g.second()) + g.delayMillis());
        }
        List<Hit> sorted = new ArrayList<>(hits);
        sorted.sort(Comparator.comparing((Hit h) -> h.event().timestamp()));
        List<Hit> shuffled = new ArrayList<>(hits);
        // arrival = time + delay (delay <= the smallest lateness): a hit is never more than that behind the newest
        shuffled.sort(Comparator.comparing(arrival::get));

        CorrelationEngine.Built b1 = CorrelationEngine.build(propertyCorrelations(), RULES);
        CorrelationEngine.Built b2 = CorrelationEngine.build(propertyCorrelations(), RULES);
        // the oracle: a lateness so large that every window is evaluated by flush(), with all hits known
        CorrelationEngine.Built b3 = CorrelationEngine.build(
                propertyCorrelations(), RULES, Duration.ofDays(1), CorrelationEngine.DEFAULT_MAX_GROUPS);
        assertThat(b1.errors()).isEmpty();
        List<CorrelationMatch> fromSorted = run(b1.engine(), sorted);
        List<CorrelationMatch> fromShuffled = run(b2.engine(), shuffled);
        List<CorrelationMatch> atFlush = run(b3.engine(), shuffled);
        assertThat(b1.engine().lateEvents()).isZero();
        assertThat(b2.engine().lateEvents()).isZero();
        assertThat(canonical(fromSorted)).isEqualTo(canonical(atFlush));
        assertThat(canonical(fromShuffled)).isEqualTo(canonical(atFlush));
        // the property is not vacuous: every correlation, chained ones included, fires in a fair share of tries
        for (SigmaCorrelation c : propertyCorrelations()) {
            String name = String.valueOf(c.name());
            boolean fired = fromSorted.stream()
                    .anyMatch(m -> name.equals(m.correlation().name()));
            Statistics.label(name).collect(fired);
            Statistics.label(name).coverage(coverage -> coverage.check(true).percentage(p -> p >= 3.0));
        }
    }

    private static List<String> canonical(List<CorrelationMatch> ms) {
        List<String> out = new ArrayList<>();
        for (CorrelationMatch m : ms) {
            out.add(m.correlation().name() + " " + m.group() + " " + m.firstTime() + " " + m.lastTime() + " "
                    + m.hitCount() + " " + m.value() + " " + m.eventRefs() + " " + m.eventCount());
        }
        out.sort(null);
        return out;
    }
}
