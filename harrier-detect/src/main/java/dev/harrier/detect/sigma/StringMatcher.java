package dev.harrier.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Matches one string value against a compiled Sigma string pattern. Case-insensitive matchers are built from a
 * lower-cased pattern and must be given the lower-cased value; {@link #cased()} says which form to pass.
 */
abstract class StringMatcher {
    private final boolean cased;

    StringMatcher(boolean cased) {
        this.cased = cased;
    }

    /** Whether the matcher wants the value as is ({@code true}) or lower-cased ({@code false}). */
    final boolean cased() {
        return cased;
    }

    abstract boolean matches(String value);

    /**
     * Whether every value this matcher accepts contains a char outside ASCII (its pattern has a literal non-ASCII
     * char), so that values of ASCII chars only can be skipped.
     */
    boolean needsNonAscii() {
        return false;
    }

    static boolean hasNonAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return true;
            }
        }
        return false;
    }

    /** The most specific matcher for {@code pattern}. */
    static StringMatcher of(SigmaString pattern, boolean cased) {
        SigmaString p = cased ? pattern : pattern.mapLiterals(s -> s.toLowerCase(Locale.ROOT));
        List<SigmaString.Part> parts = p.parts();
        if (!p.hasWildcards()) {
            return new Equals(p.plain(), cased);
        }
        int n = parts.size();
        boolean starFirst = parts.get(0) instanceof SigmaString.Star;
        boolean starLast = parts.get(n - 1) instanceof SigmaString.Star;
        if (n == 1 && starFirst) {
            return new Any(cased);
        }
        if (n == 2 && starFirst && parts.get(1) instanceof SigmaString.Lit l) {
            return new Suffix(l.text(), cased);
        }
        if (n == 2 && starLast && parts.get(0) instanceof SigmaString.Lit l) {
            return new Prefix(l.text(), cased);
        }
        if (n == 3 && starFirst && starLast && parts.get(1) instanceof SigmaString.Lit l) {
            return new Contains(l.text(), cased);
        }
        return new Glob(parts, cased);
    }

    static final class Equals extends StringMatcher {
        private final String text;

        Equals(String text, boolean cased) {
            super(cased);
            this.text = text;
        }

        @Override
        boolean needsNonAscii() {
            return hasNonAscii(text);
        }

        @Override
        boolean matches(String value) {
            return value.equals(text);
        }
    }

    static final class Prefix extends StringMatcher {
        private final String text;

        Prefix(String text, boolean cased) {
            super(cased);
            this.text = text;
        }

        @Override
        boolean needsNonAscii() {
            return hasNonAscii(text);
        }

        @Override
        boolean matches(String value) {
            return value.startsWith(text);
        }
    }

    static final class Suffix extends StringMatcher {
        private final String text;

        Suffix(String text, boolean cased) {
            super(cased);
            this.text = text;
        }

        @Override
        boolean needsNonAscii() {
            return hasNonAscii(text);
        }

        @Override
        boolean matches(String value) {
            return value.endsWith(text);
        }
    }

    static final class Contains extends StringMatcher {
        private final String text;

        Contains(String text, boolean cased) {
            super(cased);
            this.text = text;
        }

        @Override
        boolean needsNonAscii() {
            return hasNonAscii(text);
        }

        @Override
        boolean matches(String value) {
            return value.contains(text);
        }
    }

    /** {@code *}: any value, including the empty string. */
    static final class Any extends StringMatcher {
        Any(boolean cased) {
            super(cased);
        }

        @Override
        boolean matches(String value) {
            return true;
        }
    }

    /**
     * A general wildcard pattern. Literal runs are found with {@link String#indexOf} between stars; {@code ?} consumes
     * one char. Backtracks only to the last star (the classic linear-space glob algorithm), so matching is
     * O(value × pattern) in the worst case and never exponential.
     */
    static final class Glob extends StringMatcher {
        /** Pattern as chars with {@code STAR}/{@code ONE} markers held in a parallel mask. */
        private final char[] chars;

        private final byte[] kind; // 0 literal, 1 star, 2 one

        Glob(List<SigmaString.Part> parts, boolean cased) {
            super(cased);
            List<Character> cs = new ArrayList<>();
            List<Byte> ks = new ArrayList<>();
            for (SigmaString.Part p : parts) {
                if (p instanceof SigmaString.Lit l) {
                    for (char c : l.text().toCharArray()) {
                        cs.add(c);
                        ks.add((byte) 0);
                    }
                } else {
                    cs.add('\0');
                    ks.add(p instanceof SigmaString.Star ? (byte) 1 : (byte) 2);
                }
            }
            chars = new char[cs.size()];
            kind = new byte[ks.size()];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = cs.get(i);
                kind[i] = ks.get(i);
            }
        }

        @Override
        boolean needsNonAscii() {
            for (int i = 0; i < chars.length; i++) {
                if (kind[i] == 0 && chars[i] >= 128) {
                    return true;
                }
            }
            return false;
        }

        @Override
        boolean matches(String value) {
            int v = 0;
            int p = 0;
            int starP = -1;
            int starV = 0;
            int n = value.length();
            while (v < n) {
                if (p < chars.length && kind[p] == 1) {
                    starP = p++;
                    starV = v;
                } else if (p < chars.length && (kind[p] == 2 || chars[p] == value.charAt(v))) {
                    p++;
                    v++;
                } else if (starP >= 0) {
                    p = starP + 1;
                    v = ++starV;
                } else {
                    return false;
                }
            }
            while (p < chars.length && kind[p] == 1) {
                p++;
            }
            return p == chars.length;
        }
    }
}
