package dev.harrier.detect.pattern;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A parsed STIX pattern: an immutable tree that mirrors the specification's terms.
 *
 * <ul>
 *   <li>an {@link ObservationExpression} is a bracketed {@link Observation}, a {@link Combined} list of them joined
 *       by one {@link ObservationOperator} ({@code AND}, {@code OR}, {@code FOLLOWEDBY}), or a {@link Qualified}
 *       expression ({@link Within}, {@link Repeats}, {@link StartStop});
 *   <li>inside the brackets, a {@link ComparisonExpression} is an {@link And}, an {@link Or}, a {@link Comparison}
 *       ({@link ObjectPath}, {@link Operator}, optional {@code NOT}, {@link Literal}) or an {@link Exists};
 *   <li>literals are typed: {@link StringLiteral}, {@link IntLiteral}, {@link FloatLiteral}, {@link BoolLiteral},
 *       {@link BinaryLiteral} ({@code b'...'} and {@code h'...'}), {@link TimestampLiteral} and, for {@code IN},
 *       {@link SetLiteral}.
 * </ul>
 *
 * <p>{@link #toString()} of any node gives pattern text that parses back to an equal node (canonical spacing,
 * parentheses only where needed). Instances from {@link StixPatternParser} are valid; hand-built trees are checked
 * again by {@link PatternCompiler}.
 *
 * @param text the pattern text as given to the parser (or the rendering, for hand-built trees)
 * @param dialect the dialect the text was parsed as
 * @param root the top observation expression
 */
public record PatternAst(String text, PatternDialect dialect, ObservationExpression root) {

    /** Builds an AST from a tree; {@link #text()} is the canonical rendering. */
    public static PatternAst of(PatternDialect dialect, ObservationExpression root) {
        return new PatternAst(root.toString(), dialect, root);
    }

    /** The canonical rendering of {@link #root()}. */
    @Override
    public String toString() {
        return root.toString();
    }

    /** Observation expressions: what the pattern says about whole observations (observed-data objects). */
    public sealed interface ObservationExpression permits Observation, Combined, Qualified {}

    /** The observation operators, in increasing binding strength order: FOLLOWEDBY, OR, AND. */
    public enum ObservationOperator {
        FOLLOWEDBY,
        OR,
        AND
    }

    /**
     * One bracketed observation expression: the comparisons must all hold, starting from one cyber-observable object
     * of one observation.
     *
     * @param comparison the expression between the brackets
     */
    public record Observation(ComparisonExpression comparison) implements ObservationExpression {
        public Observation {
            Objects.requireNonNull(comparison);
        }

        @Override
        public String toString() {
            return "[" + comparison + "]";
        }
    }

