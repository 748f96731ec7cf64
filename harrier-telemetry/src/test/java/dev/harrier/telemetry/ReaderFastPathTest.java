package dev.harrier.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.Instants;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The reader's fast paths give what the general code gives. */
class ReaderFastPathTest {
    @Property(tries = 300)
    void newlineSearchFindsTheFirstNewline(@ForAll("bytes") byte[] a) {
        for (int from = 0; from <= a.length; from += 3) {
            int expected = a.length;
            for (int i = from; i < a.length; i++) {
                if (a[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(LineReader.newline(a, from, a.length)).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.of((byte) '\n', (byte) 'a', (byte) 0, (byte) 0x0b, (byte) 0x8a, (byte) 0xff, (byte) 0x09)
                .array(byte[].class)
                .ofMaxSize(40);
    }

    @Test
    void linesAreSplitAsBefore() throws Exception {
        String text = "\uFEFFfirst line\r\n\nx\n" + "y".repeat(100) + "\nlast";
        LineReader r = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1000);
        List<String> lines = new ArrayList<>();
        while (r.next()) {
            lines.add(new String(r.bytes(), 0, r.length(), StandardCharsets.UTF_8));
        }
        assertThat(lines).containsExactly("first line", "", "x", "y".repeat(100), "last");
    }

    @Test
    void utcInstantAgreesWithTheLenientParser() {
        for (String s : List.of(
                "2024-03-01T10:00:00Z",
                "2024-03-01T10:00:00.1Z",
                "2024-03-01T10:00:00.123456789Z",
                "2019-07-05T17:58:40.7163573Z",
                "2024-02-29T23:59:59.000Z",
                "1970-01-01T00:00:00Z")) {
            assertThat(FieldMapping.utcInstant(s)).as(s).isEqualTo(Instants.parseLenient(s));
        }
        for (String s : List.of(
                "2023-02-29T10:00:00Z",
                "2024-13-01T10:00:00Z",
                "2024-03-01T24:00:00Z",
                "2024-03-01T10:60:00Z",
                "2024-03-01T10:00:60Z",
                "2024-03-01T10:00:00.Z",
                "2024-03-01T10:00:00.1234567890Z",
                "2024-03-01 10:00:00Z",
                "2024-03-01T10:00:00+01:00",
                " 2024-03-01T10:00:00Z",
                "2024-03-0xT10:00:00Z")) {
            assertThat(FieldMapping.utcInstant(s)).as(s).isNull();
        }
    }

    @Property(tries = 300)
    void utcInstantAgreesOnRandomTimes(@ForAll("times") String s) {
        java.time.Instant fast = FieldMapping.utcInstant(s);
        if (fast != null) {
            assertThat(fast).isEqualTo(Instants.parseLenient(s));
        }
        assertThat(FieldMapping.instant(s)).isEqualTo(Instants.parseLenient(s));
    }

    @Provide
    Arbitrary<String> times() {
        return Arbitraries.longs()
                .between(-62_000_000_000L, 250_000_000_000L)
                .flatMap(sec -> Arbitraries.integers().between(0, 9).map(digits -> {
                    String base = java.time.Instant.ofEpochSecond(sec).toString();
                    String noZ = base.substring(0, base.length() - 1);
                    return digits == 0 ? base : noZ + "." + "1234567890".substring(0, digits) + "Z";
                }));
    }
}
