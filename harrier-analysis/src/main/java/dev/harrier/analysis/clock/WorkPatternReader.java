package dev.harrier.analysis.clock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the working week (work days, hours, lunch gap) from the best candidate's fitted model. */
final class WorkPatternReader {
    /** A weekday counts as worked when its share is at least this fraction of the busiest weekday's. */
    static final double WORK_DAY_FRACTION = 0.35;

    /** The lunch hour counts as a gap when its activity is at most this fraction of the other working hours. */
    static final double LUNCH_GAP_LEVEL = 0.7;

    private static final String[] SHORT = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    private WorkPatternReader() {}

    static boolean[] workDays(WeekModel.Fit fit) {
        double max = 0;
        for (double w : fit.dayWeights()) {
            max = Math.max(max, w);
        }
        boolean[] out = new boolean[7];
        for (int d = 0; d < 7; d++) {
            out[d] = max > 0 && fit.dayWeights()[d] >= WORK_DAY_FRACTION * max;
        }
        return out;
    }

    static WorkPattern read(String zone, WeekModel.Fit fit) {
        boolean[] worked = workDays(fit);
        List<String> work = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            (worked[d] ? work : rest).add(WeekHistogram.WEEKDAYS.get(d));
            shares.add(HolidayGapAnalysis.round(fit.dayWeights()[d]));
        }
        WeekTemplate t = fit.template();
        boolean lunch = fit.lunchLevel() <= LUNCH_GAP_LEVEL;
        return new WorkPattern(
                zone,
                work,
                label(worked),
                rest,
                shares,
                hour(t.startHour()),
                hour(t.endHour()),
                lunch ? hour(t.lunchHour()) : null,
                lunch ? hour(t.lunchHour() + 1) : null,
                HolidayGapAnalysis.round(fit.lunchLevel()),
                HolidayGapAnalysis.round(fit.background()));
    }

    /** {@code Mon-Fri}, {@code Sun-Thu}, or a list such as {@code Mon, Wed, Fri} when not one cyclic run. */
    static String label(boolean[] worked) {
        int count = 0;
        for (boolean b : worked) {
            if (b) {
                count++;
            }
        }
        if (count == 0) {
            return "none";
        }
        if (count == 7) {
            return "every day";
        }
        for (int start = 0; start < 7; start++) {
            if (worked[start] && !worked[(start + 6) % 7]) {
                int len = 0;
                while (len < 7 && worked[(start + len) % 7]) {
                    len++;
                }
                if (len == count) {
                    return len == 1 ? SHORT[start] : SHORT[start] + "-" + SHORT[(start + len - 1) % 7];
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            if (worked[d]) {
                names.add(SHORT[d]);
            }
        }
        return String.join(", ", names);
    }

    private static String hour(int h) {
        return String.format(Locale.ROOT, "%02d:00", h);
    }
}
