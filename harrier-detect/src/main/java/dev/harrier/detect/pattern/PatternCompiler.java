package dev.harrier.detect.pattern;

import dev.harrier.core.Limits;
import dev.harrier.detect.pattern.PatternAst.And;
import dev.harrier.detect.pattern.PatternAst.Combined;
import dev.harrier.detect.pattern.PatternAst.Comparison;
import dev.harrier.detect.pattern.PatternAst.ComparisonExpression;
import dev.harrier.detect.pattern.PatternAst.Exists;
import dev.harrier.detect.pattern.PatternAst.Literal;
import dev.harrier.detect.pattern.PatternAst.Observation;
import dev.harrier.detect.pattern.PatternAst.ObservationExpression;
import dev.harrier.detect.pattern.PatternAst.Operator;
import dev.harrier.detect.pattern.PatternAst.Or;
import dev.harrier.detect.pattern.PatternAst.Qualified;
import dev.harrier.detect.pattern.PatternAst.Repeats;
import dev.harrier.detect.pattern.PatternAst.SetLiteral;
import dev.harrier.detect.pattern.PatternAst.StartStop;
import dev.harrier.detect.pattern.PatternAst.StringLiteral;
import dev.harrier.detect.pattern.PatternAst.Within;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link PatternAst} into a {@link CompiledPattern}: object paths become walkers, constants typed values,
 * {@code LIKE} and {@code MATCHES} compiled regular expressions, {@code ISSUBSET}/{@code ISSUPERSET} constants CIDR
 * networks, qualifiers durations and instants.
 *
 * <p>Trees from {@link StixPatternParser} always compile. Hand-built trees are checked for what the parser would have
 * refused (an {@code IN} operand that is not a set, a regular expression that does not compile, ...) and rejected
 * with a {@link PatternException} at offset 0. Thread-safe.
 */
public final class PatternCompiler {
    private final StixPatternParser parser;

    /** A compiler whose {@link #compile(String)} parses with {@link Limits#defaults()}. */
    public PatternCompiler() {
        this(new StixPatternParser());
    }

    /** A compiler whose {@link #compile(String)} uses {@code parser}. */
    public PatternCompiler(StixPatternParser parser) {
        this.parser = parser;
    }

    /** Parses (STIX 2.1) and compiles. */
    public CompiledPattern compile(String pattern) throws PatternException {
        return compile(parser.parse(pattern));
    }

    /** Parses in {@code dialect} and compiles. */
    public CompiledPattern compile(String pattern, PatternDialect dialect) throws PatternException {
        return compile(parser.parse(pattern, dialect));
    }

    /** Compiles a parsed pattern. */
    public CompiledPattern compile(PatternAst ast) throws PatternException {
        List<Search.Atom> atoms = new ArrayList<>();
        try {
            Search.Node root = node(ast.root(), atoms);
            return new CompiledPattern(ast, "", root, atoms);
        } catch (IllegalArgumentException e) {
            throw new PatternException(ast.text(), 0, String.valueOf(e.getMessage()));
        }
    }

    private Search.Node node(ObservationExpression e, List<Search.Atom> atoms) {
        if (e instanceof Observation o) {
            Search.Atom a = new Search.Atom(atoms.size(), cond(o.comparison()));
            atoms.add(a);
            return a;
        }
        if (e instanceof Combined c) {
            Search.Node[] kids = new Search.Node[c.operands().size()];
            for (int i = 0; i < kids.length; i++) {
                kids[i] = node(c.operands().get(i), atoms);
            }
            return new Search.Join(c.operator(), kids);
        }
        Qualified q = (Qualified) e;
        Search.Node inner = node(q.expression(), atoms);
        if (q.qualifier() instanceof Within w) {
            BigDecimal s = w.seconds();
            long secs = s.longValue();
            BigDecimal frac = s.subtract(BigDecimal.valueOf(secs)).movePointRight(9);
            // a window finer than a nanosecond rounds up: observation times are compared at nanosecond precision
            long nanos = frac.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
            return new Search.Within(inner, Duration.ofSeconds(secs, nanos));
        }
        if (q.qualifier() instanceof Repeats r) {
            return new Search.Repeats(inner, r.times());
        }
        StartStop ss = (StartStop) q.qualifier();
        Ts start = Ts.parse(ss.start().value());
        Ts stop = Ts.parse(ss.stop().value());
        if (start == null || stop == null) {
            throw new IllegalArgumentException("invalid START/STOP timestamp");
        }
        return new Search.StartStop(inner, start.instant(), stop.instant());
    }

    private Cond cond(ComparisonExpression e) {
        if (e instanceof And a) {
            Cond[] parts = new Cond[a.operands().size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = cond(a.operands().get(i));
            }
            return new Cond.All(parts);
        }
        if (e instanceof Or o) {
            Cond[] parts = new Cond[o.operands().size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = cond(o.operands().get(i));
            }
            return new Cond.Any(parts);
        }
        if (e instanceof Exists x) {
            return new Cond.Exists(new PathWalker(x.path()), x.negated());
        }
        Comparison c = (Comparison) e;
        return new Cond.Cmp(new PathWalker(c.path()), pred(c), c.negated(), c);
    }

    private static Pred pred(Comparison c) {
        Operator op = c.operator();
        Literal v = c.value();
        if (op == Operator.IN) {
            if (!(v instanceof SetLiteral s)) {
                throw new IllegalArgumentException("IN needs a set literal");
            }
            return new Pred.In(s.values());
        }
        if (v instanceof SetLiteral) {
            throw new IllegalArgumentException("a set literal is only allowed after IN");
        }
        switch (op) {
            case EQ:
            case NEQ:
                return new Pred.Equal(v, op == Operator.NEQ);
            case LT:
            case LE:
            case GT:
            case GE:
                if (v instanceof PatternAst.BoolLiteral) {
                    throw new IllegalArgumentException("booleans have no order");
                }
                return new Pred.Order(v, op);
            default:
                break;
        }
        if (!(v instanceof StringLiteral s)) {
            throw new IllegalArgumentException(op.symbol() + " needs a string literal");
        }
        switch (op) {
            case LIKE:
                return new Pred.Like(s.value());
            case MATCHES:
                return new Pred.Matches(s.value());
            case ISSUBSET:
                return new Pred.Subnet(s.value(), true);
            default:
                return new Pred.Subnet(s.value(), false);
        }
    }
}
