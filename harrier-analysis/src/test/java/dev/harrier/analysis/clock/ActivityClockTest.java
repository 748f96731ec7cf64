package dev.harrier.analysis.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The activity clock recovers known offsets, zones, working weeks and holiday gaps from generated activity. */
class ActivityClockTest {
    private static final LocalDate WINTER_FROM = LocalDate.of(2025, 1, 6);
    private static final LocalDate WINTER_TO = LocalDate.of(2025, 2, 28);

    private static ClockResult fit(ActivityGenerator g, ClockOptions options) {
        ActivityLog log = new ActivityLog();
        g.into(log);
        return ActivityClock.analyze(log, options);
    }

    private static HolidayGap gap(ClockResult r, String country) {
        return r.holidayGaps().stream()
                .filter(g -> g.country().equals(country))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no holiday gap for " + country + ": " + r.holidayGaps()));
    }

    @ParameterizedTest(name = "{0} (seed {1})")
    @CsvSource({
        "+08:00, 1",
        "+03:00, 2",
        "-05:00, 3",
        "+01:00, 4",
        "+05:30, 5",
        "+05:45, 6",
        "+03:30, 7",
        "-03:30, 8",
        "+09:30, 9",
        "-09:30, 10",
        "+13:45, 11"
    })
    void recoversFixedOffsets(String offset, long seed) {
        ActivityGenerator g = new ActivityGenerator(seed, ZoneOffset.of(offset), WINTER_FROM, WINTER_TO);
        ClockResult r = fit(g, ClockOptions.defaults());
        assertThat(r.status()).isEqualTo(ClockResult.Status.OK);
        assertThat(r.best()).isNotNull();
        assertThat(r.best().label()).isEqualTo(offset);
        assertThat(r.best().daylightSaving()).isFalse();
        assertThat(r.runnersUp()).hasSize(4).noneMatch(f -> f.label().equals(offset));
        // the runner-up may fit exactly as well (one hour away with a shifted schedule); the schedule prior decides
        assertThat(r.runnersUp().get(0).deltaLogLikelihood()).isLessThanOrEqualTo(0);
        assertThat(r.best().probability()).isGreaterThan(r.runnersUp().get(0).probability());
        assertThat(r.workPattern()).isNotNull();
        assertThat(r.workPattern().workDaysLabel()).isEqualTo("Mon-Fri");
        assertThat(r.workPattern().start()).isEqualTo("09:00");
        assertThat(r.workPattern().end()).isEqualTo("18:00");
        assertThat(r.workPattern().lunchStart()).isEqualTo("12:00");
        assertThat(r.workPattern().lunchEnd()).isEqualTo("13:00");
    }

    @Test
    void recoversRandomRealWorldOffsetsUnderHeavyNoise() {
        Random pick = new Random(42);
        int[] quarterOffsets = {
            -32, -28, -24, -20, -16, -14, -12, 0, 4, 8, 12, 14, 16, 18, 22, 23, 24, 26, 28, 32, 36, 38, 40
        };
        for (int i = 0; i < 8; i++) {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(quarterOffsets[pick.nextInt(quarterOffsets.length)] * 900);
            ActivityGenerator g = new ActivityGenerator(100 + i, offset, WINTER_FROM, WINTER_TO);
            g.noiseShare = 0.4;
            g.sessionsPerHour = 1.5;
            ClockResult r = fit(g, ClockOptions.defaults());
            assertThat(r.best()).as("offset %s", offset).isNotNull();
            String expected = offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
            assertThat(r.best().label()).as("offset %s", offset).isEqualTo(expected);
        }
    }

