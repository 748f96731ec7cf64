package dev.harrier.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.Limits;
import dev.harrier.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Real Zeek and Suricata logs from {@code ../shared/data}, when they are there. The data set has none today (see
 * {@code shared/data/README.md}: ATT&amp;CK, MISP, Sigma, STIX schemas, Navigator), so these tests skip with a
 * message; they run as soon as {@code zeek/} or {@code suricata/} folders of logs are added.
 */
class NetworkSharedDataTest {
    private static ReadStats readAll(Path root, String product) throws IOException {
        try (EventSource src = EventSources.open(root, Limits.defaults())) {
            for (Event e = src.next(); e != null; e = src.next()) {
                assertThat(e.product()).as(e.source() + ":" + e.line()).isEqualTo(product);
                assertThat(e.channel()).as(e.source() + ":" + e.line()).startsWith(product + "/");
                assertThat(e.timestamp()).as(e.source() + ":" + e.line()).isNotNull();
            }
            return src.stats();
        }
    }

    @Test
    void sharedZeekLogsReadWithoutBadRecords() throws IOException {
        Path root = SharedData.require("zeek");
        ReadStats s = readAll(root, "zeek");
        assertThat(s.events()).isPositive();
        assertThat(s.badRecords()).as("bad records: %s", s.errors()).isZero(); // licence files are only skipped
    }

    @Test
    void sharedSuricataEveReadsWithoutBadRecords() throws IOException {
        Path root = SharedData.require("suricata");
        ReadStats s = readAll(root, "suricata");
        assertThat(s.events()).isPositive();
        assertThat(s.badRecords()).as("bad records: %s", s.errors()).isZero(); // licence files are only skipped
    }
}
