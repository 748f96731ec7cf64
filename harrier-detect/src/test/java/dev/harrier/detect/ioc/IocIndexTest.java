package dev.harrier.detect.ioc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.StixObject;
import dev.harrier.telemetry.Event;
import dev.harrier.telemetry.Events;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The IOC index: normalisation, each kind's matching rule, validity windows, simple patterns, extraction. */
class IocIndexTest {
    static IocEntry e(String id, IocKind kind, String value) {
        return new IocEntry(id, id, kind, value, null, null);
    }

    static List<String> lookup(IocIndex idx, IocKind kind, String value) {
        List<String> out = new ArrayList<>();
        idx.lookup(kind, value, null, x -> out.add(x.indicatorId()));
        return out;
    }

    @Test
    void hashesAreCaseInsensitive() {
        IocIndex idx = IocIndex.build(
                List.of(e("a", IocKind.SHA256, "3F79BB7B435B05321651DAEFD374CDC681DC06FAA65E374E38337B88CA046DEA")),
                null);
        assertThat(lookup(idx, IocKind.SHA256, "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea"))
                .containsExactly("a");
        assertThat(lookup(idx, IocKind.MD5, "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea"))
                .isEmpty();
    }

    @Test
    void domainsMatchThemselvesAndSubdomainsOnly() {
        IocIndex idx = IocIndex.build(List.of(e("d", IocKind.DOMAIN, "Evil.Example.")), null);
        assertThat(lookup(idx, IocKind.DOMAIN, "evil.example")).containsExactly("d");
        assertThat(lookup(idx, IocKind.DOMAIN, "a.b.EVIL.example")).containsExactly("d");
        assertThat(lookup(idx, IocKind.DOMAIN, "notevil.example")).isEmpty();
        assertThat(lookup(idx, IocKind.DOMAIN, "example")).isEmpty();
    }

    @Test
    void addressesAndNetworksLongestFirst() {
        IocIndex idx = IocIndex.build(
                List.of(
                        e("host", IocKind.IP, "203.0.113.45"),
                        e("net24", IocKind.IP, "203.0.113.0/24"),
                        e("net16", IocKind.IP, "203.0.0.0/16"),
                        e("v6", IocKind.IP, "2001:db8:5a1e::/48"),
                        e("v6host", IocKind.IP, "2001:DB8:5A1E:0::77")),
                null);
        assertThat(lookup(idx, IocKind.IP, "203.0.113.45")).containsExactly("host", "net24", "net16");
        assertThat(lookup(idx, IocKind.IP, "::ffff:203.0.113.45"))
                .as("IPv4-mapped")
                .containsExactly("host", "net24", "net16");
        assertThat(lookup(idx, IocKind.IP, "203.0.114.1")).containsExactly("net16");
        assertThat(lookup(idx, IocKind.IP, "2001:db8:5a1e::77")).containsExactly("v6host", "v6");
        assertThat(lookup(idx, IocKind.IP, "2001:db8:5a1f::1")).isEmpty();
        assertThat(lookup(idx, IocKind.IP, "not an address")).isEmpty();
    }

    @Test
    void urlsAreNormalised() {
        IocIndex idx = IocIndex.build(
                List.of(e("u", IocKind.URL, "HTTPS://Update-Lantern.example:443/api/v2/../v2/check")), null);
        assertThat(lookup(idx, IocKind.URL, "https://update-lantern.example/api/v2/check"))
                .containsExactly("u");
        assertThat(lookup(idx, IocKind.URL, "https://update-lantern.example/api/v2/check?x=1"))
                .isEmpty();
    }

