package dev.harrier.detect.sigma;

import java.util.List;

/** A parsed {@code condition} expression. Identifier patterns are already resolved against the detection. */
public sealed interface Condition {
    /** {@code 1 of} or {@code all of}. */
    enum Quantifier {
        ONE,
        ALL
    }

    /** Conjunction of two or more operands. */
    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }
    }

    /** Disjunction of two or more operands. */
    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    /** Negation. */
    record Not(Condition operand) implements Condition {}

    /** A reference to one search identifier. */
    record Ref(String name) implements Condition {}

    /**
     * {@code 1 of pattern}, {@code all of pattern} or {@code ... of them} ({@code pattern} is then {@code "them"}).
     * {@code matched} lists the search identifiers the pattern selects, in detection order; {@code them} skips names
     * starting with {@code _}.
     */
    record Of(Quantifier quantifier, String pattern, List<String> matched) implements Condition {
        public Of {
            matched = List.copyOf(matched);
        }
    }
}
