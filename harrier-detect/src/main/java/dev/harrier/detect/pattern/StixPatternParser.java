package dev.harrier.detect.pattern;

import dev.harrier.core.Limits;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.jspecify.annotations.Nullable;

/**
 * Parses STIX pattern text into a {@link PatternAst}.
 *
 * <p>The grammar ({@code StixPatternGrammar.g4}, ANTLR 4) covers all of STIX 2.1 patterning and the STIX 2.0
 * dialect; after the syntax, the parser checks what a grammar cannot: calendar dates in timestamps, base64 and hex
 * constants, string escapes (only {@code \'} and {@code \\}), integer ranges, homogeneous {@code IN} sets, regular
 * expressions that compile, IP addresses or CIDRs for {@code ISSUBSET}/{@code ISSUPERSET}, positive {@code REPEATS}
 * and {@code WITHIN} values, at most one qualifier of each kind per observation expression, and the dialect's own
 * rules ({@code EXISTS} and {@code t'...'} after {@code START}/{@code STOP} are STIX 2.1 only; STIX 2.0 writes
 * {@code START '...'}).
 *
 * <p>Any problem is a {@link PatternException} with the position and the reason (and, for syntax errors, the tokens
 * that would have been accepted); no other exception escapes for any input. Input is bounded by {@link Limits}: the
 * pattern is one JSON string value in an indicator, so at most {@link Limits#maxStringLength()} characters, and
 * brackets and parentheses nest at most {@link Limits#maxJsonDepth()} deep (which also bounds the parser's
 * recursion).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class StixPatternParser {
    private final Limits limits;

    /** A parser with {@link Limits#defaults()}. */
    public StixPatternParser() {
        this(Limits.defaults());
    }

    /** A parser bounded by {@code limits}. */
    public StixPatternParser(Limits limits) {
        this.limits = limits;
    }

    /** Parses a STIX 2.1 pattern. */
    public PatternAst parse(String pattern) throws PatternException {
        return parse(pattern, PatternDialect.STIX_2_1);
    }

    /** Parses a pattern of the given dialect. */
    public PatternAst parse(String pattern, PatternDialect dialect) throws PatternException {
        if (pattern.length() > limits.maxStringLength()) {
            throw new PatternException(
                    pattern,
                    limits.maxStringLength(),
                    "the pattern is longer than " + limits.maxStringLength() + " characters");
        }
        checkNesting(pattern, limits.maxJsonDepth());
        try {
            List<Token> tokens = lex(pattern);
            StixPatternGrammarParser.PatternContext tree;
            try {
                tree = parser(pattern, tokens, PredictionMode.SLL).pattern();
            } catch (Failure sll) {
                // SLL can report an error where full LL would not; retry exactly before blaming the input
                try {
                    tree = parser(pattern, tokens, PredictionMode.LL).pattern();
                } catch (Failure f) {
                    throw withExpected(pattern, tokens, f);
                }
            }
            return new PatternAst(pattern, dialect, new AstBuilder(pattern, dialect).build(tree));
        } catch (Failure f) {
            throw new PatternException(pattern, f.offset, f.reason, f.expected);
        } catch (StackOverflowError | RuntimeException e) {
            // not expected: the nesting check bounds recursion; still, bad input must never escape as anything else
            throw new PatternException(
                    pattern, 0, "the pattern cannot be parsed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static List<Token> lex(String pattern) {
        StixPatternGrammarLexer lexer = new StixPatternGrammarLexer(CharStreams.fromString(pattern));
        lexer.removeErrorListeners();
        lexer.addErrorListener(new Failing(pattern));
        List<Token> tokens = new ArrayList<>();
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            tokens.add(t);
            if (t.getType() == Token.EOF) {
                return tokens;
            }
        }
    }

    private static StixPatternGrammarParser parser(String pattern, List<Token> tokens, PredictionMode mode) {
        StixPatternGrammarParser parser =
                new StixPatternGrammarParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        parser.addErrorListener(new Failing(pattern));
        parser.getInterpreter().setPredictionMode(mode);
        return parser;
    }

    /** Above this many tokens the expected tokens come from ANTLR's (less precise) follow sets. */
    private static final int MAX_TRIAL_TOKENS = 2_000;

    /**
     * The tokens that would have been accepted at the error: every token type that, put in place of the offending
     * token, lets the parser get past that position. ANTLR's own expected set after an optional construct can be
     * that of an inner rule left behind (e.g. only {@code AND, OR, ]} after {@code [a:b = 1]}); trying each type is
     * exact, and cheap for patterns of realistic size.
     */
    private static Failure withExpected(String pattern, List<Token> tokens, Failure f) {
        int at = f.tokenIndex;
        if (at < 0 || at >= tokens.size() || tokens.size() > MAX_TRIAL_TOKENS) {
            return f;
        }
        Vocabulary v = StixPatternGrammarParser.VOCABULARY;
        IntervalSet ok = new IntervalSet();
        for (int type = 1; type <= v.getMaxTokenType(); type++) {
            if (type == StixPatternGrammarLexer.InvalidCharacter
                    || type == tokens.get(at).getType()) {
                continue;
            }
            if (passes(pattern, substitute(tokens, at, type), at)) {
                ok.add(type);
            }
        }
        if (tokens.get(at).getType() != Token.EOF) {
            List<Token> cut = new ArrayList<>(tokens.subList(0, at));
            CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
            eof.setTokenIndex(at);
            cut.add(eof);
            if (passes(pattern, cut, at)) {
                ok.add(Token.EOF);
            }
        }
        if (ok.isNil()) {
            return f;
        }
        return new Failure(f.offset, f.reason, describe(ok, v), at);
    }

    private static List<Token> substitute(List<Token> tokens, int at, int type) {
        List<Token> copy = new ArrayList<>(tokens);
        CommonToken t = new CommonToken(tokens.get(at));
        t.setType(type);
        copy.set(at, t);
        if (tokens.get(at).getType() == Token.EOF) {
            CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
            eof.setTokenIndex(at + 1);
            copy.add(eof);
        }
        return copy;
    }

    /** Whether parsing {@code tokens} gets past token {@code at} (fails later, or not at all). */
    private static boolean passes(String pattern, List<Token> tokens, int at) {
        try {
            parser(pattern, tokens, PredictionMode.LL).pattern();
            return true;
        } catch (Failure g) {
            return g.tokenIndex > at;
        }
    }

    /** Rejects brackets and parentheses nested deeper than {@code max}, before the recursive-descent parser runs. */
    private static void checkNesting(String s, int max) throws PatternException {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                }
            } else if (c == '\'') {
                quoted = true;
            } else if (c == '(' || c == '[') {
                if (++depth > max) {
                    throw new PatternException(
                            s, i, "brackets and parentheses are nested deeper than " + max + " levels");
                }
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            }
        }
    }

    /** A problem found while parsing or checking; turned into a {@link PatternException} by {@link #parse}. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int offset;
        final String reason;
        final transient List<String> expected;
        /** The index of the offending token in the token stream, or -1. */
        final int tokenIndex;

        Failure(int offset, String reason, List<String> expected, int tokenIndex) {
            super(reason, null, false, false);
            this.offset = offset;
            this.reason = reason;
            this.expected = expected;
            this.tokenIndex = tokenIndex;
        }

        Failure(int offset, String reason, List<String> expected) {
            this(offset, reason, expected, -1);
        }

        Failure(int offset, String reason) {
            this(offset, reason, List.of());
        }
    }

    /** Converts a code point index (ANTLR's) into a char offset. */
    static int charOffset(String text, int codePointIndex) {
        if (codePointIndex <= 0) {
            return 0;
        }
        int cps = text.codePointCount(0, text.length());
        if (codePointIndex >= cps) {
            return text.length();
        }
        return text.offsetByCodePoints(0, codePointIndex);
    }

    /** Stops at the first syntax error, recording where it is and what was expected. */
    private static final class Failing extends BaseErrorListener {
        private final String text;

        Failing(String text) {
            this.text = text;
        }

        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer,
                @Nullable Object offendingSymbol,
                int line,
                int charPositionInLine,
                String msg,
                @Nullable RecognitionException e) {
            if (!(recognizer instanceof Parser) || !(offendingSymbol instanceof Token)) {
                throw new Failure(0, "cannot read the pattern: " + msg);
            }
            Parser parser = (Parser) recognizer;
            Token t = (Token) offendingSymbol;
            IntervalSet expectedSet = null;
            try {
                expectedSet =
                        e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
            } catch (RuntimeException ignored) {
                // no expectation available at this state
            }
            List<String> expected = describe(expectedSet, parser.getVocabulary());
            int offset = t.getType() == Token.EOF ? text.length() : charOffset(text, t.getStartIndex());
            String reason;
            if (msg.startsWith("missing ") && !expected.isEmpty()) {
                reason = "missing " + expected.get(0) + " before " + display(t);
            } else {
                reason = "unexpected " + display(t);
            }
            throw new Failure(offset, reason, expected, t.getTokenIndex());
        }
    }

    static String display(Token t) {
        if (t.getType() == Token.EOF) {
            return "end of pattern";
        }
        String text = t.getText();
        if (t.getType() == StixPatternGrammarLexer.InvalidCharacter) {
            if (text.equals("'")) {
                return "quote: unterminated string literal";
            }
            int cp = text.codePointAt(0);
            return String.format(Locale.ROOT, "character '%s' (U+%04X)", Character.isISOControl(cp) ? "?" : text, cp);
        }
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return "'" + text + "'";
    }

    private static final String[][] FRIENDLY = {
        {"StringLiteral", "string literal"},
        {"TimestampLiteral", "timestamp literal t'...'"},
        {"BinaryLiteral", "binary literal b'...'"},
        {"HexLiteral", "hex literal h'...'"},
        {"IntPosLiteral", "integer"},
        {"IntNegLiteral", "negative integer"},
        {"FloatPosLiteral", "float"},
        {"FloatNegLiteral", "negative float"},
        {"BoolLiteral", "true or false"},
        {"IdentifierWithoutHyphen", "name"},
        {"IdentifierWithHyphen", "object type"},
        {"EQ", "'='"},
        {"NEQ", "'!='"},
    };

    private static List<String> describe(@Nullable IntervalSet set, Vocabulary v) {
        if (set == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int type : set.toList()) {
            if (type == Token.EOF) {
                out.add("end of pattern");
                continue;
            }
            if (type == Token.EPSILON || type <= 0) {
                continue;
            }
            String literal = v.getLiteralName(type);
            if (literal != null) {
                out.add(literal);
                continue;
            }
            String sym = v.getSymbolicName(type);
            if (sym == null || sym.equals("InvalidCharacter")) {
                continue;
            }
            String friendly = sym;
            for (String[] f : FRIENDLY) {
                if (f[0].equals(sym)) {
                    friendly = f[1];
                }
            }
            out.add(friendly);
        }
        return new ArrayList<>(out);
    }
}
