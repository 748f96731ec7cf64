package dev.harrier.analysis.clock;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holiday gap analysis for one country: counts the country's holidays that fall on the operators' working weekdays
 * inside the active span (whole local days strictly between the first and the last active day), how many of them had
 * no activity or were quiet (see {@link #quiet}), and compares that with the share of quiet regular working days.
 */
final class HolidayGapAnalysis {
    private static final int MIN_REGULAR_DAYS = 10;
    static final double QUIET_FRACTION = 0.25;

    private HolidayGapAnalysis() {}

    /** Local daily event counts in a candidate's time. */
    record DailyCounts(LocalDate first, LocalDate last, Map<LocalDate, Long> counts) {
        static DailyCounts of(SlotCounts.Sorted slots, Candidate zone) {
            Map<LocalDate, Long> counts = new HashMap<>();
            for (int i = 0; i < slots.size(); i++) {
                long second = slots.slots()[i] * ActivityLog.SLOT_SECONDS;
                long local = second + zone.offsetAt(second);
                counts.merge(LocalDate.ofEpochDay(Math.floorDiv(local, 86_400L)), (long) slots.counts()[i], Long::sum);
            }
            LocalDate first = counts.keySet().stream().min(LocalDate::compareTo).orElseThrow();
            LocalDate last = counts.keySet().stream().max(LocalDate::compareTo).orElseThrow();
            return new DailyCounts(first, last, counts);
        }

        long on(LocalDate d) {
            return counts.getOrDefault(d, 0L);
        }
    }

    static HolidayGap analyze(CountryHolidays holidays, String zoneLabel, DailyCounts daily, boolean[] workDays) {
        LocalDate from = daily.first().plusDays(1);
        LocalDate to = daily.last().minusDays(1);
        Map<LocalDate, String> byDate = new LinkedHashMap<>();
        for (CountryHolidays.Day d : holidays.days()) {
            if (!d.date().isBefore(from)
                    && !d.date().isAfter(to)
                    && workDays[d.date().getDayOfWeek().getValue() - 1]) {
                byDate.merge(d.date(), d.name(), (a, b) -> a.contains(b) ? a : a + "; " + b);
            }
        }
        double[] sumByDay = new double[7];
        int[] regularByDay = new int[7];
        double restSum = 0;
        int restDays = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            int dow = d.getDayOfWeek().getValue() - 1;
            if (byDate.containsKey(d)) {
                continue;
            }
            if (workDays[dow]) {
                regularByDay[dow]++;
                sumByDay[dow] += daily.on(d);
            } else {
                restSum += daily.on(d);
                restDays++;
            }
        }
        double background = restDays == 0 ? 0 : restSum / restDays;
        int regular = 0;
        int quietRegular = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            int dow = d.getDayOfWeek().getValue() - 1;
            if (workDays[dow] && !byDate.containsKey(d)) {
                regular++;
                if (quiet(daily.on(d), sumByDay[dow] / regularByDay[dow], background)) {
                    quietRegular++;
                }
            }
        }
        List<HolidayDay> rows = new ArrayList<>();
        int silent = 0;
        int quiet = 0;
        double expectedEvents = 0;
        long observedEvents = 0;
        for (var e :
                byDate.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            int dow = e.getKey().getDayOfWeek().getValue() - 1;
            double expected = regularByDay[dow] == 0 ? 0 : sumByDay[dow] / regularByDay[dow];
            long n = daily.on(e.getKey());
            if (n == 0) {
                silent++;
            }
            boolean isQuiet = quiet(n, expected, background);
            if (isQuiet) {
                quiet++;
            }
            expectedEvents += expected;
            observedEvents += n;
            rows.add(new HolidayDay(e.getKey().toString(), e.getValue(), n, round(expected), isQuiet));
        }
        int total = rows.size();
        double p0 = regular == 0 ? 0 : (double) quietRegular / regular;
        double expectedQuiet = total * p0;
        String note = holidays.note();
        double score;
        double pValue;
        if (total == 0) {
            score = 0;
            pValue = 1;
            note = join(note, "no holiday of this country falls on a working day inside the active span");
        } else if (regular < MIN_REGULAR_DAYS) {
            score = 0;
            pValue = 1;
            note = join(note, "too few regular working days (" + regular + ") inside the active span to compare");
        } else {
            score = total - expectedQuiet <= 0 ? 0 : (quiet - expectedQuiet) / (total - expectedQuiet);
            pValue = binomialUpperTail(total, quiet, p0);
            if (p0 > 0.6) {
                note = join(note, "most regular working days are quiet too, so a quiet holiday means little");
            }
        }
        return new HolidayGap(
                holidays.country(),
                holidays.source(),
                zoneLabel,
                total,
                silent,
                quiet,
                round(expectedQuiet),
                round(p0),
                round(background),
                round(expectedEvents),
                observedEvents,
                round(score),
                pValue,
                rows,
                note);
    }

    /**
     * A day is quiet when its activity is at most the rest-day background plus a quarter of what a regular working day
     * of that weekday adds above it (so background noise does not hide a day off).
     */
    static boolean quiet(long events, double expected, double background) {
        return events <= background + QUIET_FRACTION * Math.max(0, expected - background);
    }

    private static String join(@org.jspecify.annotations.Nullable String a, String b) {
        return a == null ? b : a + "; " + b;
    }

    /** P(X &ge; k) for X ~ Binomial(n, p). */
    static double binomialUpperTail(int n, int k, double p) {
        if (k <= 0) {
            return 1;
        }
        if (p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return 1;
        }
        double sum = 0;
        for (int i = k; i <= n; i++) {
            sum += Math.exp(logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log1p(-p));
        }
        return Math.min(1, sum);
    }

    private static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
