package dev.harrier.analysis.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The activity clock: fits a working week to activity timestamps in every UTC offset and daylight-saving time zone,
 * and checks which countries' public holidays show a gap in the activity.
 *
 * <pre>{@code
 * ActivityLog log = new ActivityLog();
 * sightings.forEach(s -> log.add(s.observed(), ActivitySource.INTERACTIVE_EVENT));
 * ClockResult r = ActivityClock.analyze(log, ClockOptions.defaults().withCountries(List.of("CN", "RU")));
 * }</pre>
 */
public final class ActivityClock {
    /** Fewer active quarter-hours than this: no offset is fitted. */
    public static final int MIN_ACTIVE_QUARTER_HOURS = 12;

    /** Fewer active days than this: no offset is fitted. */
    public static final int MIN_ACTIVE_DAYS = 2;

    /** Longer spans are not checked for holiday gaps (they mean broken timestamps rather than a long campaign). */
    static final long MAX_HOLIDAY_SPAN_DAYS = 30 * 366L;

    /** The most countries checked for holidays when the caller names none. */
    static final int MAX_AUTO_COUNTRIES = 12;

    static final String METHOD = "Each candidate (every UTC offset from -12:00 to +14:00 in 15-minute steps, and every"
            + " group of time zones whose daylight-saving changes fall inside the data) maps the active quarter-hours"
            + " (a quarter-hour with any activity counts once) to a local weekday x quarter-hour histogram. A working"
            + " week is fitted to it: work from a full local hour (07-11) to a full local hour (16-20) with a lunch"
            + " hour (12 or 13), a free weight per weekday, a lunch level, and a uniform background for off-hours"
            + " noise. Schedules are weighted by a prior favouring 09:00-18:00; offsets that no time zone uses get a"
            + " tenth of the prior weight. Log-likelihoods are divided by the mean active quarter-hours per active"
            + " day, so evidence counts per day. Assumes operators start and end on full local hours: an offset one"
            + " hour away with a schedule one hour shifted fits almost as well, and only the schedule prior tells"
            + " them apart (see the runners-up).";

    private ActivityClock() {}

