package dev.harrier.analysis.attribution;

import java.util.List;

/**
 * The competing-hypotheses table: one row per evidence item, one column per hypothesis (the leading candidates and
 * "unknown actor"), each cell how the item bears on that hypothesis: {@code ++} strongly supports (weight ≥ 2
 * nats), {@code +} supports (≥ 0.5), {@code 0} neutral, {@code -} contradicts (≤ −0.5), {@code --} strongly
 * contradicts (≤ −2). Weights are relative to the unknown-actor hypothesis, whose column is neutral by construction.
 *
 * @param hypotheses column headings
 * @param rows one row per evidence item
 */
public record Hypotheses(List<String> hypotheses, List<Row> rows) {
    /**
     * One evidence item across the hypotheses.
     *
     * @param evidence the item ("T1059.001 PowerShell")
     * @param marks one mark per hypothesis
     * @param weights the weight per hypothesis, in nats
     */
    public record Row(String evidence, List<String> marks, List<Double> weights) {}

    /** The mark for a weight. */
    static String mark(double w) {
        if (w >= 2) {
            return "++";
        }
        if (w >= 0.5) {
            return "+";
        }
        if (w <= -2) {
            return "--";
        }
        if (w <= -0.5) {
            return "-";
        }
        return "0";
    }
}
