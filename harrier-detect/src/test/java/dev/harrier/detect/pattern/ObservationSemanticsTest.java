package dev.harrier.detect.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Observation operators and qualifiers (STIX 2.1 9.4): AND, OR, FOLLOWEDBY, WITHIN, REPEATS, START/STOP. */
class ObservationSemanticsTest {
    private static String ip(String v) {
        return "{\"0\": {\"type\": \"ipv4-addr\", \"value\": \"" + v + "\"}}";
    }

    private static String dom(String v) {
        return "{\"0\": {\"type\": \"domain-name\", \"value\": \"" + v + "\"}}";
    }

    @Test
    void andNeedsDistinctObservations() {
        Observations one = new Observations().v20("1", "2020-01-01T00:00:00Z", ip("10.0.0.1"));
        assertThat(one.matches("[ipv4-addr:value = '10.0.0.1']")).isTrue();
        assertThat(one.matches("[ipv4-addr:value = '10.0.0.1'] AND [ipv4-addr:value = '10.0.0.1']"))
                .isFalse();
        assertThat(one.matches("[ipv4-addr:value = '10.0.0.1'] OR [ipv4-addr:value = '10.0.0.9']"))
                .isTrue();
        assertThat(one.matches("[ipv4-addr:value = '10.0.0.9'] OR [ipv4-addr:value = '10.0.0.1']"))
                .isTrue();
        // one observed-data with number_observed 2 is two observations
        Observations two =
                new Observations().v20("2", "2020-01-01T00:00:00Z", "2020-01-01T00:00:10Z", 2, ip("10.0.0.1"));
        assertThat(two.matches("[ipv4-addr:value = '10.0.0.1'] AND [ipv4-addr:value = '10.0.0.1']"))
                .isTrue();
        assertThat(two.ids("[ipv4-addr:value = '10.0.0.1'] AND [ipv4-addr:value = '10.0.0.1']"))
                .containsExactly("observed-data--2");
        assertThat(two.matches("[ipv4-addr:value = '10.0.0.1'] AND [ipv4-addr:value = '10.0.0.1'] AND"
                        + " [ipv4-addr:value = '10.0.0.1']"))
                .isFalse();
        Observations pair = new Observations()
                .v20("a", "2020-01-01T00:00:00Z", ip("10.0.0.1"))
                .v20("b", "2020-01-01T00:01:00Z", dom("example.com"));
        assertThat(pair.ids("[domain-name:value = 'example.com'] AND [ipv4-addr:value = '10.0.0.1']"))
                .containsExactly("observed-data--a", "observed-data--b");
    }

    @Test
    void followedByOrdersByObservationTimes() {
        Observations o = new Observations()
                .v20("ip", "2020-01-01T00:00:00Z", "2020-01-01T00:05:00Z", 1, ip("10.0.0.1"))
                .v20("dom", "2020-01-01T00:10:00Z", "2020-01-01T00:20:00Z", 1, dom("example.com"));
        assertThat(o.matches("[ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [domain-name:value = 'example.com']"))
                .isTrue();
        assertThat(o.matches("[domain-name:value = 'example.com'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.1']"))
                .isFalse();
        // overlapping intervals: some choice of timestamps puts b after a, in either order
        Observations overlap = new Observations()
                .v20("x", "2020-01-01T00:00:00Z", "2020-01-01T01:00:00Z", 1, ip("10.0.0.1"))
                .v20("y", "2020-01-01T00:30:00Z", "2020-01-01T00:40:00Z", 1, dom("example.com"));
        assertThat(overlap.matches("[domain-name:value = 'example.com'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.1']"))
                .isTrue();
        assertThat(overlap.matches("[ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [domain-name:value = 'example.com']"))
                .isTrue();
        // equal timestamps satisfy >= (9.4.2)
        Observations same = new Observations()
                .v20("p", "2020-01-01T00:00:00Z", ip("10.0.0.1"))
                .v20("q", "2020-01-01T00:00:00Z", dom("example.com"));
        assertThat(same.matches("[domain-name:value = 'example.com'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.1']"))
                .isTrue();
        // chains: ((a FOLLOWEDBY b) FOLLOWEDBY c) needs c after both
        Observations chain = new Observations()
                .v20("1", "2020-01-01T00:00:00Z", ip("10.0.0.1"))
                .v20("2", "2020-01-01T00:02:00Z", ip("10.0.0.2"))
                .v20("3", "2020-01-01T00:01:00Z", ip("10.0.0.3"));
        assertThat(chain.matches("[ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.3']"
                        + " FOLLOWEDBY [ipv4-addr:value = '10.0.0.2']"))
                .isTrue();
        assertThat(chain.matches("[ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.2']"
                        + " FOLLOWEDBY [ipv4-addr:value = '10.0.0.3']"))
                .isFalse();
    }