    /** Analyses the timestamps in {@code log}. Never throws for empty or tiny inputs; the status says why not. */
    public static ClockResult analyze(ActivityLog log, ClockOptions options) {
        List<String> messages = new ArrayList<>();
        Map<String, Long> bySource = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        Map<ActivitySource, Long> counts = new EnumMap<>(ActivitySource.class);
        counts.putAll(log.countsBySource());
        for (ActivitySource s : ActivitySource.values()) {
            long n = counts.getOrDefault(s, 0L);
            if (n > 0 || options.sources().contains(s)) {
                bySource.put(s.label(), n);
            }
            if (n == 0 && options.sources().contains(s)) {
                missing.add(s.label());
                messages.add("no " + describe(s) + " in the data");
            }
        }
        SlotCounts.Sorted slots = log.slots();
        WeekHistogram utc = histogram("UTC", slots, null);
        if (log.size() == 0) {
            messages.add("no activity timestamps: nothing to fit");
            return unfitted(ClockResult.Status.EMPTY, messages, 0, bySource, missing, null, null, 0, 0, utc);
        }
        int activeDays = activeDays(slots);
        String first = String.valueOf(log.first());
        String last = String.valueOf(log.last());
        if (slots.size() < MIN_ACTIVE_QUARTER_HOURS || activeDays < MIN_ACTIVE_DAYS) {
            messages.add(String.format(
                    Locale.ROOT,
                    "too little activity to fit an offset: %d timestamp%s in %d active quarter-hour%s on %d day%s; at"
                            + " least %d active quarter-hours on %d days are needed",
                    log.size(),
                    log.size() == 1 ? "" : "s",
                    slots.size(),
                    slots.size() == 1 ? "" : "s",
                    activeDays,
                    activeDays == 1 ? "" : "s",
                    MIN_ACTIVE_QUARTER_HOURS,
                    MIN_ACTIVE_DAYS));
            return unfitted(
                    ClockResult.Status.INSUFFICIENT_DATA,
                    messages,
                    log.size(),
                    bySource,
                    missing,
                    first,
                    last,
                    activeDays,
                    slots.size(),
                    utc);
        }
        Set<String> extraZones = new LinkedHashSet<>();
        for (ZoneId z : options.zones()) {
            extraZones.add(z.getId());
        }
        for (String c : options.countries()) {
            extraZones.addAll(CountryZones.zones(c));
        }
        Instant firstAt = Objects.requireNonNull(log.first());
        Instant lastAt = Objects.requireNonNull(log.last());
        CandidateSet set = CandidateSet.build(firstAt, lastAt, extraZones);
        double temper = Math.max(1.0, (double) slots.size() / activeDays);
        List<OffsetSearch.Scored> ranked = OffsetSearch.run(slots, set.candidates(), temper);
        OffsetSearch.Scored top = ranked.get(0);
        OffsetFit best = toFit(top, top);
        List<OffsetFit> runnersUp = new ArrayList<>();
        for (int i = 1; i <= options.runnersUp() && i < ranked.size(); i++) {
            runnersUp.add(toFit(ranked.get(i), top));
        }
        if (best.probability() < 0.5) {
            messages.add(String.format(
                    Locale.ROOT,
                    "low confidence: the best offset %s has probability %.2f; see the runners-up",
                    best.label(),
                    best.probability()));
        }
        Map<Candidate, Integer> rank = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            rank.put(ranked.get(i).candidate(), i);
        }
        List<ZoneFit> requested = new ArrayList<>();
        for (ZoneId z : options.zones()) {
            Candidate c = set.forZone(z.getId());
            if (c == null) {
                messages.add("time zone " + z.getId() + " has an offset that is not a whole quarter-hour; skipped");
            } else {
                requested.add(zoneFit(z.getId(), ranked, rank.get(c), top));
            }
        }
        for (String country : options.countries()) {
            Candidate c = bestZoneOf(country, set, rank);
            if (c == null) {
                messages.add("unknown country code or no time zone for it: " + country);
            } else {
                requested.add(zoneFit(country, ranked, rank.get(c), top));
            }
        }
        boolean[] workDays = WorkPatternReader.workDays(top.fit());
        WorkPattern pattern = WorkPatternReader.read(best.label(), top.fit());
        List<HolidayGap> gaps = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        List<String> holidayCountries = holidayCountries(options, ranked);
        if (Duration.between(firstAt, lastAt).toDays() > MAX_HOLIDAY_SPAN_DAYS) {
            messages.add("the data span more than 30 years; holiday gaps are not analysed (check the timestamps)");
            holidayCountries = List.of();
        }
        for (String country : holidayCountries) {
            Candidate zone = bestZoneOf(country, set, rank);
            if (zone == null) {
                unavailable.add(country + ": unknown country code or no time zone for it");
                continue;
            }
            HolidayGapAnalysis.DailyCounts daily = HolidayGapAnalysis.DailyCounts.of(slots, zone);
            CountryHolidays holidays = HolidayCalendars.lookup(country, daily.first(), daily.last());
            if (holidays == null) {
                unavailable.add(country + ": no holiday data (neither Jollyday nor Harrier's own rules cover it)");
                continue;
            }
            gaps.add(HolidayGapAnalysis.analyze(holidays, zone.label(), daily, workDays));
        }
        gaps.sort(java.util.Comparator.comparingDouble(HolidayGap::score)
                .reversed()
                .thenComparing(HolidayGap::pValue));
        return new ClockResult(
                ClockResult.Status.OK,
                messages,
                log.size(),
                bySource,
                missing,
                first,
                last,
                activeDays,
                slots.size(),
                utc,
                histogram(best.label(), slots, top.candidate()),
                best,
                runnersUp,
                requested,
                pattern,
                gaps,
                unavailable,
                METHOD);
    }

    private static String describe(ActivitySource s) {
        return switch (s) {
            case INTERACTIVE_EVENT -> "interactive events";
            case COMPILE_TIMESTAMP -> "compile timestamps";
            case DOMAIN_REGISTRATION -> "domain registrations";
        };
    }

    private static List<String> holidayCountries(ClockOptions options, List<OffsetSearch.Scored> ranked) {
        if (!options.countries().isEmpty()) {
            return options.countries();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(3, ranked.size()); i++) {
            for (String c : ranked.get(i).candidate().countries()) {
                if (out.size() < MAX_AUTO_COUNTRIES && HolidayCalendars.available(c)) {
                    out.add(c);
                }
            }
        }
        return List.copyOf(out);
    }

    private static @org.jspecify.annotations.Nullable Candidate bestZoneOf(
            String country, CandidateSet set, Map<Candidate, Integer> rank) {
        Candidate best = null;
        for (String zone : CountryZones.zones(country)) {
            Candidate c = set.forZone(zone);
            if (c != null && (best == null || rank.get(c) < rank.get(best))) {
                best = c;
            }
        }
        return best;
    }

    private static ZoneFit zoneFit(
            String requested, List<OffsetSearch.Scored> ranked, int index, OffsetSearch.Scored top) {
        OffsetSearch.Scored s = ranked.get(index);
        return new ZoneFit(
                requested,
                s.candidate().label(),
                index + 1,
                HolidayGapAnalysis.round(s.probability()),
                HolidayGapAnalysis.round(s.fit().logLikelihood() - top.fit().logLikelihood()));
    }

    private static OffsetFit toFit(OffsetSearch.Scored s, OffsetSearch.Scored top) {
        Candidate c = s.candidate();
        return new OffsetFit(
                c.label(),
                c.zone() == null ? null : c.zone().getId(),
                c.offsetsLabel(),
                c.minOffsetSeconds() / 60,
                c.daylightSaving(),
                HolidayGapAnalysis.round(s.probability()),
                HolidayGapAnalysis.round(s.fit().logLikelihood()),
                HolidayGapAnalysis.round(s.fit().logLikelihood() - top.fit().logLikelihood()),
                s.fit().template().hours(),
                List.copyOf(c.countries()),
                c.zoneIds().size());
    }

    private static int activeDays(SlotCounts.Sorted slots) {
        int days = 0;
        long previous = Long.MIN_VALUE;
        for (long slot : slots.slots()) {
            long day = Math.floorDiv(slot, (long) WeekTemplate.QUARTERS_PER_DAY);
            if (day != previous) {
                days++;
                previous = day;
            }
        }
        return days;
    }

    /** The event-count histogram in a candidate's local time (UTC when {@code zone} is null). */
    private static WeekHistogram histogram(
            String label, SlotCounts.Sorted slots, @org.jspecify.annotations.Nullable Candidate zone) {
        long[][] cells = new long[7][24];
        for (int i = 0; i < slots.size(); i++) {
            long slot = slots.slots()[i];
            long local = zone == null ? slot : slot + zone.offsetAt(slot * ActivityLog.SLOT_SECONDS) / 900;
            int bin = OffsetSearch.weekBin(local);
            cells[bin / WeekTemplate.QUARTERS_PER_DAY][(bin % WeekTemplate.QUARTERS_PER_DAY) / 4] += slots.counts()[i];
        }
        return WeekHistogram.of(label, cells);
    }

    /** A result without a fit: the histogram and the counts only, with {@code status} saying why. */
    private static ClockResult unfitted(
            ClockResult.Status status,
            List<String> messages,
            long events,
            Map<String, Long> bySource,
            List<String> missing,
            @Nullable String first,
            @Nullable String last,
            int activeDays,
            int activeQuarterHours,
            WeekHistogram utc) {
        return new ClockResult(
                status,
                messages,
                events,
                bySource,
                missing,
                first,
                last,
                activeDays,
                activeQuarterHours,
                utc,
                null,
                null,
                List.of(),
                List.of(),
                null,
                List.of(),
                List.of(),
                METHOD);
    }

    /** The dates of a country's holidays known to the clock, for reports and tests. */
    public static List<LocalDate> holidayDates(String country, LocalDate from, LocalDate to) {
        CountryHolidays h = HolidayCalendars.lookup(country, from, to);
        return h == null
                ? List.of()
                : h.days().stream()
                        .map(CountryHolidays.Day::date)
                        .distinct()
                        .sorted()
                        .toList();
    }
}
