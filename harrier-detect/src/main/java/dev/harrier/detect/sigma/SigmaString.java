package dev.harrier.detect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Sigma string value split into literal runs and wildcards ({@code *} any sequence, {@code ?} one character),
 * with the specification's escaping: a backslash escapes a following {@code *}, {@code ?} or backslash and is
 * literal before anything else.
 */
final class SigmaString {
    /** One piece of a pattern. */
    sealed interface Part {}

    /** Literal text. */
    record Lit(String text) implements Part {}

    /** {@code *}. */
    record Star() implements Part {}

    /** {@code ?}. */
    record One() implements Part {}

    static final Star STAR = new Star();
    static final One ONE = new One();

    private final List<Part> parts;

    private SigmaString(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** Parses wildcards and escapes. */
    static SigmaString parse(String s) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == '*' || n == '?' || n == '\\') {
                    lit.append(n);
                    i++;
                    continue;
                }
                lit.append(c);
            } else if (c == '*' || c == '?') {
                if (lit.length() > 0) {
                    parts.add(new Lit(lit.toString()));
                    lit.setLength(0);
                }
                parts.add(c == '*' ? STAR : ONE);
            } else {
                lit.append(c);
            }
        }
        if (lit.length() > 0) {
            parts.add(new Lit(lit.toString()));
        }
        return new SigmaString(parts);
    }

    /** A pattern of one literal, no wildcards. */
    static SigmaString literal(String s) {
        return new SigmaString(s.isEmpty() ? List.of() : List.of(new Lit(s)));
    }

    List<Part> parts() {
        return parts;
    }

    boolean hasWildcards() {
        for (Part p : parts) {
            if (!(p instanceof Lit)) {
                return true;
            }
        }
        return false;
    }

    /** {@code *} + this + {@code *} (no doubled stars). */
    SigmaString contains() {
        return startsWithStar().endsWithStar();
    }

    /** this + {@code *}. */
    SigmaString endsWithStar() {
        if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof Star) {
            return this;
        }
        List<Part> p = new ArrayList<>(parts);
        p.add(STAR);
        return new SigmaString(p);
    }

    /** {@code *} + this. */
    SigmaString startsWithStar() {
        if (!parts.isEmpty() && parts.get(0) instanceof Star) {
            return this;
        }
        List<Part> p = new ArrayList<>();
        p.add(STAR);
        p.addAll(parts);
        return new SigmaString(p);
    }

    /** The same pattern with each literal transformed. */
    SigmaString mapLiterals(java.util.function.UnaryOperator<String> f) {
        List<Part> p = new ArrayList<>();
        for (Part part : parts) {
            p.add(part instanceof Lit l ? new Lit(f.apply(l.text())) : part);
        }
        return new SigmaString(p);
    }

    /** The concatenated literal text (only meaningful without wildcards). */
    String plain() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Lit l) {
                sb.append(l.text());
            }
        }
        return sb.toString();
    }

    /** The longest literal run, lower-cased: a string every matching value contains (case-insensitively). */
    String longestLiteralLower() {
        String best = "";
        for (Part p : parts) {
            if (p instanceof Lit l && l.text().length() > best.length()) {
                best = l.text();
            }
        }
        return best.toLowerCase(Locale.ROOT);
    }

    /** Every literal run of the pattern, lower-cased (each must occur in a matching value). */
    List<String> literalsLower() {
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Lit l) {
                out.add(l.text().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** The pattern written back with escapes, for messages. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Lit l) {
                for (int i = 0; i < l.text().length(); i++) {
                    char c = l.text().charAt(i);
                    if (c == '*' || c == '?' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            } else {
                sb.append(p instanceof Star ? '*' : '?');
            }
        }
        return sb.toString();
    }
}