    @Test
    void daylightSavingZoneBeatsBothFixedOffsets() {
        ActivityGenerator g = new ActivityGenerator(
                21, ZoneId.of("America/New_York"), LocalDate.of(2024, 1, 8), LocalDate.of(2024, 12, 20));
        List<ZoneId> asked = List.of(ZoneId.of("America/New_York"), ZoneId.of("Etc/GMT+5"), ZoneId.of("Etc/GMT+4"));
        ClockResult r = fit(g, ClockOptions.defaults().withZones(asked));
        assertThat(r.best()).isNotNull();
        assertThat(r.best().label()).isEqualTo("America/New_York");
        assertThat(r.best().daylightSaving()).isTrue();
        assertThat(r.best().offsets()).isEqualTo("-05:00/-04:00");
        assertThat(r.best().countries()).contains("US", "CA");
        // zones with the same offsets but transitions a few night hours apart (America/Havana) fit equally well
        assertThat(r.best().probability())
                .isGreaterThanOrEqualTo(r.runnersUp().get(0).probability());
        assertThat(r.requestedFits()).hasSize(3);
        assertThat(r.requestedFits().get(0).rank()).isEqualTo(1);
        // fixed -05:00 and -04:00 each explain only part of the year
        for (ZoneFit fixed : r.requestedFits().subList(1, 3)) {
            assertThat(fixed.candidate()).isIn("-05:00", "-04:00");
            assertThat(fixed.rank()).isGreaterThan(5);
            assertThat(fixed.deltaLogLikelihood()).isLessThan(-100);
            assertThat(fixed.probability()).isLessThan(1e-4);
        }
    }

    @Test
    void southernHemisphereDaylightSaving() {
        ActivityGenerator g = new ActivityGenerator(
                22, ZoneId.of("Australia/Sydney"), LocalDate.of(2024, 2, 5), LocalDate.of(2024, 11, 29));
        ClockResult r = fit(g, ClockOptions.defaults());
        assertThat(r.best()).isNotNull();
        assertThat(r.best().zoneId()).isNotNull();
        assertThat(r.best().offsets()).isEqualTo("+10:00/+11:00");
        assertThat(r.best().countries()).contains("AU");
    }

    @Test
    void sundayToThursdayWeek() {
        ActivityGenerator g = new ActivityGenerator(
                31, ZoneId.of("Asia/Jerusalem"), LocalDate.of(2024, 11, 3), LocalDate.of(2025, 2, 27));
        g.workDays = EnumSet.of(
                DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY);
        ClockResult r = fit(g, ClockOptions.defaults().withCountries(List.of("IL")));
        assertThat(r.best().label()).isEqualTo("+02:00");
        assertThat(r.workPattern().workDaysLabel()).isEqualTo("Sun-Thu");
        assertThat(r.workPattern().restDays()).containsExactly("FRI", "SAT");
        assertThat(r.requestedFits())
                .singleElement()
                .satisfies(z -> assertThat(z.rank()).isEqualTo(1));
    }

    @Test
    void saturdayToWednesdayWeekAtPlusThreeThirty() {
        ActivityGenerator g = new ActivityGenerator(
                32, ZoneId.of("Asia/Tehran"), LocalDate.of(2024, 5, 4), LocalDate.of(2024, 9, 25));
        g.workDays = EnumSet.of(
                DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY);
        g.noiseShare = 0.25;
        ClockResult r = fit(
                g, ClockOptions.defaults().withCountries(List.of("IR")).withZones(List.of(ZoneId.of("Asia/Tehran"))));
        assertThat(r.best().label()).isEqualTo("+03:30");
        assertThat(r.best().countries()).contains("IR");
        assertThat(r.workPattern().workDaysLabel()).isEqualTo("Sat-Wed");
        assertThat(r.requestedFits())
                .hasSize(2)
                .allSatisfy(z -> assertThat(z.candidate()).isEqualTo("+03:30"));
    }

    @Test
    void noLunchDipMeansNoLunchGap() {
        ActivityGenerator g = new ActivityGenerator(41, ZoneOffset.ofHours(4), WINTER_FROM, WINTER_TO);
        g.lunch = false;
        ClockResult r = fit(g, ClockOptions.defaults());
        assertThat(r.best().label()).isEqualTo("+04:00");
        assertThat(r.workPattern().lunchStart()).isNull();
        assertThat(r.workPattern().lunchLevel()).isGreaterThan(WorkPatternReader.LUNCH_GAP_LEVEL);
    }

    @Test
    void anEarlyScheduleIsAmbiguousWithTheNextOffsetAndTheRunnersUpSaySo() {
        ActivityGenerator g = new ActivityGenerator(51, ZoneOffset.ofHours(3), WINTER_FROM, WINTER_TO);
        g.startHour = 8;
        g.endHour = 17;
        ClockResult r = fit(g, ClockOptions.defaults());
        // 08-17 at +03:00 looks like 09-18 at +04:00: the true offset must be the best or the first runner-up
        List<String> top2 = List.of(r.best().label(), r.runnersUp().get(0).label());
        assertThat(top2).contains("+03:00");
        assertThat(r.best().probability()).isLessThan(0.9);
    }

