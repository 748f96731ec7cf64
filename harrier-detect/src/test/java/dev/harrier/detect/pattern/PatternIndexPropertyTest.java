package dev.harrier.detect.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.StixObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The index gives exactly the results of matching every pattern on its own. */
class PatternIndexPropertyTest {
    private static final String[] IPS = {"10.0.0.1", "10.0.0.2", "10.0.1.7", "192.168.5.5", "2001:db8::1", "bad"};
    private static final String[] NETS = {
        "10.0.0.0/8", "10.0.0.0/24", "10.0.0.1/32", "192.168.0.0/16", "2001:db8::/32", "0.0.0.0/0"
    };
    private static final String[] DOMAINS = {"example.com", "evil.org", "a.example.com"};
    private static final String[] NAMES = {"foo.dll", "bar.exe", "Foo.dll"};
    private static final String[] MD5 = {"79054025255fb1a26e4bc422aef54eb4", "cead3f77f6cda6ec00f57d76c9a6879f"};

    private static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    private static String comparison(Random r) {
        switch (r.nextInt(16)) {
            case 0:
                return "ipv4-addr:value = '" + pick(r, IPS) + "'";
            case 1:
                return "ipv4-addr:value IN ('" + pick(r, IPS) + "', '" + pick(r, IPS) + "')";
            case 2:
                return "ipv4-addr:value ISSUBSET '" + pick(r, NETS) + "'";
            case 3:
                return "ipv6-addr:value ISSUBSET '" + pick(r, NETS) + "'";
            case 4:
                return "domain-name:value = '" + pick(r, DOMAINS) + "'";
            case 5:
                return "domain-name:value LIKE '%example.com'";
            case 6:
                return "file:name = '" + pick(r, NAMES) + "'";
            case 7:
                return "file:size = " + (r.nextInt(3) * 1000) + (r.nextBoolean() ? ".0" : "");
            case 8:
                return "file:size IN (0, 1000, 2000.5)";
            case 9:
                return "file:hashes.MD5 = '" + pick(r, MD5) + "'";
            case 10:
                return "file:name != '" + pick(r, NAMES) + "'";
            case 11:
                return "file:size > " + r.nextInt(2500);
            case 12:
                return "file:created = t'2020-01-01T00:0" + r.nextInt(3) + ":00Z'";
            case 13:
                return "network-traffic:dst_ref.value = '" + pick(r, IPS) + "'";
            case 14:
                return "file:tags[*] = '" + pick(r, NAMES) + "'";
            default:
                return "ipv4-addr:value NOT = '" + pick(r, IPS) + "'";
        }
    }

    private static String comparisons(Random r, int depth) {
        int k = r.nextInt(depth > 0 ? 4 : 1);
        if (k == 0) {
            return comparison(r);
        }
        String op = k == 1 ? " AND " : " OR ";
        return "(" + comparisons(r, depth - 1) + op + comparisons(r, depth - 1) + ")";
    }

    private static String observation(Random r, int depth) {
        String e;
        int k = depth > 0 ? r.nextInt(6) : 0;
        if (k <= 2) {
            e = "[" + comparisons(r, 2) + "]";
        } else {
            String op = k == 3 ? " AND " : k == 4 ? " OR " : " FOLLOWEDBY ";
            e = "(" + observation(r, depth - 1) + op + observation(r, depth - 1) + ")";
        }
        switch (r.nextInt(8)) {
            case 0:
                return e + " WITHIN " + (1 + r.nextInt(600)) + " SECONDS";
            case 1:
                return e + " REPEATS " + (1 + r.nextInt(3)) + " TIMES";
            case 2:
                return e + " START t'2020-01-01T00:0" + r.nextInt(5) + ":00Z' STOP t'2020-01-01T00:"
                        + (10 + r.nextInt(50)) + ":00Z'";
            default:
                return e;
        }
    }

