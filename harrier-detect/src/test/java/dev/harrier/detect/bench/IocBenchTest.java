package dev.harrier.detect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.Limits;
import dev.harrier.detect.ioc.IocEntry;
import dev.harrier.detect.ioc.IocIndex;
import dev.harrier.detect.ioc.IocKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated indicators and Zeek logs of {@link IocBench}, and a tiny run. */
class IocBenchTest {
    private static final int INDICATORS = 5_000;
    private static final long EVENTS = 4_000;
    private static final long SEED = 42;

    @Test
    void indicatorsFollowTheMixAreUniqueAndAllIndex() {
        List<IocEntry> list = IocBench.indicators(SEED, INDICATORS);
        Map<IocKind, Integer> byKind = new EnumMap<>(IocKind.class);
        for (IocEntry e : list) {
            byKind.merge(e.kind(), 1, Integer::sum);
        }
        assertThat(byKind)
                .containsEntry(IocKind.IP, 2_500)
                .containsEntry(IocKind.DOMAIN, 1_750)
                .containsEntry(IocKind.SHA256, 250)
                .containsEntry(IocKind.MD5, 250)
                .containsEntry(IocKind.URL, 250);
        assertThat(new HashSet<>(list.stream().map(IocEntry::value).toList())).hasSize(INDICATORS);
        List<IocEntry> rejected = new ArrayList<>();
        assertThat(IocIndex.build(list, rejected).size()).isEqualTo(INDICATORS);
        assertThat(rejected).isEmpty();
    }

    @Test
    void logsReadCleanlyAndHitsEqualPlanted(@TempDir Path dir) throws IOException {
        IocBench.Logs logs = IocBench.writeLogs(dir, SEED, INDICATORS, EVENTS, 0.05);
        assertThat(logs.events()).isEqualTo(EVENTS);
        assertThat(logs.planted()).isGreaterThan(100);
        assertThat(logs.plantedByKind()).allSatisfy(n -> assertThat(n).isPositive());
        IocIndex index = IocIndex.build(IocBench.indicators(SEED, INDICATORS), null);

        DetectBench.Pass parse = IocBench.parseOnly(dir);
        DetectBench.Pass map = IocBench.parseAndMap(dir, Limits.defaults());
        DetectBench.Pass match = IocBench.parseAndMatch(dir, Limits.defaults(), index);
        assertThat(parse.events()).isEqualTo(EVENTS);
        assertThat(map.events()).isEqualTo(EVENTS);
        assertThat(map.badRecords()).isZero();
        assertThat(match.events()).isEqualTo(EVENTS);
        assertThat(match.badRecords()).isZero();
        assertThat(match.hits()).isEqualTo(logs.planted());
        assertThat(match.eventsWithHits()).isEqualTo(logs.planted());
        assertThat(match.evaluated()).isEqualTo(logs.planted()); // one indicator per hit
    }

    @Test
    void deterministicForASeed(@TempDir Path dir) throws IOException {
        IocBench.Logs a = IocBench.writeLogs(dir.resolve("a"), SEED, INDICATORS, 500, 0.02);
        IocBench.Logs b = IocBench.writeLogs(dir.resolve("b"), SEED, INDICATORS, 500, 0.02);
        IocBench.Logs c = IocBench.writeLogs(dir.resolve("c"), SEED + 1, INDICATORS, 500, 0.02);
        for (String f : List.of("conn.log", "dns.log")) {
            assertThat(Files.readString(dir.resolve("a").resolve(f)))
                    .isEqualTo(Files.readString(dir.resolve("b").resolve(f)))
                    .isNotEqualTo(Files.readString(dir.resolve("c").resolve(f)));
        }
        assertThat(a.planted()).isEqualTo(b.planted());
        assertThat(c.events()).isEqualTo(500);
        assertThat(IocBench.indicators(SEED, 200)).isEqualTo(IocBench.indicators(SEED, 200));
        assertThat(IocBench.indicator(SEED, 7)).isNotEqualTo(IocBench.indicator(SEED + 1, 7));
    }

    @Test
    void tinyRunMeetsItsOwnChecks(@TempDir Path dir) throws IOException {
        IocBench.Result r = IocBench.run(dir, 1_000, 2_000, 0.02, SEED, 1, Limits.defaults(), s -> {});
        assertThat(r.events()).isEqualTo(2_000);
        assertThat(r.parsedLines()).isEqualTo(2_000);
        assertThat(r.badRecords()).isZero();
        assertThat(r.hits()).isEqualTo(r.planted());
        assertThat(r.build().indexed()).isEqualTo(1_000);
        assertThat(r.heap()).hasSize(4);
        assertThat(r.toText()).contains("parse + match / parse only");
        assertThat(r.toJson()).contains("\"matchVsParseMedian\"");
    }
}
