package dev.harrier.detect.pattern;

import dev.harrier.detect.pattern.PatternAst.And;
import dev.harrier.detect.pattern.PatternAst.AnyIndex;
import dev.harrier.detect.pattern.PatternAst.BinaryLiteral;
import dev.harrier.detect.pattern.PatternAst.BoolLiteral;
import dev.harrier.detect.pattern.PatternAst.Combined;
import dev.harrier.detect.pattern.PatternAst.Comparison;
import dev.harrier.detect.pattern.PatternAst.ComparisonExpression;
import dev.harrier.detect.pattern.PatternAst.Exists;
import dev.harrier.detect.pattern.PatternAst.FloatLiteral;
import dev.harrier.detect.pattern.PatternAst.Index;
import dev.harrier.detect.pattern.PatternAst.IntLiteral;
import dev.harrier.detect.pattern.PatternAst.Key;
import dev.harrier.detect.pattern.PatternAst.Literal;
import dev.harrier.detect.pattern.PatternAst.ObjectPath;
import dev.harrier.detect.pattern.PatternAst.Observation;
import dev.harrier.detect.pattern.PatternAst.ObservationExpression;
import dev.harrier.detect.pattern.PatternAst.ObservationOperator;
import dev.harrier.detect.pattern.PatternAst.Operator;
import dev.harrier.detect.pattern.PatternAst.Or;
import dev.harrier.detect.pattern.PatternAst.PathStep;
import dev.harrier.detect.pattern.PatternAst.Qualified;
import dev.harrier.detect.pattern.PatternAst.Qualifier;
import dev.harrier.detect.pattern.PatternAst.Repeats;
import dev.harrier.detect.pattern.PatternAst.SetLiteral;
import dev.harrier.detect.pattern.PatternAst.StartStop;
import dev.harrier.detect.pattern.PatternAst.StringLiteral;
import dev.harrier.detect.pattern.PatternAst.TimestampLiteral;
import dev.harrier.detect.pattern.PatternAst.Within;
import dev.harrier.detect.pattern.StixPatternGrammarParser.BracketObservationContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.ComparisonAndContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.ComparisonContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.ComparisonOrContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.EqualityComparisonContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.ExistsComparisonContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.GroupComparisonContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.GroupObservationContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.IndexStepContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.KeyStepContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.ObjectPathContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.ObservationAtomContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.ObservationExpressionAndContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.ObservationExpressionOrContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.ObservationExpressionsContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.OrderComparisonContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.OrderableLiteralContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.PathStepContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.PatternContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.PrimitiveLiteralContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.QualifiedObservationContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.QualifierContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.RepeatsQualifierContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.SetComparisonContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.SetLiteralContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.StartStopQualifierContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.StringComparisonContext;
import dev.harrier.detect.pattern.StixPatternGrammarParser.WithinQualifierContext;
import dev.harrier.detect.pattern.StixPatternParser.Failure;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns a parse tree into a {@link PatternAst}, checking on the way everything the grammar leaves open. Each problem
 * is a {@link Failure} at the offending token.
 */
final class AstBuilder {
    private final String text;
    private final PatternDialect dialect;

    AstBuilder(String text, PatternDialect dialect) {
        this.text = text;
        this.dialect = dialect;
    }

    ObservationExpression build(PatternContext ctx) {
        return observations(ctx.observationExpressions());
    }

    private int offset(Token t) {
        return StixPatternParser.charOffset(text, t.getStartIndex());
    }

    private Failure fail(Token t, String reason) {
        return new Failure(offset(t), reason);
    }

    private Failure fail(Token t, int within, String reason) {
        return new Failure(StixPatternParser.charOffset(text, t.getStartIndex() + within), reason);
    }

    // ---- observation expressions

