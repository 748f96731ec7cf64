package dev.harrier.analysis.clock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fits the working-week model in every candidate and turns the fits into a posterior over candidates.
 *
 * <p>The data are the active quarter-hours (a UTC quarter-hour with at least one timestamp counts once), so a burst of
 * a thousand events in one minute weighs as much as one event. Quarter-hours of one working day are not independent
 * evidence, so log-likelihoods are divided by the mean number of active quarter-hours per active day ({@code temper})
 * before they become probabilities: the evidence is counted per active day. Each candidate's probability sums over all
 * schedules ({@link WeekTemplate}) weighted by their priors.
 */
final class OffsetSearch {
    private OffsetSearch() {}

    /** One candidate's fit. */
    record Scored(Candidate candidate, WeekModel.Fit fit, double logScore, double probability) {}

    /** Candidates best first. */
    static List<Scored> run(SlotCounts.Sorted slots, List<Candidate> candidates, double temper) {
        double[] utc = utcActiveHistogram(slots);
        List<Scored> scored = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            double[] local = c.daylightSaving() ? zoneHistogram(slots, c) : rotate(utc, c.fixedOffsetSeconds() / 900);
            WeekModel.Fit best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            double[] scores = new double[WeekTemplate.ALL.size()];
            int i = 0;
            for (WeekTemplate t : WeekTemplate.ALL) {
                WeekModel.Fit f = WeekModel.fit(local, t);
                double s = f.logLikelihood() / temper + t.logPrior();
                scores[i++] = s;
                if (s > bestScore) {
                    bestScore = s;
                    best = f;
                }
            }
            scored.add(new Scored(c, java.util.Objects.requireNonNull(best), c.logPrior() + logSumExp(scores), 0));
        }
        scored.sort(Comparator.comparingDouble(Scored::logScore).reversed());
        double[] all = scored.stream().mapToDouble(Scored::logScore).toArray();
        double norm = logSumExp(all);
        List<Scored> out = new ArrayList<>(scored.size());
        for (Scored s : scored) {
            out.add(new Scored(s.candidate(), s.fit(), s.logScore(), Math.exp(s.logScore() - norm)));
        }
        return out;
    }

    /** Active quarter-hours per UTC week bin (Monday 00:00 first). */
    static double[] utcActiveHistogram(SlotCounts.Sorted slots) {
        double[] h = new double[WeekModel.BINS];
        for (long slot : slots.slots()) {
            h[weekBin(slot)]++;
        }
        return h;
    }

    /** The week bin of a quarter-hour slot counted from the epoch (1970-01-01 was a Thursday). */
    static int weekBin(long slot) {
        return (int) Math.floorMod(slot + 3L * WeekTemplate.QUARTERS_PER_DAY, (long) WeekModel.BINS);
    }

    static double[] rotate(double[] utc, int quarters) {
        double[] out = new double[WeekModel.BINS];
        for (int b = 0; b < WeekModel.BINS; b++) {
            out[Math.floorMod(b + quarters, WeekModel.BINS)] = utc[b];
        }
        return out;
    }

    static double[] zoneHistogram(SlotCounts.Sorted slots, Candidate c) {
        double[] h = new double[WeekModel.BINS];
        long[] transitions = c.transitions();
        int[] offsets = c.offsets();
        int t = 0;
        for (long slot : slots.slots()) {
            long second = slot * ActivityLog.SLOT_SECONDS;
            while (t < transitions.length && transitions[t] <= second) {
                t++;
            }
            h[weekBin(slot + offsets[t] / ActivityLog.SLOT_SECONDS)]++;
        }
        return h;
    }

    static double logSumExp(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }
}
