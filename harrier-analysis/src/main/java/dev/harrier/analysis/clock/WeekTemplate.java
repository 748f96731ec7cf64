package dev.harrier.analysis.clock;

import java.util.ArrayList;
import java.util.List;

/**
 * A working-day schedule in local time: work from {@code startHour} to {@code endHour} with a lunch hour at
 * {@code lunchHour}. Schedules start and end on full local hours; this assumption is what lets the clock tell
 * {@code +05:30} from {@code +05:00}. Each schedule carries a prior weight that favours customary office hours.
 */
record WeekTemplate(int startHour, int endHour, int lunchHour, double logPrior) {
    static final int QUARTERS_PER_DAY = 96;
    static final byte OFF = 0;
    static final byte WORK = 1;
    static final byte LUNCH = 2;

    private static final int[] STARTS = {7, 8, 9, 10, 11};
    private static final int[] ENDS = {16, 17, 18, 19, 20};
    private static final double[] WEIGHTS = {0.10, 0.22, 0.36, 0.22, 0.10};
    private static final int[] LUNCHES = {12, 13};

    /** Every schedule considered, with normalised log priors. */
    static final List<WeekTemplate> ALL = build();

    private static List<WeekTemplate> build() {
        List<double[]> raw = new ArrayList<>();
        double sum = 0;
        for (int s = 0; s < STARTS.length; s++) {
            for (int e = 0; e < ENDS.length; e++) {
                if (ENDS[e] - STARTS[s] < 6) {
                    continue;
                }
                for (int lunch : LUNCHES) {
                    double w = WEIGHTS[s] * WEIGHTS[e] / LUNCHES.length;
                    raw.add(new double[] {STARTS[s], ENDS[e], lunch, w});
                    sum += w;
                }
            }
        }
        List<WeekTemplate> out = new ArrayList<>();
        for (double[] r : raw) {
            out.add(new WeekTemplate((int) r[0], (int) r[1], (int) r[2], Math.log(r[3] / sum)));
        }
        return List.copyOf(out);
    }

    /** The group (OFF, WORK, LUNCH) of each quarter-hour of the local day. */
    byte[] groups() {
        byte[] g = new byte[QUARTERS_PER_DAY];
        for (int q = startHour * 4; q < endHour * 4; q++) {
            g[q] = q >= lunchHour * 4 && q < (lunchHour + 1) * 4 ? LUNCH : WORK;
        }
        return g;
    }

    /** The working hours as {@code HH:00-HH:00}. */
    String hours() {
        return String.format(java.util.Locale.ROOT, "%02d:00-%02d:00", startHour, endHour);
    }
}
