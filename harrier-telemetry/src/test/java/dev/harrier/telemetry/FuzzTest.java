package dev.harrier.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.harrier.core.Limits;
import java.io.IOException;
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

/** Mutated fixtures: the reader ends, reports, and throws nothing but IOException. */
class FuzzTest {
    private static final List<String> FIXTURES =
            List.of("evtx_concat.json", "evtx_lines.json", "ecs.ndjson", "flat.json", "flat_bad.json");
    private static final byte[] INTERESTING =
            "{}[]\":,\\\n\r \u0000#0-9eE.tfn\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private Path dir;

    @BeforeProperty
    void setUp() throws IOException {
        dir = Files.createTempDirectory("harrier-fuzz");
    }

    @AfterProperty
    void tearDown() throws IOException {
        TestFiles.deleteTree(dir);
    }

    record Mutation(int kind, int position, byte value, int length) {}

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 4000),
                        Arbitraries.oneOf(Arbitraries.of(toObjects(INTERESTING)), Arbitraries.bytes()),
                        Arbitraries.integers().between(1, 64))
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(8);
    }

    private static Byte[] toObjects(byte[] b) {
        Byte[] out = new Byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i];
        }
        return out;
    }

    static byte[] mutate(byte[] in, List<Mutation> ms) {
        byte[] b = in.clone();
        for (Mutation m : ms) {
            if (b.length == 0) {
                break;
            }
            int pos = m.position() % b.length;
            switch (m.kind()) {
                case 0: // replace a byte
                    b[pos] = m.value();
                    break;
                case 1: { // insert a byte
                    byte[] n = new byte[b.length + 1];
                    System.arraycopy(b, 0, n, 0, pos);
                    n[pos] = m.value();
                    System.arraycopy(b, pos, n, pos + 1, b.length - pos);
                    b = n;
                    break;
                }
                case 2: { // delete a run
                    int len = Math.min(m.length(), b.length - pos);
                    byte[] n = new byte[b.length - len];
                    System.arraycopy(b, 0, n, 0, pos);
                    System.arraycopy(b, pos + len, n, pos, b.length - pos - len);
                    b = n;
                    break;
                }
                case 3: // truncate
                    b = java.util.Arrays.copyOf(b, pos);
                    break;
                default: { // duplicate a run
                    int len = Math.min(m.length(), b.length - pos);
                    byte[] n = new byte[b.length + len];
                    System.arraycopy(b, 0, n, 0, pos + len);
                    System.arraycopy(b, pos, n, pos + len, b.length - pos);
                    b = n;
                    break;
                }
            }
        }
        return b;
    }

    @Property(tries = 300)
    void mutatedInputNeverThrowsAnythingButIOExceptionAndNeverHangs(
            @ForAll("mutations") List<Mutation> mutations,
            @ForAll("fixtures") String fixture,
            @ForAll("compression") int compression)
            throws IOException {
        byte[] data = mutate(TestFiles.resource(fixture), mutations);
        if (compression == 1) {
            data = TestFiles.gzip(data);
        } else if (compression == 2) {
            data = TestFiles.zstd(data);
        } else if (compression == 3) {
            // corrupt the compressed stream itself
            data = mutate(TestFiles.gzip(TestFiles.resource(fixture)), mutations);
        }
        Path f = dir.resolve("f");
        Files.write(f, data);
        ReadStats stats = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (EventSource src = EventSources.open(f, Limits.defaults())) {
                long n = 0;
                for (Event e = src.next(); e != null; e = src.next()) {
                    n++;
                    // touching every field must not throw either
                    for (String name : e.fieldNames()) {
                        e.get(name);
                    }
                    e.eventId();
                    e.timestamp();
                    e.host();
                }
                assertThat(src.stats().events()).isEqualTo(n);
                return src.stats();
            } catch (IOException e) {
                return null; // allowed
            }
        });
        if (stats != null) {
            assertThat(stats.errors()).allSatisfy(e -> assertThat(e.reason()).isNotBlank());
            assertThat(stats.files() + stats.skippedFiles()).isEqualTo(1);
        }
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Provide
    Arbitrary<Integer> compression() {
        return Arbitraries.integers().between(0, 3);
    }
}
