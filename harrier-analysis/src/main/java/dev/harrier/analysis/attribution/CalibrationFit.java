package dev.harrier.analysis.attribution;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a {@link Calibration} by maximum likelihood on simulated incidents, in two steps. The temperature: the
 * negative log posterior of the true actor among the known actors, over incidents of known actors (closed set). The
 * unknown prior, temperature fixed: the negative log posterior of the right answer (the true actor, or "unknown"
 * for an actor missing from the knowledge base) over the open-set incidents, with known-actor and unknown-actor
 * incidents weighted equally: the share of unknown actors in a simulation (the share of actors removed) is
 * arbitrary, and in practice much activity comes from actors no knowledge base names, so the fit assumes even odds
 * rather than the simulation's mix.
 */
final class CalibrationFit {
    /** One simulated incident: the scores (actors, then unknown) and the true actor's index, -1 for unknown. */
    private static final class Sample {
        private final double[] scores;
        private final int truth;
        private final boolean openSet;

        Sample(double[] scores, int truth, boolean openSet) {
            this.scores = scores;
            this.truth = truth;
            this.openSet = openSet;
        }

        double[] scores() {
            return scores;
        }

        int truth() {
            return truth;
        }

        boolean openSet() {
            return openSet;
        }
    }

    private final List<Sample> samples = new ArrayList<>();

    void add(double[] scores, int truth, boolean openSet) {
        samples.add(new Sample(scores, truth, openSet));
    }

    int size() {
        return samples.size();
    }

    Calibration fit(String fittedOn) {
        double t = minimise(Math.log(0.1), Math.log(100), lt -> closedNll(Math.exp(lt)));
        double temperature = Math.exp(t);
        double l = minimise(-12, 12, x -> openNll(temperature, logistic(x)));
        return new Calibration(
                Math.round(temperature * 1000) / 1000.0, Math.round(logistic(l) * 10000) / 10000.0, fittedOn);
    }

    double closedNll(double t) {
        double sum = 0;
        int n = 0;
        for (Sample s : samples) {
            if (s.openSet() || s.truth() < 0) {
                continue;
            }
            double[] sc = s.scores();
            int actors = sc.length - 1;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < actors; i++) {
                max = Math.max(max, sc[i] / t);
            }
            double z = 0;
            for (int i = 0; i < actors; i++) {
                z += Math.exp(sc[i] / t - max);
            }
            sum += -(sc[s.truth()] / t - max - Math.log(z));
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    double openNll(double t, double p) {
        double known = 0;
        double unknown = 0;
        int nk = 0;
        int nu = 0;
        for (Sample s : samples) {
            if (!s.openSet()) {
                continue;
            }
            Posterior post = Posterior.of(s.scores(), t, p);
            double q = s.truth() < 0 ? post.unknown : post.actors[s.truth()];
            double l = -Math.log(Math.max(q, 1e-300));
            if (s.truth() < 0) {
                unknown += l;
                nu++;
            } else {
                known += l;
                nk++;
            }
        }
        return (nk == 0 ? 0 : known / nk) + (nu == 0 ? 0 : unknown / nu);
    }

    /** Golden-section search after a coarse scan (the objectives are smooth but not guaranteed convex). */
    private static double minimise(double lo, double hi, java.util.function.DoubleUnaryOperator f) {
        int steps = 48;
        double best = lo;
        double bestV = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= steps; i++) {
            double x = lo + (hi - lo) * i / steps;
            double v = f.applyAsDouble(x);
            if (v < bestV) {
                bestV = v;
                best = x;
            }
        }
        double step = (hi - lo) / steps;
        double a = Math.max(lo, best - step);
        double b = Math.min(hi, best + step);
        double g = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 40; i++) {
            double c = b - g * (b - a);
            double d = a + g * (b - a);
            if (f.applyAsDouble(c) < f.applyAsDouble(d)) {
                b = d;
            } else {
                a = c;
            }
        }
        return (a + b) / 2;
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
