package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import dev.harrier.store.Sighting;
import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code harrier clock} on cases with generated sightings at a known offset, and on bad input. */
class ClockCommandTest {
    @TempDir
    Path tmp;

    /**
     * Writes sightings of operators working 09:00-18:00 Mon-Fri at {@code offset} with a lunch hour, two rule hits per
     * event, some noise and a few sightings without a time; returns the number of distinct timed events.
     */
    private static int writeCase(Path caseDir, ZoneOffset offset, long seed) {
        Random random = new Random(seed);
        List<Sighting> sightings = new ArrayList<>();
        int events = 0;
        for (LocalDate d = LocalDate.of(2025, 1, 6); d.isBefore(LocalDate.of(2025, 3, 1)); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            int n = 20 + random.nextInt(20);
            for (int i = 0; i < n; i++) {
                double hour = 9 + random.nextDouble() * 9;
                if (hour >= 12 && hour < 13) {
                    continue;
                }
                Instant at = d.atStartOfDay().plusSeconds((long) (hour * 3600)).toInstant(offset);
                events++;
                sightings.add(sighting("rule-a", "host1.log", events, at));
                sightings.add(sighting("rule-b", "host1.log", events, at));
            }
        }
        for (int i = 0; i < 60; i++) {
            Instant noise = Instant.parse("2025-01-06T00:00:00Z").plusSeconds(random.nextInt(54 * 86_400));
            events++;
            sightings.add(sighting("rule-c", "noise.log", events, noise));
        }
        sightings.add(sighting("rule-a", "untimed.log", 1, null));
        try (Store store = SqlStores.open(caseDir)) {
            store.addSightings(sightings);
        }
        return events;
    }

    private static Sighting sighting(String rule, String source, long line, @Nullable Instant at) {
        return new Sighting(
                Sighting.idFor("sigma", rule, source, line, at),
                "sigma",
                rule,
                "Rule " + rule,
                "high",
                "Harrier tests",
                List.of("T1059.001"),
                at,
                "host1",
                source,
                line,
                Map.of("CommandLine", "whoami"));
    }

    @Test
    void recoversTheOffsetOfAGeneratedCase() throws Exception {
        Path caseDir = tmp.resolve("case");
        int events = writeCase(caseDir, ZoneOffset.ofHoursMinutes(5, 30), 7);
        Cli.Result r = Cli.run("clock", "--case", caseDir.toString(), "--countries", "IN");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Best fit: +05:30")
                .contains("Working week (+05:30): Mon-Fri (rest: SAT, SUN), 09:00-18:00, lunch gap 12:00-13:00")
                .contains("Asked: IN -> +05:30, rank 1")
                .contains("further hits on the same events")
                .contains("1 without a time")
                .contains("compile timestamps: this case has no imported samples")
                .contains("Note: no compile timestamps in the data")
                .contains("Holiday gaps")
                .contains("Activity by weekday and hour (+05:30");

        Cli.Result j = Cli.run("clock", "--case", caseDir.toString(), "--json", "--source", "events");
        assertThat(j.code()).as(j.err()).isZero();
        JsonNode doc = Json.mapper().readTree(j.out());
        JsonNode clock = doc.get("clock");
        assertThat(clock.get("status").asText()).isEqualTo("OK");
        assertThat(clock.get("events").asLong()).isEqualTo(events);
        assertThat(clock.get("best").get("label").asText()).isEqualTo("+05:30");
        assertThat(clock.get("best").get("countries").toString()).contains("\"IN\"");
        assertThat(clock.get("runnersUp").size()).isEqualTo(4);
        assertThat(clock.get("workPattern").get("workDaysLabel").asText()).isEqualTo("Mon-Fri");
        assertThat(clock.get("utc").get("total").asLong()).isEqualTo(events);
        assertThat(clock.get("sourcesWithoutData").size()).isZero();
    }

    @Test
    void compileSourceHasNoDataYet() {
        Path caseDir = tmp.resolve("case");
        writeCase(caseDir, ZoneOffset.ofHours(3), 8);
        Cli.Result r = Cli.run("clock", "--case", caseDir.toString(), "--source", "compile");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out())
                .contains("no compile timestamps in the data")
                .contains("no activity timestamps: nothing to fit");
    }

    @Test
    void emptyCaseIsAClearMessage() {
        Path caseDir = tmp.resolve("empty");
        SqlStores.open(caseDir).close();
        Cli.Result r = Cli.run("clock", "--case", caseDir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("no activity timestamps");
        assertThat(r.err()).isEmpty();
        Cli.Result j = Cli.run("clock", "--case", caseDir.toString(), "--json");
        assertThat(j.code()).isEqualTo(1);
        assertThat(j.out()).contains("\"EMPTY\"");
    }

    @Test
    void oneEventIsAClearMessage() {
        Path caseDir = tmp.resolve("one");
        try (Store store = SqlStores.open(caseDir)) {
            store.addSightings(List.of(sighting("rule-a", "x.log", 1, Instant.parse("2025-02-03T10:00:00Z"))));
        }
        Cli.Result r = Cli.run("clock", "--case", caseDir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("too little activity to fit an offset: 1 timestamp in 1 active quarter-hour");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void badOptionsAreUsageErrors() {
        Path caseDir = tmp.resolve("case");
        assertThat(Cli.run("clock", "--case", caseDir.toString(), "--source", "dns")
                        .code())
                .isEqualTo(2);
        Cli.Result zone = Cli.run("clock", "--case", caseDir.toString(), "--zone", "Mars/Olympus");
        assertThat(zone.code()).isEqualTo(2);
        assertThat(zone.err()).contains("Mars/Olympus");
        assertThat(Cli.run("clock", "--case", caseDir.toString(), "--countries", "CHN")
                        .code())
                .isEqualTo(2);
        Cli.Result help = Cli.run("clock", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: harrier clock").contains("--source");
    }
}
