package dev.harrier.analysis.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The fuzzy hash against values of the {@code ssdeep} 2.14.1 tool, and the comparison's properties. */
class FuzzyHashTest {
    private static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] edited(byte[] data) {
        byte[] y = data.clone();
        Arrays.fill(y, 10_000, 10_032, (byte) 'Z');
        return y;
    }

    @Test
    void matchesTheSsdeepTool() {
        // expected values: `ssdeep -s` on the same bytes
        assertThat(FuzzyHash.of(new byte[0])).isEqualTo("3::");
        assertThat(FuzzyHash.of("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo("3:uG:uG");
        assertThat(FuzzyHash.of(random(1, 30_000)))
                .isEqualTo("768:rfUJcqOKXQPdxEy8qCucr2TCOT0tohfTLVr3GevRu86O8B:rccKgZ8qC4CO4YLVTGepr9c");
        assertThat(FuzzyHash.of(edited(random(1, 30_000))))
                .isEqualTo("768:rfUJcqOKXQPdxEy8qCucB2TCOT0tohfTLVr3GevRu86O8B:rccKgZ8qCOCO4YLVTGepr9c");
        assertThat(FuzzyHash.of(random(2, 30_000)))
                .isEqualTo("768:JrGwp7cR4p9OrzTqxWuSqCipz/PhDjD3H34:JrR7cROOrzTqxWuSqNHhDX3I");
        assertThat(FuzzyHash.of(random(3, 200_000)))
                .isEqualTo("6144:V91OGqkOyde5O5gb4C07Afu27Hw3TvVxUo3q6tU:VaiRde0VC07Afu2qAoayU");
        assertThat(FuzzyHash.of(Arrays.copyOf(random(1, 30_000), 20_000)))
                .isEqualTo(
                        "384:91ffMPxHVNvvcqOKXQPdZOG8DOqBS8t87CucrBuguTUt8FX4spJmtoscfTLJbrf6:rfUJcqOKXQPdxEy8qCucr2TCOT0tohf0");
    }

    @Test
    void scoresLikeTheSsdeepTool() {
        String a = FuzzyHash.of(random(1, 30_000));
        String edit = FuzzyHash.of(edited(random(1, 30_000)));
        String prefix = FuzzyHash.of(Arrays.copyOf(random(1, 30_000), 20_000));
        String other = FuzzyHash.of(random(2, 30_000));
        // `ssdeep -p`: 99, 80, 79, and no match for unrelated data
        assertThat(FuzzyHash.compare(a, a)).isEqualTo(100);
        assertThat(FuzzyHash.compare(a, edit)).isEqualTo(99);
        assertThat(FuzzyHash.compare(a, prefix)).isEqualTo(80);
        assertThat(FuzzyHash.compare(edit, prefix)).isEqualTo(79);
        assertThat(FuzzyHash.compare(a, other)).isZero();
        assertThat(FuzzyHash.compare(a, FuzzyHash.of(random(3, 200_000)))).isZero();
    }

    @Test
    void streamingGivesTheSameDigest() throws Exception {
        byte[] data = random(7, 150_000);
        assertThat(FuzzyHash.of(new ByteArrayInputStream(data))).isEqualTo(FuzzyHash.of(data));
    }

    @Test
    void rejectsWhatIsNotAFuzzyHash() {
        assertThat(FuzzyHash.isValid("3:abc:def")).isTrue();
        assertThat(FuzzyHash.isValid("abc")).isFalse();
        assertThatThrownBy(() -> FuzzyHash.compare("3:abc:def", "nonsense"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nonsense");
    }

    @Test
    void longRunsAreShortenedBeforeComparing() {
        assertThat(FuzzyHash.eliminateSequences("AAAAAAB")).isEqualTo("AAAB");
        assertThat(FuzzyHash.editDistance("kitten", "sitting")).isEqualTo(5);
    }

    @Property(tries = 60)
    void identicalIsHundredAndScoresAreSymmetric(
            @ForAll @Size(min = 0, max = 20_000) byte[] a, @ForAll @Size(min = 0, max = 20_000) byte[] b) {
        String ha = FuzzyHash.of(a);
        String hb = FuzzyHash.of(b);
        assertThat(FuzzyHash.isValid(ha)).isTrue();
        assertThat(FuzzyHash.compare(ha, ha)).isEqualTo(100);
        int s = FuzzyHash.compare(ha, hb);
        assertThat(s).isBetween(0, 100).isEqualTo(FuzzyHash.compare(hb, ha));
    }

    @Property(tries = 30)
    void aSmallEditKeepsAHighScore(@ForAll long seed) {
        byte[] data = random(seed, 64 * 1024);
        byte[] edit = data.clone();
        int at = (int) Math.floorMod(seed, 60 * 1024L);
        Arrays.fill(edit, at, at + 16, (byte) 0x41);
        assertThat(FuzzyHash.compare(FuzzyHash.of(data), FuzzyHash.of(edit))).isGreaterThanOrEqualTo(80);
    }
}
