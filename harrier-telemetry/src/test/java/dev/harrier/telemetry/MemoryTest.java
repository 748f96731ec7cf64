package dev.harrier.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.Limits;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 200,000-event NDJSON file reads with a heap that does not grow with the input. */
class MemoryTest {
    private static final int EVENTS = 200_000;

    @TempDir
    Path tmp;

    @Test
    void twoHundredThousandEventsWithFlatMemory() throws IOException {
        Path f = tmp.resolve("big.ndjson");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = 0; i < EVENTS; i++) {
                w.write("{\"@timestamp\":\"2024-03-01T12:00:00Z\",\"host\":{\"name\":\"ws" + (i % 500)
                        + "\"},\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\",\"event_id\":1,"
                        + "\"provider_name\":\"Microsoft-Windows-Sysmon\",\"event_data\":{\"Image\":\"C:\\\\p\\\\"
                        + i + ".exe\",\"CommandLine\":\"run --id " + i + " " + "x".repeat(100)
                        + "\",\"ProcessId\":" + i + "}}}\n");
            }
        }
        long fileBytes = Files.size(f);
        assertThat(fileBytes).isGreaterThan(50L << 20);

        List<Long> samples = new ArrayList<>();
        long count = 0;
        long idSum = 0;
        try (EventSource src = EventSources.open(f, Limits.defaults())) {
            for (Event e = src.next(); e != null; e = src.next()) {
                count++;
                idSum += (Long) e.get("ProcessId");
                if (count % 50_000 == 0) {
                    samples.add(TestFiles.usedAfterGc());
                }
            }
            assertThat(src.stats().badRecords()).isZero();
        }
        assertThat(count).isEqualTo(EVENTS);
        assertThat(idSum).isEqualTo((long) EVENTS * (EVENTS - 1) / 2);
        assertThat(samples).hasSize(4);
        long growth = samples.get(samples.size() - 1) - samples.get(0);
        // 150,000 events (~40 MB of input) later, the live heap has grown by far less than the input read since
        assertThat(growth)
                .as("heap samples %s, file %d bytes", samples, fileBytes)
                .isLessThan(8L << 20);
    }
}