    private ObservationExpression observations(ObservationExpressionsContext ctx) {
        List<ObservationExpression> ops = new ArrayList<>();
        for (ObservationExpressionOrContext c : ctx.observationExpressionOr()) {
            ops.add(or(c));
        }
        return ops.size() == 1 ? ops.get(0) : new Combined(ObservationOperator.FOLLOWEDBY, ops);
    }

    private ObservationExpression or(ObservationExpressionOrContext ctx) {
        List<ObservationExpression> ops = new ArrayList<>();
        for (ObservationExpressionAndContext c : ctx.observationExpressionAnd()) {
            ops.add(and(c));
        }
        return ops.size() == 1 ? ops.get(0) : new Combined(ObservationOperator.OR, ops);
    }

    private ObservationExpression and(ObservationExpressionAndContext ctx) {
        List<ObservationExpression> ops = new ArrayList<>();
        for (QualifiedObservationContext c : ctx.qualifiedObservation()) {
            ops.add(qualified(c));
        }
        return ops.size() == 1 ? ops.get(0) : new Combined(ObservationOperator.AND, ops);
    }

    private ObservationExpression qualified(QualifiedObservationContext ctx) {
        ObservationExpression e = atom(ctx.observationAtom());
        Set<QualifierKind> seen = EnumSet.noneOf(QualifierKind.class);
        for (QualifierContext q : ctx.qualifier()) {
            QualifierKind kind = q instanceof WithinQualifierContext
                    ? QualifierKind.WITHIN
                    : q instanceof RepeatsQualifierContext ? QualifierKind.REPEATS : QualifierKind.START_STOP;
            if (!seen.add(kind)) {
                throw fail(
                        q.getStart(),
                        "an observation expression may have only one " + kind.word + " qualifier"
                                + " (group it in parentheses to qualify the result again)");
            }
            e = new Qualified(e, qualifier(q));
        }
        return e;
    }

    private enum QualifierKind {
        WITHIN("WITHIN"),
        REPEATS("REPEATS"),
        START_STOP("START/STOP");

        final String word;

        QualifierKind(String word) {
            this.word = word;
        }
    }

    private ObservationExpression atom(ObservationAtomContext ctx) {
        if (ctx instanceof BracketObservationContext b) {
            return new Observation(comparisons(b.comparisonOr()));
        }
        return observations(((GroupObservationContext) ctx).observationExpressions());
    }

    private Qualifier qualifier(QualifierContext ctx) {
        if (ctx instanceof WithinQualifierContext w) {
            BigDecimal seconds = new BigDecimal(stripPlus(w.duration.getText()));
            if (seconds.signum() <= 0) {
                throw fail(w.duration, "WITHIN needs a positive number of seconds");
            }
            if (seconds.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
                throw fail(w.duration, "the WITHIN window is too large");
            }
            return new Within(seconds);
        }
        if (ctx instanceof RepeatsQualifierContext r) {
            BigInteger n = new BigInteger(stripPlus(r.count.getText()));
            if (n.signum() <= 0) {
                throw fail(r.count, "REPEATS needs a positive count");
            }
            if (n.bitLength() > 31) {
                throw fail(r.count, "the REPEATS count is larger than " + Integer.MAX_VALUE);
            }
            return new Repeats(n.intValue());
        }
        StartStopQualifierContext s = (StartStopQualifierContext) ctx;
        TimestampLiteral start = startStopBound(s.start);
        TimestampLiteral stop = startStopBound(s.stop);
        return new StartStop(start, stop, dialect == PatternDialect.STIX_2_0);
    }

    private TimestampLiteral startStopBound(Token t) {
        boolean isTs = t.getType() == StixPatternGrammarLexer.TimestampLiteral;
        if (dialect == PatternDialect.STIX_2_1 && !isTs) {
            throw fail(t, "STIX 2.1 requires a timestamp literal t'...' after START and STOP");
        }
        if (dialect == PatternDialect.STIX_2_0 && isTs) {
            throw fail(t, "STIX 2.0 takes a string literal '...' after START and STOP (t'...' is STIX 2.1)");
        }
        String body = isTs ? t.getText().substring(2, t.getText().length() - 1) : unescape(t);
        return timestamp(t, body, isTs ? 2 : 1);
    }

