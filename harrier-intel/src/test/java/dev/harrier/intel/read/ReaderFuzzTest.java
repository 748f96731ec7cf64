package dev.harrier.intel.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.harrier.core.Limits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing: whatever the input, a read either completes (possibly rejecting entries) or throws {@link
 * IntelSyntaxException}; never another exception, never a hang. jqwik prints the seed of a failing run.
 */
class ReaderFuzzTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    /** How one read ended. */
    enum Ending {
        COMPLETED,
        SYNTAX_ERROR
    }

    /** Reads {@code content}; any exception but a syntax error fails the test, and so does a read over the limit. */
    static Ending read(byte[] content, IntelFormat format, Limits limits) {
        return assertTimeoutPreemptively(LIMIT, () -> {
            try {
                Reads.Result r = Reads.read(content, "fuzz", format, limits);
                assertThat(r.summary().objectsRead()).isEqualTo(r.objects().size());
                assertThat(r.summary().rejected()).isEqualTo(r.errors().size());
                return Ending.COMPLETED;
            } catch (IntelSyntaxException e) {
                assertThat(e.line()).isNotNegative();
                assertThat(e.column()).isNotNegative();
                return Ending.SYNTAX_ERROR;
            }
        });
    }

    static Ending read(byte[] content, IntelFormat format) {
        return read(content, format, Limits.defaults());
    }

    @Provide
    Arbitrary<String> validFixtures() {
        return Arbitraries.of(new ArrayList<>(Fixtures.VALID.keySet()));
    }

    @Property(tries = 300)
    void truncatedAtARandomOffset(@ForAll("validFixtures") String fixture, @ForAll @DoubleRange(max = 1.0) double where)
            throws Exception {
        byte[] content = Reads.bytes(fixture);
        int cut = (int) Math.min(content.length, Math.floor(where * content.length));
        read(Arrays.copyOf(content, cut), Fixtures.VALID.get(fixture));
    }

    @Example
    void truncatedAtEveryOffsetOfEachFormat() throws Exception {
        for (String fixture :
                List.of("stix21-small.json", "misp-bare-event.json", "galaxy-values-first.json", "iocs.csv")) {
            byte[] content = Reads.bytes(fixture);
            IntelFormat format = Fixtures.VALID.getOrDefault(fixture, IntelFormat.MISP_EVENT);
            int syntaxErrors = 0;
            for (int cut = 0; cut < content.length; cut++) {
                if (read(Arrays.copyOf(content, cut), format) == Ending.SYNTAX_ERROR) {
                    syntaxErrors++;
                }
            }
            if (format != IntelFormat.IOC_LIST) {
                // every prefix that cuts into the JSON document is malformed (only trailing whitespace may go)
                int end = new String(content, StandardCharsets.UTF_8)
                        .stripTrailing()
                        .getBytes(StandardCharsets.UTF_8)
                        .length;
                assertThat(syntaxErrors).as(fixture).isEqualTo(end);
            }
        }
    }

    /** One edit of a byte array. */
    record Mutation(int kind, double where, byte value) {
        byte[] apply(byte[] in) {
            if (in.length == 0) {
                return new byte[] {value};
            }
            int at = (int) Math.min(in.length - 1, Math.floor(where * in.length));
            switch (kind) {
                case 0 -> {
                    byte[] out = in.clone();
                    out[at] = (byte) (out[at] ^ (value == 0 ? 1 : value));
                    return out;
                }
                case 1 -> {
                    byte[] out = new byte[in.length + 1];
                    System.arraycopy(in, 0, out, 0, at);
                    out[at] = value;
                    System.arraycopy(in, at, out, at + 1, in.length - at);
                    return out;
                }
                default -> {
                    byte[] out = new byte[in.length - 1];
                    System.arraycopy(in, 0, out, 0, at);
                    System.arraycopy(in, at + 1, out, at, in.length - at - 1);
                    return out;
                }
            }
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<Byte> interesting = Arbitraries.of(
                (byte) '{',
                (byte) '}',
                (byte) '[',
                (byte) ']',
                (byte) '"',
                (byte) ',',
                (byte) ':',
                (byte) '\\',
                (byte) 0,
                (byte) 0xff,
                (byte) 0xc3,
                (byte) '\n',
                (byte) '-',
                (byte) '9');
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.oneOf(interesting, Arbitraries.bytes()))
                .as(Mutation::new);
    }

    @Property(tries = 500)
    void flippedInsertedAndDeletedBytes(
            @ForAll("validFixtures") String fixture,
            @ForAll @Size(min = 1, max = 8) List<@From("mutations") Mutation> edits)
            throws Exception {
        byte[] content = Reads.bytes(fixture);
        for (Mutation m : edits) {
            content = m.apply(content);
        }
        read(content, Fixtures.VALID.get(fixture));
    }

    @Property(tries = 200)
    void randomBytesInEveryFormat(@ForAll @Size(max = 2000) byte[] garbage) {
        for (IntelFormat f : IntelFormat.values()) {
            read(garbage, f);
        }
    }

    /** JSON text built from STIX/MISP-flavoured keys and values, so the generated documents reach deep code paths. */
    @Provide
    Arbitrary<String> json() {
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of(
                        "type",
                        "id",
                        "spec_version",
                        "created",
                        "modified",
                        "name",
                        "aliases",
                        "labels",
                        "objects",
                        "values",
                        "value",
                        "uuid",
                        "meta",
                        "synonyms",
                        "refs",
                        "country",
                        "Event",
                        "response",
                        "Attribute",
                        "Object",
                        "Tag",
                        "Galaxy",
                        "GalaxyCluster",
                        "to_ids",
                        "info",
                        "timestamp",
                        "external_references",
                        "source_name",
                        "object_marking_refs",
                        "created_by_ref",
                        "revoked",
                        "relationship_type",
                        "source_ref",
                        "target_ref",
                        "pattern",
                        "valid_from",
                        "related",
                        "cfr-suspected-victims",
                        "cfr-suspected-state-sponsor",
                        "cfr-target-category",
                        "x_custom",
                        "object_relation",
                        "first_seen",
                        "Orgc",
                        "deleted",
                        "confidence"),
                Arbitraries.strings().ofMaxLength(6));
        Arbitrary<String> strings = Arbitraries.oneOf(
                Arbitraries.of(
                        "bundle",
                        "indicator",
                        "intrusion-set",
                        "relationship",
                        "sighting",
                        "malware",
                        "marking-definition",
                        "x-custom",
                        "2.0",
                        "2.1",
                        "intrusion-set--00000000-0000-4000-8000-000000000001",
                        "identity--00000000-0000-4000-8000-000000000002",
                        "2024-01-01T00:00:00Z",
                        "2024-02-30T25:61:61.123Z",
                        "ip-dst",
                        "ip-src|port",
                        "domain|ip",
                        "filename|md5",
                        "md5",
                        "url",
                        "AS",
                        "regkey|value",
                        "yara",
                        "text",
                        "1.2.3.4",
                        "1.2.3.4|80",
                        "a.example|10.0.0.1",
                        "x|y",
                        "misp-galaxy:threat-actor=\"X\"",
                        "misp-galaxy:mitre-attack-pattern=\"P - T1059\"",
                        "tlp:red",
                        "tlp:amber+strict",
                        "Russia",
                        "Southeast Asia",
                        "Government",
                        "CN",
                        "1709294400",
                        "file",
                        "domain-ip",
                        "ip-port",
                        "size-in-bytes",
                        "00000000-0000-4000-8000-000000000003",
                        "Unknown",
                        ""),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> leaves = Arbitraries.oneOf(
                strings.map(ReaderFuzzTest::quote),
                Arbitraries.of(
                        "0",
                        "-1",
                        "1.50",
                        "1e999999999",
                        "12345678901234567890123",
                        "true",
                        "false",
                        "null",
                        "3.0E-10"));
        return Arbitraries.recursive(
                () -> leaves,
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
                        Combinators.combine(keys, inner)
                                .as((k, v) -> quote(k) + ":" + v)
                                .list()
                                .ofMaxSize(6)
                                .map(l -> "{" + String.join(",", l) + "}")),
                0,
                5);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    @Property(tries = 500)
    void randomJsonTreesInEveryPlace(@ForAll("json") String a, @ForAll("json") String b) {
        List<Tuple.Tuple2<String, IntelFormat>> docs = List.of(
                Tuple.of(a, IntelFormat.STIX_BUNDLE),
                Tuple.of(StixBadInputTest.bundle(a, b), IntelFormat.STIX_BUNDLE),
                Tuple.of(
                        "{\"type\":\"bundle\",\"objects\":[" + a + "]," + "\"spec_version\":" + b + "}",
                        IntelFormat.STIX_BUNDLE),
                Tuple.of(a, IntelFormat.MISP_EVENT),
                Tuple.of(
                        "{\"Event\":{\"uuid\":\"00000000-0000-4000-8000-000000000009\",\"Attribute\":[" + a + "],"
                                + "\"Object\":[" + b + "],\"Tag\":[" + a + "]}}",
                        IntelFormat.MISP_EVENT),
                Tuple.of("{\"response\":[{\"Event\":" + a + "}," + b + "]}", IntelFormat.MISP_EVENT),
                Tuple.of(a, IntelFormat.MISP_GALAXY_CLUSTER),
                Tuple.of(
                        "{\"type\":\"threat-actor\",\"values\":[" + a + "," + b + "]}",
                        IntelFormat.MISP_GALAXY_CLUSTER),
                Tuple.of(a + "\n" + b, IntelFormat.IOC_LIST));
        for (Tuple.Tuple2<String, IntelFormat> d : docs) {
            read(d.get1().getBytes(StandardCharsets.UTF_8), d.get2());
        }
    }

    @Example
    void tenThousandLevelsOfNestingAreASyntaxErrorInEveryJsonFormat() {
        String arrays = "[".repeat(10_000) + "]".repeat(10_000);
        StringBuilder objects = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            objects.append("{\"a\":");
        }
        objects.append("1").append("}".repeat(10_000));
        Map<IntelFormat, List<String>> docs = Map.of(
                IntelFormat.STIX_BUNDLE,
                List.of(arrays, objects.toString(), StixBadInputTest.bundle(arrays)),
                IntelFormat.MISP_EVENT,
                List.of(arrays, "{\"Event\":{\"Attribute\":[" + objects + "]}}"),
                IntelFormat.MISP_GALAXY_CLUSTER,
                List.of(objects.toString(), "{\"type\":\"x\",\"values\":[" + arrays + "]}"));
        docs.forEach((format, list) -> {
            for (String d : list) {
                assertThat(read(d.getBytes(StandardCharsets.UTF_8), format)).isEqualTo(Ending.SYNTAX_ERROR);
            }
        });
        // for a text list it is just a line that is no indicator
        assertThat(read(arrays.getBytes(StandardCharsets.UTF_8), IntelFormat.IOC_LIST))
                .isEqualTo(Ending.COMPLETED);
    }

    @Example
    void hugeStrings() {
        String over = "s".repeat((8 << 20) + 1); // beyond maxStringLength: the file is unreadable
        String big = "s".repeat(5 << 20); // within it but beyond maxObjectBytes: the entry is rejected
        assertThat(read(
                        StixBadInputTest.bundle(StixBadInputTest.object("identity", 1, "\"name\":\"" + over + "\""))
                                .getBytes(StandardCharsets.UTF_8),
                        IntelFormat.STIX_BUNDLE))
                .isEqualTo(Ending.SYNTAX_ERROR);
        assertThat(read(
                        ("{\"Event\":{\"info\":\"" + over + "\"}}").getBytes(StandardCharsets.UTF_8),
                        IntelFormat.MISP_EVENT))
                .isEqualTo(Ending.SYNTAX_ERROR);
        assertThat(read(
                        ("{\"type\":\"" + over + "\",\"values\":[]}").getBytes(StandardCharsets.UTF_8),
                        IntelFormat.MISP_GALAXY_CLUSTER))
                .isEqualTo(Ending.SYNTAX_ERROR);
        assertThat(read(
                        StixBadInputTest.bundle(StixBadInputTest.object("identity", 1, "\"name\":\"" + big + "\""))
                                .getBytes(StandardCharsets.UTF_8),
                        IntelFormat.STIX_BUNDLE))
                .isEqualTo(Ending.COMPLETED);
        assertThat(read(
                        ("{\"Event\":{\"info\":\"x\",\"Attribute\":[{\"type\":\"text\",\"value\":\"" + big + "\"}]}}")
                                .getBytes(StandardCharsets.UTF_8),
                        IntelFormat.MISP_EVENT))
                .isEqualTo(Ending.COMPLETED);
        assertThat(read(
                        ("{\"type\":\"t\",\"values\":[{\"value\":\"" + big + "\"}]}").getBytes(StandardCharsets.UTF_8),
                        IntelFormat.MISP_GALAXY_CLUSTER))
                .isEqualTo(Ending.COMPLETED);
        assertThat(read(big.getBytes(StandardCharsets.UTF_8), IntelFormat.IOC_LIST))
                .isEqualTo(Ending.COMPLETED);
    }

    @Example
    void gzipBombsStopAtTheDecompressionCap() throws Exception {
        byte[] zeros = new byte[4 << 20];
        byte[] gz = IntelReadersTest.gzip(zeros);
        Limits small = new Limits(64, 8 << 20, 100, 1000, 4L << 20, 10_000, 5_000_000L, 64 << 10, 1000, 1L << 20);
        for (IntelFormat f : IntelFormat.values()) {
            assertThat(read(gz, f, small)).isEqualTo(Ending.SYNTAX_ERROR);
        }
    }
}
