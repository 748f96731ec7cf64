package dev.harrier.intel.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.Limits;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture read through a stream that returns one byte per call gives exactly the same result. */
class OneByteStreamTest {

    /** Returns at most one byte per read call. */
    static final class OneByteAtATime extends InputStream {
        private final ByteArrayInputStream in;

        OneByteAtATime(byte[] content) {
            this.in = new ByteArrayInputStream(content);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = in.read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }

    static Stream<String> fixtures() {
        return Fixtures.ALL.keySet().stream();
    }

    /** The result, or the syntax error, as comparable text. */
    static List<String> outcome(InputStream in, String name, IntelFormat format) throws Exception {
        try {
            return Reads.read(in, name, format, Limits.defaults()).fingerprint();
        } catch (IntelSyntaxException e) {
            return List.of("syntax error: " + e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void oneByteAtATimeReadsTheSame(String fixture) throws Exception {
        IntelFormat format = Fixtures.ALL.get(fixture);
        byte[] content = Reads.bytes(fixture);
        List<String> whole = outcome(new ByteArrayInputStream(content), fixture, format);
        List<String> trickle = outcome(new OneByteAtATime(content), fixture, format);
        assertThat(trickle).isEqualTo(whole);
        List<String> gzipped = outcome(new OneByteAtATime(IntelReadersTest.gzip(content)), fixture, format);
        assertThat(gzipped).isEqualTo(whole);
    }
}
