package dev.harrier.intel.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.Limits;
import dev.harrier.store.IncomingObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A generated bundle far larger than anything the reader may keep: it is read object by object. */
class LargeBundleTest {
    private static final int OBJECTS = 100_000;

    /** A bundle produced on the fly: nothing of it exists in memory except the current object's bytes. */
    static final class GeneratedBundle extends InputStream {
        private final int count;
        private final String padding = "p".repeat(900);
        private byte[] chunk =
                "{\"type\":\"bundle\",\"id\":\"bundle--00000000-0000-4000-8000-000000000000\",\"objects\":["
                        .getBytes(StandardCharsets.UTF_8);
        private int pos;
        private int next;
        private long produced;

        GeneratedBundle(int count) {
            this.count = count;
        }

        long produced() {
            return produced;
        }

        private boolean refill() {
            if (next > count) {
                return false;
            }
            if (next == count) {
                chunk = "]}".getBytes(StandardCharsets.UTF_8);
            } else {
                chunk = String.format(
                                Locale.ROOT,
                                "%s{\"type\":\"indicator\",\"spec_version\":\"2.1\","
                                        + "\"id\":\"indicator--00000000-0000-4000-8000-%012d\","
                                        + "\"created\":\"2024-01-01T00:00:00.000Z\","
                                        + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"generated %d\","
                                        + "\"description\":\"%s\",\"pattern\":\"[ipv4-addr:value = '10.%d.%d.%d']\","
                                        + "\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\"}",
                                next == 0 ? "" : ",",
                                next,
                                next,
                                padding,
                                (next >> 16) & 255,
                                (next >> 8) & 255,
                                next & 255)
                        .getBytes(StandardCharsets.UTF_8);
            }
            next++;
            pos = 0;
            return true;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == chunk.length && !refill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            produced += n;
            return n;
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void aHundredThousandObjectsReadInBoundedMemory() throws Exception {
        GeneratedBundle in = new GeneratedBundle(OBJECTS);
        long baseline = usedAfterGc();
        long[] peak = {0};
        long[] count = {0};
        IntelSink sink = new IntelSink() {
            @Override
            public void accept(IncomingObject o) {
                if (++count[0] % 20_000 == 0) {
                    peak[0] = Math.max(peak[0], usedAfterGc() - baseline);
                }
            }

            @Override
            public void reject(IntelError e) {
                throw new AssertionError(e.toString());
            }
        };
        long start = System.nanoTime();
        ReadSummary s = IntelReaders.read(in, "generated.json", IntelFormat.STIX_BUNDLE, Limits.defaults(), sink);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                Locale.ROOT,
                "generated bundle: %,d objects, %,d MB, %,d ms, retained heap growth at most %,d KB%n",
                s.objectsRead(),
                in.produced() >> 20,
                ms,
                peak[0] >> 10);
        assertThat(s).isEqualTo(new ReadSummary(OBJECTS, 0, "2.1"));
        assertThat(in.produced()).isGreaterThan(100L << 20);
        // the input is over 100 MB; what the read keeps alive stays a small constant
        assertThat(peak[0]).isLessThan(32L << 20);
    }
}
