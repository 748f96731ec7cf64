package dev.harrier.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.Limits;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 200,000-line Zeek conn.log reads with a heap that does not grow with the input (as {@link MemoryTest}). */
class NetworkMemoryTest {
    private static final int LINES = 200_000;

    @TempDir
    Path tmp;

    @Test
    void twoHundredThousandZeekConnLinesWithFlatMemory() throws IOException {
        Path f = tmp.resolve("conn.log");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
                    + "#open\t2024-03-01-10-00-00\n"
                    + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration"
                    + "\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory"
                    + "\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n"
                    + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring"
                    + "\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\n");
            for (int i = 0; i < LINES; i++) {
                w.write((1709287200L + i) + "." + String.format(java.util.Locale.ROOT, "%06d", i % 1_000_000)
                        + "\tC" + Integer.toString(i, 36) + "x".repeat(12)
                        + "\t10.0." + (i % 250) + "." + (i % 200)
                        + "\t" + (1024 + i % 60000)
                        + "\t93.184." + (i % 100) + ".34\t443\ttcp\t" + (i % 3 == 0 ? "-" : "ssl")
                        + "\t1.25\t" + i + "\t4096\tSF\tT\tF\t0\tShADadFf\t12\t1141\t10\t4620\t"
                        + (i % 5 == 0 ? "Ca,Cb" : "-") + "\n");
            }
            w.write("#close\t2024-03-03-18-00-00\n");
        }
        long fileBytes = Files.size(f);
        assertThat(fileBytes).isGreaterThan(20L << 20);

        List<Long> samples = new ArrayList<>();
        long count = 0;
        long bytesSum = 0;
        Instant last = null;
        try (EventSource src = EventSources.open(f, Limits.defaults())) {
            for (Event e = src.next(); e != null; e = src.next()) {
                count++;
                bytesSum += (Long) e.get("orig_bytes");
                last = e.timestamp();
                if (count % 50_000 == 0) {
                    samples.add(TestFiles.usedAfterGc());
                }
            }
            assertThat(src.stats().badRecords()).isZero();
            assertThat(src.stats().errors()).isEmpty();
        }
        assertThat(count).isEqualTo(LINES);
        assertThat(bytesSum).isEqualTo((long) LINES * (LINES - 1) / 2);
        assertThat(last).isEqualTo(Instant.ofEpochSecond(1709287200L + LINES - 1, (LINES - 1) * 1000L));
        assertThat(samples).hasSize(4);
        long growth = samples.get(samples.size() - 1) - samples.get(0);
        // 150,000 lines (~25 MB of input) later, the live heap has grown by far less than the input read since
        assertThat(growth)
                .as("heap samples %s, file %d bytes", samples, fileBytes)
                .isLessThan(8L << 20);
    }
}