    @Test
    void withinIsAStrictWindow() {
        Observations o = new Observations()
                .v20("a", "2020-01-01T00:00:00Z", ip("10.0.0.1"))
                .v20("b", "2020-01-01T00:05:00Z", dom("example.com"));
        String both = "([ipv4-addr:value = '10.0.0.1'] AND [domain-name:value = 'example.com'])";
        assertThat(o.matches(both + " WITHIN 301 SECONDS")).isTrue();
        assertThat(o.matches(both + " WITHIN 300.000000001 SECONDS")).isTrue();
        // "MUST NOT be equal to or later than" the earliest plus the window
        assertThat(o.matches(both + " WITHIN 300 SECONDS")).isFalse();
        assertThat(o.matches(both + " WITHIN 299.5 SECONDS")).isFalse();
        // a qualifier binds to the expression just before it: here only to the second one
        assertThat(o.matches("[ipv4-addr:value = '10.0.0.1'] AND [domain-name:value = 'example.com'] WITHIN 1 SECONDS"))
                .isTrue();
        // interval observations: the window may fall anywhere inside them
        Observations wide = new Observations()
                .v20("a", "2020-01-01T00:00:00Z", "2020-01-01T00:04:59Z", 1, ip("10.0.0.1"))
                .v20("b", "2020-01-01T00:05:00Z", dom("example.com"));
        assertThat(wide.matches(both + " WITHIN 2 SECONDS")).isTrue();
        assertThat(wide.matches(both + " WITHIN 1 SECONDS")).isFalse();
    }

    @Test
    void repeatsCountsObservationsIncludingNumberObserved() {
        Observations o = new Observations()
                .v20("1", "2020-01-01T00:00:00Z", ip("10.0.0.1"))
                .v20("2", "2020-01-01T00:10:00Z", ip("10.0.0.1"))
                .v20("3", "2020-01-01T00:20:00Z", "2020-01-01T00:30:00Z", 3, ip("10.0.0.1"));
        String a = "[ipv4-addr:value = '10.0.0.1']";
        assertThat(o.matches(a + " REPEATS 5 TIMES")).isTrue();
        assertThat(o.matches(a + " REPEATS 6 TIMES")).isFalse();
        // three of them fit in 10 minutes only through the one with number_observed 3
        assertThat(o.matches(a + " REPEATS 3 TIMES WITHIN 60 SECONDS")).isTrue();
        assertThat(o.ids(a + " REPEATS 3 TIMES WITHIN 60 SECONDS")).containsExactly("observed-data--3");
        assertThat(o.matches(a + " REPEATS 4 TIMES WITHIN 60 SECONDS")).isFalse();
        assertThat(o.matches(a + " REPEATS 4 TIMES WITHIN 601 SECONDS")).isTrue();
        assertThat(o.matches(a + " REPEATS 5 TIMES WITHIN 1200 SECONDS")).isFalse();
        assertThat(o.matches(a + " REPEATS 5 TIMES WITHIN 1201 SECONDS")).isTrue();
        // REPEATS over a group repeats the whole group: 2 a's and 2 b's
        Observations ab = new Observations()
                .v20("a1", "2020-01-01T00:00:00Z", ip("10.0.0.1"))
                .v20("b1", "2020-01-01T00:01:00Z", dom("example.com"))
                .v20("a2", "2020-01-01T00:02:00Z", ip("10.0.0.1"));
        String pair = "([ipv4-addr:value = '10.0.0.1'] AND [domain-name:value = 'example.com'])";
        assertThat(ab.matches(pair + " REPEATS 2 TIMES")).isFalse();
        assertThat(ab.matches("[ipv4-addr:value = '10.0.0.1'] REPEATS 2 TIMES AND [domain-name:value = 'example.com']"))
                .isTrue();
        // [b] FOLLOWEDBY [c] REPEATS 2 TIMES: the REPEATS applies to c only, and both c's follow b
        Observations bc = new Observations()
                .v20("c0", "2020-01-01T00:00:00Z", ip("10.0.0.1"))
                .v20("b", "2020-01-01T00:01:00Z", dom("example.com"))
                .v20("c1", "2020-01-01T00:02:00Z", ip("10.0.0.1"));
        String fb = "[domain-name:value = 'example.com'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.1'] REPEATS 2 TIMES";
        assertThat(bc.matches(fb)).isFalse();
        bc.v20("c2", "2020-01-01T00:03:00Z", ip("10.0.0.1"));
        assertThat(bc.matches(fb)).isTrue();
        assertThat(bc.ids(fb)).containsExactly("observed-data--b", "observed-data--c1", "observed-data--c2");
    }