    @Test
    void holidayGapPointsAtTheRightCountry() {
        LocalDate from = LocalDate.of(2024, 1, 8);
        LocalDate to = LocalDate.of(2024, 12, 20);
        ActivityGenerator g = new ActivityGenerator(61, ZoneId.of("Asia/Shanghai"), from, to);
        g.daysOff = Set.copyOf(ActivityClock.holidayDates("CN", from, to));
        ClockResult r = fit(g, ClockOptions.defaults().withCountries(List.of("CN", "RU", "US")));
        assertThat(r.best().label()).isEqualTo("+08:00");
        HolidayGap cn = gap(r, "CN");
        assertThat(cn.holidaysOnWorkDays()).isGreaterThanOrEqualTo(12);
        assertThat(cn.quietHolidays()).isEqualTo(cn.holidaysOnWorkDays());
        assertThat(cn.observedEvents()).isLessThan((long) (cn.expectedEvents() * 0.25));
        assertThat(cn.score()).isGreaterThan(0.9);
        assertThat(cn.pValue()).isLessThan(1e-6);
        assertThat(cn.calendar()).contains("ICU4J");
        assertThat(gap(r, "RU").score()).isLessThan(0.3);
        assertThat(gap(r, "US").score()).isLessThan(0.3);
        assertThat(r.holidayGaps().get(0).country()).isEqualTo("CN");

        ActivityGenerator control = new ActivityGenerator(61, ZoneId.of("Asia/Shanghai"), from, to);
        ClockResult c = fit(control, ClockOptions.defaults().withCountries(List.of("CN")));
        assertThat(gap(c, "CN").score()).isLessThan(0.3);
        assertThat(gap(c, "CN").pValue()).isGreaterThan(0.01);
    }

    @Test
    void holidayGapWithJollydayCountry() {
        LocalDate from = LocalDate.of(2023, 1, 9);
        LocalDate to = LocalDate.of(2024, 12, 20);
        ActivityGenerator g = new ActivityGenerator(62, ZoneId.of("Europe/Moscow"), from, to);
        g.daysOff = Set.copyOf(ActivityClock.holidayDates("RU", from, to));
        g.noiseShare = 0.05;
        ClockResult r = fit(g, ClockOptions.defaults());
        assertThat(r.best().label()).isEqualTo("+03:00");
        // no countries given: the best candidates' countries with holiday data are checked
        HolidayGap ru = gap(r, "RU");
        assertThat(ru.calendar()).contains("Jollyday");
        assertThat(ru.score()).isGreaterThan(0.8);
        assertThat(r.holidayGaps().get(0).country()).isEqualTo("RU");
    }

    @Test
    void countriesWithoutHolidayDataAreNamed() {
        ActivityGenerator g = new ActivityGenerator(63, ZoneOffset.ofHours(6), WINTER_FROM, WINTER_TO);
        ClockResult r = fit(g, ClockOptions.defaults().withCountries(List.of("BD", "XX")));
        assertThat(r.holidaysUnavailable()).anyMatch(s -> s.startsWith("BD: no holiday data"));
        assertThat(r.holidaysUnavailable()).anyMatch(s -> s.startsWith("XX: unknown country"));
        assertThat(r.holidayGaps()).isEmpty();
    }

    @Test
    void emptyInputIsAClearMessage() {
        ClockResult r = ActivityClock.analyze(new ActivityLog(), ClockOptions.defaults());
        assertThat(r.status()).isEqualTo(ClockResult.Status.EMPTY);
        assertThat(r.best()).isNull();
        assertThat(r.messages()).anyMatch(m -> m.contains("no activity timestamps"));
        assertThat(r.utc().total()).isZero();
    }