    /**
     * Two or more observation expressions joined, left to right, by one operator.
     *
     * @param operator the operator
     * @param operands at least two operands
     */
    public record Combined(ObservationOperator operator, List<ObservationExpression> operands)
            implements ObservationExpression {
        public Combined {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("a combined expression needs two or more operands");
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < operands.size(); i++) {
                ObservationExpression e = operands.get(i);
                if (i > 0) {
                    sb.append(' ').append(operator).append(' ');
                }
                // a nested list of the same or a weaker operator came from parentheses: keep them
                boolean paren = e instanceof Combined c && c.operator().ordinal() <= operator.ordinal();
                sb.append(paren ? "(" + e + ")" : e.toString());
            }
            return sb.toString();
        }
    }

    /**
     * An observation expression restricted by a qualifier.
     *
     * @param expression the qualified expression
     * @param qualifier the qualifier
     */
    public record Qualified(ObservationExpression expression, Qualifier qualifier) implements ObservationExpression {
        public Qualified {
            Objects.requireNonNull(expression);
            Objects.requireNonNull(qualifier);
        }

        @Override
        public String toString() {
            String inner = expression instanceof Combined ? "(" + expression + ")" : expression.toString();
            return inner + " " + qualifier;
        }
    }

    /** Qualifiers: {@code WITHIN}, {@code REPEATS}, {@code START ... STOP}. */
    public sealed interface Qualifier permits Within, Repeats, StartStop {}

    /**
     * {@code WITHIN n SECONDS}: all observations matched by the qualified expression lie in a window shorter than
     * {@code seconds}.
     *
     * @param seconds a positive number of seconds
     */
    public record Within(BigDecimal seconds) implements Qualifier {
        public Within {
            if (seconds.signum() <= 0) {
                throw new IllegalArgumentException("WITHIN needs a positive number of seconds");
            }
        }

        @Override
        public String toString() {
            return "WITHIN " + seconds.toPlainString() + " SECONDS";
        }
    }

    /**
     * {@code REPEATS n TIMES}: the qualified expression matches {@code times} times on distinct observations.
     *
     * @param times a positive count
     */
    public record Repeats(int times) implements Qualifier {
        public Repeats {
            if (times <= 0) {
                throw new IllegalArgumentException("REPEATS needs a positive count");
            }
        }

        @Override
        public String toString() {
            return "REPEATS " + times + " TIMES";
        }
    }

    /**
     * {@code START t STOP t}: every observation matched by the qualified expression was observed at or after
     * {@code start} and before {@code stop}.
     *
     * @param start the inclusive start
     * @param stop the exclusive stop
     * @param stix20Syntax whether the timestamps are written as plain strings ({@code START '2016-...Z'}), as STIX
     *     2.0 requires, instead of STIX 2.1's {@code t'...'} literals; only the rendering depends on it
     */
    public record StartStop(TimestampLiteral start, TimestampLiteral stop, boolean stix20Syntax) implements Qualifier {
        public StartStop {
            Objects.requireNonNull(start);
            Objects.requireNonNull(stop);
        }

        /** A STIX 2.1 {@code START t'...' STOP t'...'}. */
        public StartStop(TimestampLiteral start, TimestampLiteral stop) {
            this(start, stop, false);
        }

        @Override
        public String toString() {
            return stix20Syntax
                    ? "START '" + start.value() + "' STOP '" + stop.value() + "'"
                    : "START " + start + " STOP " + stop;
        }
    }

    /** Comparison expressions: the boolean expression inside one pair of brackets. */
    public sealed interface ComparisonExpression permits And, Or, Comparison, Exists {}

    /**
     * All operands hold (for the same root object).
     *
     * @param operands at least two operands
     */
    public record And(List<ComparisonExpression> operands) implements ComparisonExpression {
        public And {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("AND needs two or more operands");
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (ComparisonExpression e : operands) {
                if (sb.length() > 0) {
                    sb.append(" AND ");
                }
                sb.append(e instanceof Or || e instanceof And ? "(" + e + ")" : e.toString());
            }
            return sb.toString();
        }
    }

    /**
     * At least one operand holds.
     *
     * @param operands at least two operands
     */
    public record Or(List<ComparisonExpression> operands) implements ComparisonExpression {
        public Or {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("OR needs two or more operands");
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (ComparisonExpression e : operands) {
                if (sb.length() > 0) {
                    sb.append(" OR ");
                }
                sb.append(e instanceof Or ? "(" + e + ")" : e.toString());
            }
            return sb.toString();
        }
    }

    /** Comparison operators. */
    public enum Operator {
        EQ("="),
        NEQ("!="),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        IN("IN"),
        LIKE("LIKE"),
        MATCHES("MATCHES"),
        ISSUBSET("ISSUBSET"),
        ISSUPERSET("ISSUPERSET");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in a pattern. */
        public String symbol() {
            return symbol;
        }
    }

    /**
     * {@code path [NOT] operator value}.
     *
     * @param path the object path
     * @param negated whether {@code NOT} precedes the operator
     * @param operator the operator
     * @param value the constant ({@link SetLiteral} for {@code IN}, {@link StringLiteral} for LIKE, MATCHES, ISSUBSET
     *     and ISSUPERSET)
     */
    public record Comparison(ObjectPath path, boolean negated, Operator operator, Literal value)
            implements ComparisonExpression {
        public Comparison {
            Objects.requireNonNull(path);
            Objects.requireNonNull(operator);
            Objects.requireNonNull(value);
        }

        @Override
        public String toString() {
            return path + (negated ? " NOT " : " ") + operator.symbol() + " " + value;
        }
    }

    /**
     * {@code [NOT] EXISTS path} (STIX 2.1).
     *
     * @param path the object path
     * @param negated whether {@code NOT} precedes {@code EXISTS}
     */
    public record Exists(ObjectPath path, boolean negated) implements ComparisonExpression {
        public Exists {
            Objects.requireNonNull(path);
        }

        @Override
        public String toString() {
            return (negated ? "NOT " : "") + "EXISTS " + path;
        }
    }

    /**
     * {@code object-type:property.step[0].step}.
     *
     * @param objectType the SCO type the path starts from
     * @param steps the steps; the first is always a {@link Key}
     */
    public record ObjectPath(String objectType, List<PathStep> steps) {
        public ObjectPath {
            Objects.requireNonNull(objectType);
            steps = List.copyOf(steps);
            if (steps.isEmpty() || !(steps.get(0) instanceof Key)) {
                throw new IllegalArgumentException("an object path starts with a property name");
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(objectType).append(':');
            for (int i = 0; i < steps.size(); i++) {
                PathStep s = steps.get(i);
                if (s instanceof Key k) {
                    if (i > 0) {
                        sb.append('.');
                    }
                    sb.append(k.plain() ? k.name() : StringLiteral.quote(k.name()));
                } else {
                    sb.append(s);
                }
            }
            return sb.toString();
        }
    }

    /** One step of an object path. */
    public sealed interface PathStep permits Key, Index, AnyIndex {}

    /**
     * A property name or dictionary key ({@code .name}, {@code .'SHA-256'}).
     *
     * @param name the name, unquoted
     */
    public record Key(String name) implements PathStep {
        public Key {
            Objects.requireNonNull(name);
        }

        /** Whether the name can be written without quotes. */
        boolean plain() {
            if (name.isEmpty() || (name.charAt(0) >= '0' && name.charAt(0) <= '9')) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
                if (!ok) {
                    return false;
                }
            }
            return !KEYWORDS.contains(name);
        }

        @Override
        public String toString() {
            return plain() ? name : StringLiteral.quote(name);
        }
    }

    private static final List<String> KEYWORDS = List.of(
            "AND",
            "OR",
            "NOT",
            "FOLLOWEDBY",
            "LIKE",
            "MATCHES",
            "ISSUPERSET",
            "ISSUBSET",
            "EXISTS",
            "IN",
            "START",
            "STOP",
            "SECONDS",
            "WITHIN",
            "REPEATS",
            "TIMES",
            "true",
            "false");

    /**
     * A list index {@code [n]}; an index outside the list selects nothing.
     *
     * @param index the index (negative indexes are allowed by the grammar and select nothing)
     */
    public record Index(long index) implements PathStep {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    /** {@code [*]}: every element of the list is tried; the comparison holds if it holds for any. */
    public record AnyIndex() implements PathStep {
        @Override
        public String toString() {
            return "[*]";
        }
    }

    /** Constants. */
    public sealed interface Literal
            permits StringLiteral, IntLiteral, FloatLiteral, BoolLiteral, BinaryLiteral, TimestampLiteral, SetLiteral {}

    /**
     * {@code 'text'}.
     *
     * @param value the unescaped text
     */
    public record StringLiteral(String value) implements Literal {
        public StringLiteral {
            Objects.requireNonNull(value);
        }

        static String quote(String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }

        @Override
        public String toString() {
            return quote(value);
        }
    }

    /**
     * An integer constant (64-bit).
     *
     * @param value the value
     */
    public record IntLiteral(long value) implements Literal {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /**
     * A floating-point constant, kept as the exact decimal that was written; compared as an IEEE double.
     *
     * @param value the value
     */
    public record FloatLiteral(BigDecimal value) implements Literal {
        public FloatLiteral {
            Objects.requireNonNull(value);
        }

        @Override
        public String toString() {
            String s = value.toPlainString();
            return s.indexOf('.') >= 0 ? s : s + ".0";
        }
    }

    /**
     * {@code true} or {@code false}.
     *
     * @param value the value
     */
    public record BoolLiteral(boolean value) implements Literal {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /**
     * {@code b'base64'} or {@code h'hex'}: octets.
     *
     * @param bytes the octets (copied in and out)
     * @param hex whether it was written as {@code h'...'} (affects only the rendering)
     */
    public record BinaryLiteral(byte[] bytes, boolean hex) implements Literal {
        public BinaryLiteral {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof BinaryLiteral b && Arrays.equals(b.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return hex
                    ? "h'" + HexFormat.of().formatHex(bytes) + "'"
                    : "b'" + java.util.Base64.getEncoder().encodeToString(bytes) + "'";
        }
    }

    /**
     * {@code t'2016-06-01T00:00:00Z'}.
     *
     * @param value the timestamp text between the quotes, a valid STIX timestamp
     */
    public record TimestampLiteral(String value) implements Literal {
        public TimestampLiteral {
            String problem = Ts.check(value);
            if (problem != null) {
                throw new IllegalArgumentException(problem + ": " + value);
            }
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof TimestampLiteral t && Objects.equals(Ts.parse(t.value), Ts.parse(value));
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(Ts.parse(value));
        }

        @Override
        public String toString() {
            return "t'" + value + "'";
        }
    }

    /**
     * {@code (a, b, c)} for {@code IN}: constants of one type (integers and floats mix).
     *
     * @param values the members
     */
    public record SetLiteral(List<Literal> values) implements Literal {
        public SetLiteral {
            values = List.copyOf(values);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(");
            for (Literal l : values) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(l);
            }
            return sb.append(')').toString();
        }
    }
}
