package dev.harrier.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for Sigma condition strings.
 *
 * <pre>
 * or      := and ("or" and)*
 * and     := not ("and" not)*
 * not     := "not" not | primary
 * primary := "(" or ")" | ("1" | "all") "of" (pattern | "them") | identifier
 * </pre>
 *
 * Keywords are case-insensitive. Errors carry the 0-based offset in the condition string.
 */
final class ConditionParser {
    /** A malformed condition; {@code offset} is 0-based in the condition string. */
    static final class ConditionException extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        ConditionException(int offset, String message) {
            super(message);
            this.offset = offset;
        }
    }

    private record Token(String text, int offset) {
        boolean is(String keyword) {
            return text.toLowerCase(Locale.ROOT).equals(keyword);
        }
    }

    private final String text;
    private final List<String> identifiers;
    private final int maxDepth;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int depth;

    private ConditionParser(String text, List<String> identifiers, int maxDepth) {
        this.text = text;
        this.identifiers = identifiers;
        this.maxDepth = maxDepth;
    }

    static Condition parse(String text, List<String> identifiers, int maxDepth) throws ConditionException {
        ConditionParser p = new ConditionParser(text, identifiers, maxDepth);
        p.tokenize();
        if (p.tokens.isEmpty()) {
            throw new ConditionException(0, "empty condition");
        }
        Condition c = p.or();
        if (p.pos < p.tokens.size()) {
            Token t = p.tokens.get(p.pos);
            if (t.text.equals("|")) {
                throw new ConditionException(
                        t.offset,
                        "aggregation expressions ('| count() ...') are not supported; use a correlation rule");
            }
            throw new ConditionException(t.offset, "unexpected '" + t.text + "'");
        }
        return c;
    }

    private void tokenize() {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '|') {
                tokens.add(new Token(String.valueOf(c), i));
                i++;
            } else {
                int start = i;
                while (i < n) {
                    char d = text.charAt(i);
                    if (Character.isWhitespace(d) || d == '(' || d == ')' || d == '|') {
                        break;
                    }
                    i++;
                }
                tokens.add(new Token(text.substring(start, i), start));
            }
        }
    }

    private ConditionParser.Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : new Token("", text.length());
    }

    private boolean atEnd() {
        return pos >= tokens.size();
    }

    private void enter(int offset) throws ConditionException {
        if (++depth > maxDepth) {
            throw new ConditionException(offset, "condition nested deeper than " + maxDepth);
        }
    }

    private Condition or() throws ConditionException {
        List<Condition> ops = new ArrayList<>();
        ops.add(and());
        while (!atEnd() && peek().is("or")) {
            pos++;
            ops.add(and());
        }
        return ops.size() == 1 ? ops.get(0) : new Condition.Or(ops);
    }

    private Condition and() throws ConditionException {
        List<Condition> ops = new ArrayList<>();
        ops.add(not());
        while (!atEnd() && peek().is("and")) {
            pos++;
            ops.add(not());
        }
        return ops.size() == 1 ? ops.get(0) : new Condition.And(ops);
    }

    private Condition not() throws ConditionException {
        Token t = peek();
        if (!atEnd() && t.is("not")) {
            pos++;
            enter(t.offset);
            Condition inner = not();
            depth--;
            return new Condition.Not(inner);
        }
        return primary();
    }

    private Condition primary() throws ConditionException {
        if (atEnd()) {
            throw new ConditionException(text.length(), "condition ends where an operand is expected");
        }
        Token t = tokens.get(pos);
        if (t.text.equals("(")) {
            pos++;
            enter(t.offset);
            Condition inner = or();
            depth--;
            if (atEnd() || !peek().text.equals(")")) {
                throw new ConditionException(peek().offset, "missing ')' for '(' at column " + (t.offset + 1));
            }
            pos++;
            return inner;
        }
        if (t.text.equals(")") || t.text.equals("|") || isKeyword(t)) {
            throw new ConditionException(t.offset, "unexpected '" + t.text + "' where an operand is expected");
        }
        if (pos + 1 < tokens.size() && tokens.get(pos + 1).is("of")) {
            Condition.Quantifier q;
            if (t.text.equals("1") || t.is("any")) {
                q = Condition.Quantifier.ONE;
            } else if (t.is("all")) {
                q = Condition.Quantifier.ALL;
            } else {
                throw new ConditionException(t.offset, "quantifier must be '1' or 'all', not '" + t.text + "'");
            }
            pos += 2;
            if (atEnd()) {
                throw new ConditionException(text.length(), "'of' must be followed by a pattern or 'them'");
            }
            Token target = tokens.get(pos);
            if (!target.is("them")
                    && (target.text.equals("(")
                            || target.text.equals(")")
                            || target.text.equals("|")
                            || isKeyword(target))) {
                throw new ConditionException(target.offset, "'of' must be followed by a pattern or 'them'");
            }
            pos++;
            List<String> matched = new ArrayList<>();
            if (target.is("them")) {
                for (String id : identifiers) {
                    if (!id.startsWith("_")) {
                        matched.add(id);
                    }
                }
                if (matched.isEmpty()) {
                    throw new ConditionException(target.offset, "'them' matches no search identifier");
                }
                return new Condition.Of(q, "them", matched);
            }
            for (String id : identifiers) {
                if (globMatches(target.text, id)) {
                    matched.add(id);
                }
            }
            if (matched.isEmpty()) {
                throw new ConditionException(
                        target.offset, "pattern '" + target.text + "' matches no search identifier");
            }
            return new Condition.Of(q, target.text, matched);
        }
        if (t.is("1") || t.is("all")) {
            throw new ConditionException(t.offset, "'" + t.text + "' must be followed by 'of'");
        }
        pos++;
        if (!identifiers.contains(t.text)) {
            throw new ConditionException(t.offset, "undefined search identifier '" + t.text + "'");
        }
        return new Condition.Ref(t.text);
    }

    private static boolean isKeyword(Token t) {
        return t.is("and") || t.is("or") || t.is("of") || t.is("them");
    }

    /** {@code *} matches any run of characters; everything else is literal. Iterative, no regex. */
    static boolean globMatches(String pattern, String s) {
        int p = 0;
        int i = 0;
        int star = -1;
        int mark = 0;
        while (i < s.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == s.charAt(i)) {
                p++;
                i++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = i;
            } else if (star >= 0) {
                p = star + 1;
                i = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