    @Test
    void oneEventIsAClearMessage() {
        ActivityLog log =
                new ActivityLog().add(Instant.parse("2025-03-04T10:15:00Z"), ActivitySource.INTERACTIVE_EVENT);
        ClockResult r = ActivityClock.analyze(log, ClockOptions.defaults());
        assertThat(r.status()).isEqualTo(ClockResult.Status.INSUFFICIENT_DATA);
        assertThat(r.best()).isNull();
        assertThat(r.messages()).anyMatch(m -> m.contains("too little activity") && m.contains("1 timestamp "));
        assertThat(r.utc().count(1, 10)).isEqualTo(1);
    }

    @Test
    void oneBusyDayIsNotEnough() {
        ActivityLog log = new ActivityLog();
        Instant t = Instant.parse("2025-03-04T06:00:00Z");
        for (int i = 0; i < 500; i++) {
            log.add(t.plusSeconds(i * 60L), ActivitySource.INTERACTIVE_EVENT);
        }
        ClockResult r = ActivityClock.analyze(log, ClockOptions.defaults());
        assertThat(r.status()).isEqualTo(ClockResult.Status.INSUFFICIENT_DATA);
        assertThat(r.messages()).anyMatch(m -> m.contains("on 1 day;"));
    }

    @Test
    void brokenTimestampsFarAwayDoNotBreakTheClock() {
        ActivityGenerator g = new ActivityGenerator(72, ZoneOffset.ofHours(9), WINTER_FROM, WINTER_TO);
        ActivityLog log = new ActivityLog();
        g.into(log);
        log.add(0L, ActivitySource.INTERACTIVE_EVENT);
        log.add(Instant.parse("9999-12-31T23:59:59Z"), ActivitySource.INTERACTIVE_EVENT);
        long t0 = System.nanoTime();
        ClockResult r = ActivityClock.analyze(log, ClockOptions.defaults().withCountries(List.of("JP")));
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10.0);
        assertThat(r.best().label()).isEqualTo("+09:00");
        assertThat(r.holidayGaps()).isEmpty();
        assertThat(r.messages()).anyMatch(m -> m.contains("more than 30 years"));
    }

    @Test
    void missingSourcesAreNamed() {
        ActivityGenerator g = new ActivityGenerator(71, ZoneOffset.ofHours(2), WINTER_FROM, WINTER_TO);
        ClockResult r = fit(g, ClockOptions.defaults());
        assertThat(r.sourcesWithoutData()).containsExactly("compile", "domain-registration");
        assertThat(r.messages()).contains("no compile timestamps in the data", "no domain registrations in the data");
        assertThat(r.eventsBySource()).containsEntry("compile", 0L).containsKey("events");
    }

    @Test
    void histogramCountsEveryTimestamp() {
        ActivityGenerator g = new ActivityGenerator(81, ZoneOffset.ofHours(8), WINTER_FROM, WINTER_TO);
        ActivityLog log = new ActivityLog();
        long n = g.into(log);
        ClockResult r = ActivityClock.analyze(log, ClockOptions.defaults());
        assertThat(r.events()).isEqualTo(n);
        assertThat(r.utc().total()).isEqualTo(n);
        assertThat(r.local().total()).isEqualTo(n);
        // in local time the busiest hours are working hours on weekdays
        long workHours = 0;
        for (int d = 0; d < 5; d++) {
            for (int h = 9; h < 18; h++) {
                workHours += r.local().count(d, h);
            }
        }
        assertThat(workHours).isGreaterThan(n * 3 / 4);
    }

    @Test
    void fitsAMillionTimestampsQuickly() {
        ActivityGenerator g = new ActivityGenerator(
                91, ZoneId.of("Asia/Kolkata"), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
        g.sessionsPerHour = 110;
        long[] stamps = new long[1_200_000];
        int[] n = {0};
        g.generate(s -> {
            if (n[0] < stamps.length) {
                stamps[n[0]++] = s;
            }
        });
        assertThat(n[0]).isGreaterThanOrEqualTo(1_000_000);
        long t0 = System.nanoTime();
        ActivityLog log = new ActivityLog();
        for (int i = 0; i < n[0]; i++) {
            log.add(stamps[i], ActivitySource.INTERACTIVE_EVENT);
        }
        ClockResult r = ActivityClock.analyze(log, ClockOptions.defaults());
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("activity clock: %,d timestamps aggregated and fitted in %.2f s%n", n[0], seconds);
        assertThat(r.best().label()).isEqualTo("+05:30");
        assertThat(seconds).isLessThan(10.0);
    }
}
