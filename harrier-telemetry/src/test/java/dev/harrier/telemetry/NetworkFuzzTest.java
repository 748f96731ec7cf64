package dev.harrier.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.harrier.core.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.jspecify.annotations.Nullable;

/**
 * Truncated and mutated network fixtures (and mapping files): the readers end, report, and throw nothing but
 * IOException (a {@link MappingException} for a broken mapping file).
 */
class NetworkFuzzTest {
    private static final List<String> FIXTURES = List.of(
            "conn.log",
            "dns.log",
            "ssl.log",
            "files.log",
            "http.log",
            "x509.log",
            "notice.log",
            "eve.json",
            "proxy.csv",
            "flows.jsonl");
    private static final byte[] INTERESTING =
            "{}[]\":,\\\n\r\t #-.0-9eEx(empty)TF\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    private Path dir;

    @BeforeProperty
    void setUp() throws IOException {
        dir = Files.createTempDirectory("harrier-netfuzz");
    }

    @AfterProperty
    void tearDown() throws IOException {
        TestFiles.deleteTree(dir);
    }

    @Provide
    Arbitrary<List<FuzzTest.Mutation>> mutations() {
        Byte[] interesting = new Byte[INTERESTING.length];
        for (int i = 0; i < interesting.length; i++) {
            interesting[i] = INTERESTING[i];
        }
        Arbitrary<FuzzTest.Mutation> one = Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 4000),
                        Arbitraries.oneOf(Arbitraries.of(interesting), Arbitraries.bytes()),
                        Arbitraries.integers().between(1, 64))
                .as(FuzzTest.Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Provide
    Arbitrary<Integer> compression() {
        return Arbitraries.integers().between(0, 3);
    }

    private static @Nullable ColumnMapping mappingFor(String fixture) throws IOException {
        String yml = fixture.equals("proxy.csv")
                ? "proxy.mapping.yml"
                : fixture.equals("flows.jsonl") ? "flows.mapping.yml" : null;
        return yml == null
                ? null
                : ColumnMapping.parse(new String(TestFiles.network(yml), StandardCharsets.UTF_8), yml);
    }

    @Property(tries = 400)
    void mutatedNetworkInputNeverThrowsAnythingButIOExceptionAndNeverHangs(
            @ForAll("mutations") List<FuzzTest.Mutation> mutations,
            @ForAll("fixtures") String fixture,
            @ForAll("compression") int compression)
            throws IOException {
        byte[] original = TestFiles.network(fixture);
        byte[] data = FuzzTest.mutate(original, mutations);
        if (compression == 1) {
            data = TestFiles.gzip(data);
        } else if (compression == 2) {
            data = TestFiles.zstd(data);
        } else if (compression == 3) {
            data = FuzzTest.mutate(TestFiles.zstd(original), mutations); // a corrupt compressed stream
        }
        Path f = dir.resolve(fixture); // the name matters: it gives Zeek JSON logs their type
        Files.write(f, data);
        ColumnMapping mapping = mappingFor(fixture);
        ReadStats stats = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (EventSource src = mapping == null
                    ? EventSources.open(f, Limits.defaults())
                    : EventSources.open(f, mapping, Limits.defaults())) {
                long n = 0;
                for (Event e = src.next(); e != null; e = src.next()) {
                    n++;
                    for (String name : e.fieldNames()) {
                        e.get(name);
                    }
                    e.eventId();
                    e.timestamp();
                    e.host();
                    e.channel();
                    e.product();
                    assertThat(e.toString()).isNotBlank();
                    assertThat(e.line()).isPositive();
                }
                assertThat(src.stats().events()).isEqualTo(n);
                return src.stats();
            } catch (IOException e) {
                return null; // allowed
            }
        });
        if (stats != null) {
            assertThat(stats.errors()).allSatisfy(e -> {
                assertThat(e.reason()).isNotBlank();
                assertThat(e.source()).isEqualTo(f.toString());
            });
            assertThat(stats.files() + stats.skippedFiles()).isEqualTo(1);
        }
    }

    @Property(tries = 200)
    void mutatedMappingFilesFailOnlyWithMappingException(
            @ForAll("mutations") List<FuzzTest.Mutation> mutations, @ForAll boolean proxy) {
        byte[] yml = FuzzTest.mutate(TestFiles.network(proxy ? "proxy.mapping.yml" : "flows.mapping.yml"), mutations);
        String text = new String(yml, StandardCharsets.UTF_8);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                ColumnMapping m = ColumnMapping.parse(text, "fuzz.yml");
                assertThat(m.channel()).isNotBlank();
            } catch (MappingException e) {
                assertThat(e.getMessage()).startsWith("fuzz.yml");
            }
        });
    }
}
