package dev.harrier.analysis.attribution;

/**
 * Posterior probabilities over "one of the known actors" and "an unknown actor" from their log-likelihood ratios
 * against the background: {@code logit(g) = score(g) / T + log((1 − π) / N)}, {@code logit(unknown) =
 * score(unknown) / T + log π}, normalised (softmax).
 */
final class Posterior {
    final double[] actors;
    final double unknown;

    private Posterior(double[] actors, double unknown) {
        this.actors = actors;
        this.unknown = unknown;
    }

    /** From the scores of the actors followed by the unknown actor's. */
    static Posterior of(double[] scores, double temperature, double unknownPrior) {
        int n = scores.length - 1;
        double logPrior = Math.log((1 - unknownPrior) / Math.max(1, n));
        double logUnknown = scores[n] / temperature + Math.log(unknownPrior);
        double max = logUnknown;
        double[] logits = new double[n];
        for (int i = 0; i < n; i++) {
            logits[i] = scores[i] / temperature + logPrior;
            max = Math.max(max, logits[i]);
        }
        double sum = Math.exp(logUnknown - max);
        for (int i = 0; i < n; i++) {
            logits[i] = Math.exp(logits[i] - max);
            sum += logits[i];
        }
        for (int i = 0; i < n; i++) {
            logits[i] /= sum;
        }
        return new Posterior(logits, Math.exp(logUnknown - max) / sum);
    }

    static Posterior of(double[] scores, Calibration c) {
        return of(scores, c.temperature(), c.unknownPrior());
    }

    /** Index of the most probable actor, or -1 when there is none. */
    int best() {
        int b = -1;
        for (int i = 0; i < actors.length; i++) {
            if (b < 0 || actors[i] > actors[b]) {
                b = i;
            }
        }
        return b;
    }

    /** Whether the unknown actor is at least as probable as the best candidate (the Bayes decision abstains). */
    boolean abstains() {
        int b = best();
        return b < 0 || unknown >= actors[b];
    }
}
