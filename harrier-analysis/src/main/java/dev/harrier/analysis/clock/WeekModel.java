package dev.harrier.analysis.clock;

/**
 * The working-week likelihood: a mixture of a working component (a {@link WeekTemplate} schedule on each weekday, with
 * a free weight per weekday and a free lunch-hour level no higher than the other working hours) and a uniform
 * background for off-hours noise, fitted by expectation-maximisation to a local week histogram of 7 &times; 96
 * quarter-hour bins.
 *
 * <p>All bins of one weekday and one schedule group have the same model probability, so the fit only needs the 21
 * group totals: fitting is independent of the amount of data.
 */
final class WeekModel {
    static final int BINS = 7 * WeekTemplate.QUARTERS_PER_DAY;
    private static final int MAX_ITERATIONS = 200;

    private WeekModel() {}

    /** The fitted parameters of one schedule. */
    @SuppressWarnings("ArrayRecordComponent") // internal, never compared
    record Fit(
            WeekTemplate template, double logLikelihood, double[] dayWeights, double background, double lunchLevel) {}

    /** Fits {@code template} to {@code hist} (7 &times; 96 bins, Monday 00:00 first). */
    static Fit fit(double[] hist, WeekTemplate template) {
        byte[] groups = template.groups();
        int nWork = 0;
        int nLunch = 0;
        for (byte g : groups) {
            if (g == WeekTemplate.WORK) {
                nWork++;
            } else if (g == WeekTemplate.LUNCH) {
                nLunch++;
            }
        }
        double[][] cells = new double[7][3];
        double total = 0;
        for (int bin = 0; bin < BINS; bin++) {
            double h = hist[bin];
            if (h != 0) {
                cells[bin / WeekTemplate.QUARTERS_PER_DAY][groups[bin % WeekTemplate.QUARTERS_PER_DAY]] += h;
                total += h;
            }
        }
        return em(cells, total, nWork, nLunch, template);
    }

    private static Fit em(double[][] cells, double total, int nWork, int nLunch, WeekTemplate template) {
        double uniform = 1.0 / BINS;
        double beta = 0.3;
        double[] w = new double[7];
        java.util.Arrays.fill(w, 1.0 / 7);
        double rWork = 1.0 / (nWork + nLunch);
        double rLunch = rWork;
        double previous = Double.NEGATIVE_INFINITY;
        double ll = previous;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double bg = 0;
            double[] byDay = new double[7];
            double mWork = 0;
            double mLunch = 0;
            ll = 0;
            for (int d = 0; d < 7; d++) {
                double off = cells[d][WeekTemplate.OFF];
                if (off > 0) {
                    bg += off;
                    ll += off * Math.log(beta * uniform);
                }
                for (int g = 1; g <= 2; g++) {
                    double h = cells[d][g];
                    if (h == 0) {
                        continue;
                    }
                    double work = (1 - beta) * w[d] * (g == WeekTemplate.WORK ? rWork : rLunch);
                    double p = work + beta * uniform;
                    ll += h * Math.log(p);
                    double share = h * work / p;
                    byDay[d] += share;
                    if (g == WeekTemplate.WORK) {
                        mWork += share;
                    } else {
                        mLunch += share;
                    }
                    bg += h - share;
                }
            }
            double workMass = mWork + mLunch;
            if (workMass <= 0) {
                return new Fit(template, total * Math.log(uniform), new double[7], 1.0, 1.0);
            }
            beta = Math.max(bg / total, 1e-9);
            for (int d = 0; d < 7; d++) {
                w[d] = byDay[d] / workMass;
            }
            rWork = mWork / (nWork * workMass);
            rLunch = mLunch / (nLunch * workMass);
            if (rLunch > rWork) {
                rWork = 1.0 / (nWork + nLunch);
                rLunch = rWork;
            }
            if (ll - previous < 1e-9 * Math.max(total, 1)) {
                break;
            }
            previous = ll;
        }
        return new Fit(template, ll, w, beta, rLunch / rWork);
    }
}