    private static String sco(Random r, int i, String idPrefix) {
        String id = idPrefix + i;
        switch (r.nextInt(5)) {
            case 0: {
                String ip = pick(r, IPS);
                return "{\"type\": \"" + (ip.contains(":") ? "ipv6-addr" : "ipv4-addr") + "\", \"id\": \"" + id
                        + "\", \"value\": \"" + ip + "\"}";
            }
            case 1:
                return "{\"type\": \"domain-name\", \"id\": \"" + id + "\", \"value\": \"" + pick(r, DOMAINS) + "\"}";
            case 2:
                return "{\"type\": \"file\", \"id\": \"" + id + "\", \"name\": \"" + pick(r, NAMES) + "\", \"size\": "
                        + (r.nextInt(3) * 1000) + ", \"hashes\": {\"MD5\": \"" + pick(r, MD5) + "\"},"
                        + " \"created\": \"2020-01-01T00:0" + r.nextInt(3) + ":00.000Z\", \"tags\": [\""
                        + pick(r, NAMES)
                        + "\", \"x\"]}";
            case 3:
                return "{\"type\": \"ipv4-addr\", \"id\": \"" + id + "\", \"value\": \"" + pick(r, IPS) + "\"}";
            default:
                return "{\"type\": \"network-traffic\", \"id\": \"" + id + "\", \"dst_ref\": \"" + idPrefix + (i + 1)
                        + "\"}";
        }
    }

    private static List<StixObject> observations(Random r) {
        Observations o = new Observations();
        int n = 1 + r.nextInt(25);
        for (int i = 0; i < n; i++) {
            int min = r.nextInt(40);
            String first = String.format("2020-01-01T00:%02d:00Z", min);
            String last = String.format("2020-01-01T00:%02d:%02dZ", min + r.nextInt(3), r.nextInt(60));
            int count = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
            int k = 1 + r.nextInt(3);
            if (r.nextBoolean()) {
                StringBuilder map = new StringBuilder("{");
                for (int j = 0; j < k + 1; j++) {
                    String s = sco(r, j, "");
                    map.append(j == 0 ? "" : ", ")
                            .append('"')
                            .append(j)
                            .append("\": ")
                            .append(s);
                }
                o.v20("o" + i, first, last, count, map.append('}').toString());
            } else {
                String[] scos = new String[k + 1];
                for (int j = 0; j < scos.length; j++) {
                    scos[j] = sco(r, j, "x-" + i + "--");
                }
                o.v21("o" + i, first, last, count, scos);
            }
        }
        return o.objects();
    }

    @Property(tries = 300)
    void indexAgreesWithMatchingEachPatternAlone(@ForAll long seed) {
        check(seed);
    }

    @Test
    void fixedSeeds() {
        for (long s = 0; s < 50; s++) {
            check(s);
        }
    }

    private static void check(long seed) {
        Random r = new Random(seed);
        List<CompiledPattern> patterns = new ArrayList<>();
        int m = 1 + r.nextInt(30);
        for (int i = 0; i < m; i++) {
            patterns.add(Observations.compile(observation(r, 2)).withId("p" + i));
        }
        PatternMatcher matcher = PatternMatcher.of(observations(r)).withSearchBudget(100_000);
        PatternIndex index = PatternIndex.of(patterns);
        List<String> expected = new ArrayList<>();
        for (CompiledPattern p : patterns) {
            MatchResult res = matcher.match(p);
            if (res.matched() || res.incomplete()) {
                expected.add(describe(res));
            }
        }
        List<String> actual = new ArrayList<>();
        for (MatchResult res : index.match(matcher)) {
            actual.add(describe(res));
        }
        assertThat(actual).as("seed %d", seed).isEqualTo(expected);
    }

    private static String describe(MatchResult r) {
        return r.pattern().id().orElseThrow() + " " + r.matched() + " " + r.incomplete() + " " + r.observationIds()
                + " " + r.pattern().text();
    }

    @Test
    void simplePatternsAreIndexed() {
        List<CompiledPattern> ps = List.of(
                Observations.compile("[ipv4-addr:value = '10.0.0.1']"),
                Observations.compile("[ipv4-addr:value ISSUBSET '10.0.0.0/8' OR domain-name:value IN ('a', 'b')]"),
                Observations.compile("[file:name = 'a' AND file:name MATCHES 'x'] FOLLOWEDBY [file:size = 3]"),
                Observations.compile("[file:name != 'a']"),
                Observations.compile("[file:name = 'a' OR file:size > 3]"));
        PatternIndex index = PatternIndex.of(ps);
        assertThat(index.indexedPatterns()).isEqualTo(3);
        assertThat(index.patterns()).hasSize(5);
    }
}