    @Test
    void validityWindowIsHonoured() {
        IocEntry timed = new IocEntry(
                "t",
                "t",
                IocKind.DOMAIN,
                "c2.example",
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"));
        IocIndex idx = IocIndex.build(List.of(timed), null);
        List<String> out = new ArrayList<>();
        idx.lookup(IocKind.DOMAIN, "c2.example", Instant.parse("2026-01-15T00:00:00Z"), x -> out.add("in"));
        idx.lookup(IocKind.DOMAIN, "c2.example", Instant.parse("2026-02-01T00:00:00Z"), x -> out.add("at-until"));
        idx.lookup(IocKind.DOMAIN, "c2.example", Instant.parse("2025-12-31T23:59:59Z"), x -> out.add("before"));
        assertThat(out).containsExactly("in");
    }

    @Test
    void invalidValuesAreRejectedNotIndexed() {
        List<IocEntry> rejected = new ArrayList<>();
        IocIndex idx = IocIndex.build(
                List.of(
                        e("bad", IocKind.IP, "999.1.1.1"),
                        e("badhash", IocKind.MD5, "xyz"),
                        e("ok", IocKind.IP, "10.0.0.1")),
                rejected);
        assertThat(idx.size()).isEqualTo(1);
        assertThat(rejected).extracting(IocEntry::indicatorId).containsExactly("bad", "badhash");
    }

    @Test
    void simplePatterns() {
        assertThat(SimplePatterns.observables("[domain-name:value = 'a.example'] OR [ipv4-addr:value = '10.0.0.1']"))
                .containsExactly(
                        new SimplePatterns.Observable(IocKind.DOMAIN, "a.example"),
                        new SimplePatterns.Observable(IocKind.IP, "10.0.0.1"));
        assertThat(SimplePatterns.observables("[file:hashes.'SHA-256' = 'ab' OR file:hashes.MD5 = 'cd']"))
                .extracting(SimplePatterns.Observable::kind)
                .containsExactly(IocKind.SHA256, IocKind.MD5);
        assertThat(SimplePatterns.observables("[ipv4-addr:value ISSUBSET '198.51.100.0/24']"))
                .containsExactly(new SimplePatterns.Observable(IocKind.IP, "198.51.100.0/24"));
        assertThat(SimplePatterns.observables("[url:value = 'http://x/it\\'s']"))
                .containsExactly(new SimplePatterns.Observable(IocKind.URL, "http://x/it's"));
        assertThat(SimplePatterns.observables("[file:name = 'a' AND file:size = 3]"))
                .isNull();
        assertThat(SimplePatterns.observables("[domain-name:value = 'a'] FOLLOWEDBY [domain-name:value = 'b']"))
                .isNull();
        assertThat(SimplePatterns.observables("[process:name = 'a']")).isNull();
        assertThat(SimplePatterns.observables("[domain-name:value = 'a'] WITHIN 5 SECONDS"))
                .isNull();
    }

    @Test
    void indicatorsFromStixObjects() {
        StixObject ind = StixObject.parse("""
                {"type":"indicator","spec_version":"2.1","id":"indicator--11111111-1111-4111-8111-111111111111",
                 "created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","name":"C2",
                 "pattern":"[domain-name:value = 'c2.example']","pattern_type":"stix",
                 "valid_from":"2026-01-01T00:00:00Z","valid_until":"2026-06-01T00:00:00Z"}""");
        List<IocEntry> entries = IocIndexes.entries(ind);
        assertThat(entries).singleElement().satisfies(x -> {
            assertThat(x.name()).isEqualTo("C2");
            assertThat(x.validUntil()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
        });
        StixObject sigma = StixObject.parse("""
                {"type":"indicator","spec_version":"2.1","id":"indicator--22222222-2222-4222-8222-222222222222",
                 "created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z",
                 "pattern":"title: x","pattern_type":"sigma","valid_from":"2026-01-01T00:00:00Z"}""");
        assertThat(IocIndexes.entries(sigma)).isNull();
    }

    @Test
    void matcherFindsObservablesInWindowsEvents() {
        IocIndex idx = IocIndex.build(
                List.of(
                        e("ip", IocKind.IP, "203.0.113.0/24"),
                        e("dom", IocKind.DOMAIN, "lantern.example"),
                        e("hash", IocKind.SHA256, "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea"),
                        e("file", IocKind.FILENAME, "invite.docm")),
                null);
        IocMatcher m = new IocMatcher(idx);
        assertThat(m.match(ev("DestinationIp", "203.0.113.45", "DestinationHostname", "update.lantern.example")))
                .extracting(h -> h.entry().indicatorId())
                .containsExactlyInAnyOrder("ip", "dom");
        assertThat(
                        m.match(
                                ev(
                                        "Hashes",
                                        "SHA1=AA,MD5=BB,SHA256=3F79BB7B435B05321651DAEFD374CDC681DC06FAA65E374E38337B88CA046DEA,IMPHASH=CC")))
                .singleElement()
                .satisfies(h -> assertThat(h.field()).isEqualTo("Hashes"));
        assertThat(m.match(ev("TargetFilename", "C:\\Users\\a\\Downloads\\INVITE.docm")))
                .hasSize(1);
        assertThat(m.match(ev("QueryName", "other.example", "QueryResults", "type:  5 x.example;::ffff:203.0.113.9;")))
                .extracting(h -> h.entry().indicatorId())
                .containsExactly("ip");
        assertThat(m.match(ev("CommandLine", "203.0.113.45 lantern.example")))
                .as("free text is not an observable")
                .isEmpty();
    }

    @Test
    void compactTablesKeepTheRules() {
        List<IocEntry> list = new ArrayList<>();
        list.add(e("wide", IocKind.IP, "198.0.0.0/7")); // shorter than /16: marks many /16 blocks
        list.add(e("host32", IocKind.IP, "198.51.100.7/32"));
        list.add(e("dupA", IocKind.DOMAIN, "c2.example"));
        list.add(e("sub", IocKind.DOMAIN, "a.c2.example"));
        list.add(e("dupB", IocKind.DOMAIN, "C2.Example"));
        list.add(e("uml", IocKind.DOMAIN, "bücher.example"));
        list.add(new IocEntry(
                "indicator--0f4b3e1a-6c2d-4e5f-8a9b-0c1d2e3f4a5b",
                "uuid id",
                IocKind.MD5,
                "D41D8CD98F00B204E9800998ECF8427E",
                null,
                null));
        // enough entries for the large-table filters to be built
        for (int i = 0; i < 20_000; i++) {
            list.add(e("v4-" + i, IocKind.IP, "11." + (i >> 8) + "." + (i & 255) + ".1"));
            list.add(e("d-" + i, IocKind.DOMAIN, "n" + i + ".bad.example"));
        }
        IocIndex idx = IocIndex.build(list, null);
        assertThat(lookup(idx, IocKind.IP, "198.51.100.7")).containsExactly("host32", "wide");
        assertThat(lookup(idx, IocKind.IP, " 199.255.1.1 ")).containsExactly("wide");
        assertThat(lookup(idx, IocKind.IP, "200.0.0.1")).isEmpty();
        assertThat(lookup(idx, IocKind.IP, "11.3.7.1")).containsExactly("v4-775");
        assertThat(lookup(idx, IocKind.IP, "11.3.7.2")).isEmpty();
        assertThat(lookup(idx, IocKind.DOMAIN, "X.A.C2.EXAMPLE."))
                .as("longest first; equal values in insertion order")
                .containsExactly("sub", "dupA", "dupB");
        assertThat(lookup(idx, IocKind.DOMAIN, "c2.example.org")).isEmpty();
        assertThat(lookup(idx, IocKind.DOMAIN, "www.BÜCHER.example")).containsExactly("uml");
        assertThat(lookup(idx, IocKind.DOMAIN, "n19999.bad.example")).containsExactly("d-19999");
        assertThat(lookup(idx, IocKind.DOMAIN, "bad.example")).isEmpty();
        assertThat(lookup(idx, IocKind.DOMAIN, "a/n1.bad.example")).isEmpty();
        List<IocEntry> hit = new ArrayList<>();
        idx.lookup(IocKind.MD5, "d41d8cd98f00b204e9800998ecf8427e", null, hit::add);
        assertThat(hit)
                .containsExactly(new IocEntry(
                        "indicator--0f4b3e1a-6c2d-4e5f-8a9b-0c1d2e3f4a5b",
                        "uuid id",
                        IocKind.MD5,
                        "d41d8cd98f00b204e9800998ecf8427e",
                        null,
                        null));
        hit.clear();
        idx.lookup(IocKind.IP, "198.51.100.7", null, hit::add);
        assertThat(hit).extracting(IocEntry::value).containsExactly("198.51.100.7/32", "198.0.0.0/7");
    }

    static Event ev(String... kv) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Channel", "Microsoft-Windows-Sysmon/Operational");
        for (int i = 0; i < kv.length; i += 2) {
            f.put(kv[i], kv[i + 1]);
        }
        return Events.of(f, Instant.parse("2026-03-02T09:00:00Z"), "t", 1);
    }
}
