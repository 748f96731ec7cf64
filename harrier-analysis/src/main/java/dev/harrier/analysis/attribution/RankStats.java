package dev.harrier.analysis.attribution;

/**
 * Accumulates ranking quality over trials: top-1, top-5 and mean reciprocal rank, with ties broken uniformly at
 * random in expectation (a true actor tied with k others at the top counts 1/(k+1)), and the expected calibration
 * error of the top candidate's probability (10 equal-width bins).
 */
final class RankStats {
    private static final int BINS = 10;
    private int trials;
    private double top1;
    private double top5;
    private double mrr;
    private final double[] binConfidence = new double[BINS];
    private final double[] binCorrect = new double[BINS];
    private final int[] binCount = new int[BINS];
    private int calibrated;

    /** Adds a trial: the scores of all actors and the index of the true one. */
    void add(double[] scores, int truth) {
        int greater = 0;
        int ties = 0;
        double t = scores[truth];
        for (int i = 0; i < scores.length; i++) {
            if (i != truth) {
                if (scores[i] > t) {
                    greater++;
                } else if (scores[i] == t) {
                    ties++;
                }
            }
        }
        double h1 = 0;
        double h5 = 0;
        double rr = 0;
        for (int pos = greater + 1; pos <= greater + ties + 1; pos++) {
            h1 += pos == 1 ? 1 : 0;
            h5 += pos <= 5 ? 1 : 0;
            rr += 1.0 / pos;
        }
        top1 += h1 / (ties + 1);
        top5 += h5 / (ties + 1);
        mrr += rr / (ties + 1);
        trials++;
    }

    /** Adds a calibration observation: the stated probability of the prediction and whether it was right. */
    void addCalibration(double confidence, boolean correct) {
        int b = Math.min(BINS - 1, (int) (confidence * BINS));
        binConfidence[b] += confidence;
        binCorrect[b] += correct ? 1 : 0;
        binCount[b]++;
        calibrated++;
    }

    int trials() {
        return trials;
    }

    double top1() {
        return trials == 0 ? 0 : top1 / trials;
    }

    double top5() {
        return trials == 0 ? 0 : top5 / trials;
    }

    double mrr() {
        return trials == 0 ? 0 : mrr / trials;
    }

    double ece() {
        if (calibrated == 0) {
            return 0;
        }
        double e = 0;
        for (int b = 0; b < BINS; b++) {
            if (binCount[b] > 0) {
                e += Math.abs(binCorrect[b] - binConfidence[b]) / calibrated;
            }
        }
        return e;
    }
}
