package dev.harrier.analysis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Broken PE files never make the inspector throw or allocate without bound: truncation at every offset, random byte
 * flips, and hostile counts all end in a report whose problems name the file.
 */
class PeFuzzTest {
    private static final byte[] PE = SampleInspectorTest.fullBuilder().build();
    private static final SampleInspector INSPECTOR = new SampleInspector(1 << 20, 1000);

    private static void assertWellFormed(SampleReport r, String name) {
        assertThat(r.hashes().sha256()).hasSize(64);
        for (String p : r.problems()) {
            assertThat(p).startsWith(name + ": ");
        }
    }

    @Test
    void truncationAtEveryOffset() {
        for (int len = 0; len < PE.length; len++) {
            SampleReport r = INSPECTOR.inspect("t.dll", Arrays.copyOf(PE, len));
            assertWellFormed(r, "t.dll");
            if (len >= 2) {
                // a truncated PE always says what is missing: the header, a directory or a section's data
                assertThat(r.problems()).as("truncated at %d", len).isNotEmpty();
                assertThat(String.join("\n", r.problems()))
                        .as("truncated at %d", len)
                        .containsPattern("offset|0x");
            }
        }
    }

    @Property(tries = 400)
    void randomByteFlips(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 1 << 20) Integer> positions,
            @ForAll @Size(min = 12, max = 12) List<@IntRange(min = 0, max = 255) Integer> values) {
        byte[] b = PE.clone();
        for (int i = 0; i < positions.size(); i++) {
            b[positions.get(i) % b.length] = (byte) (int) values.get(i);
        }
        assertWellFormed(INSPECTOR.inspect("f.dll", b), "f.dll");
    }

    @Property(tries = 200)
    void flipsInTheHeadersOnly(
            @ForAll @IntRange(min = 0, max = 0x3ff) int position, @ForAll @IntRange(min = 0, max = 255) int value) {
        byte[] b = PE.clone();
        b[position] = (byte) value;
        assertWellFormed(INSPECTOR.inspect("h.dll", b), "h.dll");
    }

    @Test
    void hostileCountsAreBounded() {
        byte[] b = PE.clone();
        int pe = b[0x3c] & 0xff;
        // NumberOfSections 0xffff, NumberOfRvaAndSizes 0xffffffff, debug directory size 0xffffffff
        b[pe + 6] = (byte) 0xff;
        b[pe + 7] = (byte) 0xff;
        int opt = pe + 24;
        Arrays.fill(b, opt + 108, opt + 112, (byte) 0xff);
        Arrays.fill(b, opt + 112 + 6 * 8 + 4, opt + 112 + 6 * 8 + 8, (byte) 0xff);
        SampleReport r = INSPECTOR.inspect("hostile.dll", b);
        assertWellFormed(r, "hostile.dll");
        assertThat(r.problems()).isNotEmpty();
    }

    @Test
    void manyOverlappingSectionsDoNotReadTheFileOverAndOver() {
        // 2,000 sections that all claim the whole file as their raw data
        byte[] b = Arrays.copyOf(PE, 0x400 + 2000 * 40 + 0x1000);
        int pe = b[0x3c] & 0xff;
        int table = pe + 24 + 240;
        b[pe + 6] = (byte) (2000 & 0xff);
        b[pe + 7] = (byte) (2000 >> 8);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 2000; i++) {
            int at = table + 40 * i;
            buf.putLong(at, 0x7865742eL); // ".tex"
            buf.putInt(at + 8, 0x1000).putInt(at + 12, 0x100000 + 0x1000 * i);
            buf.putInt(at + 16, b.length).putInt(at + 20, 0);
        }
        SampleReport r = INSPECTOR.inspect("overlap.dll", b);
        assertWellFormed(r, "overlap.dll");
        assertThat(r.pe()).isNotNull();
        assertThat(String.join("\n", r.problems())).contains("entropy not computed");
    }

    @Test
    void aResourceLoopIsCut() {
        byte[] b = PE.clone();
        SampleReport clean = INSPECTOR.inspect("r.dll", b);
        assertThat(clean.problems()).isEmpty();
        // make the root's first entry point back at the root directory
        int rsrc = indexOf(b, ".rsrc");
        long raw = (b[rsrc + 20] & 0xff) | (b[rsrc + 21] & 0xff) << 8;
        int entry = (int) raw + 16;
        b[entry + 4] = 0;
        b[entry + 5] = 0;
        b[entry + 6] = 0;
        b[entry + 7] = (byte) 0x80;
        SampleReport r = INSPECTOR.inspect("r.dll", b);
        assertThat(String.join("\n", r.problems())).contains("loops");
    }

    private static int indexOf(byte[] b, String s) {
        byte[] n = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= b.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (b[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException(s);
    }
}