    // ---- comparison expressions

    private ComparisonExpression comparisons(ComparisonOrContext ctx) {
        List<ComparisonExpression> ops = new ArrayList<>();
        for (ComparisonAndContext c : ctx.comparisonAnd()) {
            List<ComparisonExpression> and = new ArrayList<>();
            for (ComparisonContext cc : c.comparison()) {
                and.add(comparison(cc));
            }
            ops.add(and.size() == 1 ? and.get(0) : new And(and));
        }
        return ops.size() == 1 ? ops.get(0) : new Or(ops);
    }

    private ComparisonExpression comparison(ComparisonContext ctx) {
        if (ctx instanceof GroupComparisonContext g) {
            return comparisons(g.comparisonOr());
        }
        if (ctx instanceof ExistsComparisonContext e) {
            if (dialect == PatternDialect.STIX_2_0) {
                throw fail(e.EXISTS().getSymbol(), "EXISTS is not part of STIX 2.0 patterning (it is STIX 2.1)");
            }
            return new Exists(path(e.objectPath()), e.NOT() != null);
        }
        if (ctx instanceof EqualityComparisonContext e) {
            Operator op = e.op.getType() == StixPatternGrammarLexer.EQ ? Operator.EQ : Operator.NEQ;
            return new Comparison(path(e.objectPath()), e.NOT() != null, op, primitive(e.primitiveLiteral()));
        }
        if (ctx instanceof OrderComparisonContext o) {
            Operator op;
            switch (o.op.getType()) {
                case StixPatternGrammarLexer.LT:
                    op = Operator.LT;
                    break;
                case StixPatternGrammarLexer.LE:
                    op = Operator.LE;
                    break;
                case StixPatternGrammarLexer.GT:
                    op = Operator.GT;
                    break;
                default:
                    op = Operator.GE;
            }
            return new Comparison(path(o.objectPath()), o.NOT() != null, op, orderable(o.orderableLiteral()));
        }
        if (ctx instanceof SetComparisonContext s) {
            return new Comparison(path(s.objectPath()), s.NOT() != null, Operator.IN, set(s.setLiteral()));
        }
        StringComparisonContext s = (StringComparisonContext) ctx;
        Token lit = s.StringLiteral().getSymbol();
        String value = unescape(lit);
        Operator op;
        switch (s.op.getType()) {
            case StixPatternGrammarLexer.LIKE:
                op = Operator.LIKE;
                break;
            case StixPatternGrammarLexer.MATCHES:
                op = Operator.MATCHES;
                String problem = Regexes.problem(value);
                if (problem != null) {
                    throw fail(lit, "invalid regular expression: " + problem);
                }
                break;
            case StixPatternGrammarLexer.ISSUBSET:
                op = Operator.ISSUBSET;
                break;
            default:
                op = Operator.ISSUPERSET;
        }
        if ((op == Operator.ISSUBSET || op == Operator.ISSUPERSET) && IpNet.parse(value) == null) {
            throw fail(lit, op.symbol() + " needs an IPv4 or IPv6 address or CIDR, not '" + value + "'");
        }
        return new Comparison(path(s.objectPath()), s.NOT() != null, op, new StringLiteral(value));
    }

    private ObjectPath path(ObjectPathContext ctx) {
        String type = ctx.objectType().getText();
        List<PathStep> steps = new ArrayList<>();
        TerminalNode root = ctx.pathRoot().IdentifierWithoutHyphen();
        steps.add(new Key(
                root != null
                        ? root.getText()
                        : unescape(ctx.pathRoot().StringLiteral().getSymbol())));
        for (PathStepContext st : ctx.pathStep()) {
            if (st instanceof KeyStepContext k) {
                TerminalNode id = k.IdentifierWithoutHyphen();
                steps.add(new Key(
                        id != null ? id.getText() : unescape(k.StringLiteral().getSymbol())));
            } else {
                IndexStepContext ix = (IndexStepContext) st;
                if (ix.ASTERISK() != null) {
                    steps.add(new AnyIndex());
                } else {
                    TerminalNode n = ix.IntPosLiteral() != null ? ix.IntPosLiteral() : ix.IntNegLiteral();
                    steps.add(new Index(integer(n.getSymbol())));
                }
            }
        }
        return new ObjectPath(type, steps);
    }