    @Test
    void startStopIsHalfOpen() {
        Observations o = new Observations()
                .v20("early", "2016-05-31T23:00:00Z", "2016-06-01T00:00:00Z", 1, ip("10.0.0.1"))
                .v20("late", "2016-07-01T00:00:00Z", ip("10.0.0.2"));
        String stop = " START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'";
        assertThat(o.matches("[ipv4-addr:value = '10.0.0.1']" + stop)).isTrue(); // last_observed == start counts
        assertThat(o.matches("[ipv4-addr:value = '10.0.0.2']" + stop)).isFalse(); // == stop does not
        assertThat(o.matches("[ipv4-addr:value = '10.0.0.1'] START t'2016-06-01T00:00:00.000000001Z'"
                        + " STOP t'2016-07-01T00:00:00Z'"))
                .isFalse();
        assertThat(o.matches(
                        "[ipv4-addr:value = '10.0.0.1'] START t'2016-07-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z'"))
                .isFalse();
        Observations v20 = new Observations().v20("x", "2016-06-15T00:00:00Z", ip("10.0.0.1"));
        assertThat(v20.matcher()
                        .match(
                                Observations.compile20(
                                        "[ipv4-addr:value = '10.0.0.1'] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'"))
                        .matched())
                .isTrue();
    }

    @Test
    void badObservedDataIsReportedNotFatal() {
        Observations o = new Observations()
                .v20("ok", "2020-01-01T00:00:00Z", ip("10.0.0.1"))
                .v20("bad", "yesterday", "2020-01-01T00:00:00Z", 1, ip("10.0.0.1"))
                .v20("zero", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z", 0, ip("10.0.0.1"))
                .v20("rev", "2020-01-02T00:00:00Z", "2020-01-01T00:00:00Z", 1, ip("10.0.0.1"));
        PatternMatcher m = o.matcher();
        assertThat(m.observationIds()).containsExactly("observed-data--ok");
        assertThat(m.problems()).hasSize(3);
        assertThat(m.problems().get(0)).contains("observed-data--bad", "first_observed");
    }

    @Test
    void aSearchThatExplodesReportsIncomplete() {
        Observations o = new Observations();
        for (int i = 0; i < 60; i++) {
            o.v20("o" + i, String.format("2020-01-01T%02d:%02d:00Z", i / 60, i % 60), ip("10.0.0.1"));
        }
        // 60 observations, any 8 of them (C(60,8) ~ 2.5e9 combinations), but none fits a 1 second window
        CompiledPattern p = Observations.compile("[ipv4-addr:value = '10.0.0.1'] REPEATS 8 TIMES WITHIN 1 SECONDS");
        MatchResult r = o.matcher().withSearchBudget(100_000).match(p);
        assertThat(r.matched()).isFalse();
        // the window pushed into the combination search prunes it: it finishes
        assertThat(r.incomplete()).isFalse();
        CompiledPattern q = Observations.compile("([ipv4-addr:value = '10.0.0.1'] AND [ipv4-addr:value = '10.0.0.1']"
                + " AND [ipv4-addr:value = '10.0.0.1'] AND [ipv4-addr:value = '10.0.0.1']) WITHIN 1 SECONDS");
        MatchResult rq = o.matcher().withSearchBudget(100_000).match(q);
        assertThat(rq.matched()).isFalse();
        assertThat(rq.incomplete()).isFalse();
        CompiledPattern many = Observations.compile("[ipv4-addr:value = '10.0.0.1'] REPEATS 61 TIMES");
        assertThat(o.matcher().withSearchBudget(100_000).match(many).incomplete())
                .isFalse();
        CompiledPattern hard = Observations.compile(
                "([ipv4-addr:value = '10.0.0.1'] REPEATS 30 TIMES) FOLLOWEDBY [ipv4-addr:value = '10.0.0.2']");
        MatchResult rh = o.matcher().withSearchBudget(10_000).match(hard);
        assertThat(rh.matched()).isFalse();
        assertThat(rh.incomplete()).isTrue();
    }
}