    // ---- literals

    private SetLiteral set(SetLiteralContext ctx) {
        List<Literal> values = new ArrayList<>();
        String kind = null;
        for (PrimitiveLiteralContext p : ctx.primitiveLiteral()) {
            Literal l = primitive(p);
            String k = l instanceof IntLiteral || l instanceof FloatLiteral
                    ? "number"
                    : l instanceof BinaryLiteral ? "binary" : l.getClass().getSimpleName();
            if (kind != null && !kind.equals(k)) {
                throw fail(p.getStart(), "the members of an IN set must all be of one type");
            }
            kind = k;
            values.add(l);
        }
        return new SetLiteral(values);
    }

    private Literal primitive(PrimitiveLiteralContext ctx) {
        if (ctx.BoolLiteral() != null) {
            return new BoolLiteral(ctx.BoolLiteral().getText().equals("true"));
        }
        return orderable(ctx.orderableLiteral());
    }

    private Literal orderable(OrderableLiteralContext ctx) {
        Token t = ((TerminalNode) ctx.getChild(0)).getSymbol();
        String s = t.getText();
        switch (t.getType()) {
            case StixPatternGrammarLexer.IntPosLiteral:
            case StixPatternGrammarLexer.IntNegLiteral:
                return new IntLiteral(integer(t));
            case StixPatternGrammarLexer.FloatPosLiteral:
            case StixPatternGrammarLexer.FloatNegLiteral:
                return new FloatLiteral(new BigDecimal(stripPlus(s)));
            case StixPatternGrammarLexer.StringLiteral:
                return new StringLiteral(unescape(t));
            case StixPatternGrammarLexer.BinaryLiteral: {
                byte[] b = Values.base64(s.substring(2, s.length() - 1));
                if (b == null) {
                    throw fail(t, "invalid base64 in binary literal (RFC 4648, padded to a multiple of 4)");
                }
                return new BinaryLiteral(b, false);
            }
            case StixPatternGrammarLexer.HexLiteral: {
                byte[] b = Values.hex(s.substring(2, s.length() - 1));
                if (b == null) {
                    throw fail(t, "a hex literal needs an even number of hex digits 0-9, a-f");
                }
                return new BinaryLiteral(b, true);
            }
            default:
                return timestamp(t, s.substring(2, s.length() - 1), 2);
        }
    }

    private TimestampLiteral timestamp(Token t, String body, int bodyStart) {
        String problem = Ts.check(body);
        if (problem != null) {
            throw fail(t, bodyStart, "invalid timestamp '" + body + "': " + problem);
        }
        return new TimestampLiteral(body);
    }

    private long integer(Token t) {
        try {
            return Long.parseLong(stripPlus(t.getText()));
        } catch (NumberFormatException e) {
            throw fail(t, "integer out of range (64 bits): " + t.getText());
        }
    }

    private static String stripPlus(String s) {
        return s.startsWith("+") ? s.substring(1) : s;
    }

    /** The value of a string literal token; only {@code \'} and {@code \\} are escapes. */
    private String unescape(Token t) {
        String s = t.getText();
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                char d = s.charAt(i + 1);
                if (d != '\'' && d != '\\') {
                    throw fail(
                            t,
                            s.codePointCount(0, i),
                            "invalid escape '\\" + d + "' in string literal (only \\' and \\\\ are escapes;"
                                    + " write \\\\ for a backslash)");
                }
                sb.append(d);
                i++;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
