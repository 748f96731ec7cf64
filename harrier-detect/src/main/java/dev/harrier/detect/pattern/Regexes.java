package dev.harrier.detect.pattern;

import java.text.Normalizer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * PCRE (what {@code MATCHES} takes) to {@link java.util.regex}, and LIKE to a regular expression.
 *
 * <p>The two dialects agree on nearly everything patterns use; the translation covers the rest that is cheap to
 * cover: Python/PCRE named groups {@code (?P<n>...)} and back references {@code (?P=n)}, POSIX classes
 * {@code [[:alpha:]]}, and a left brace that does not start a quantifier (PCRE takes it literally, Java refuses it).
 */
final class Regexes {
    private Regexes() {}

    /** A MATCHES regex compiled for string values: DOTALL, Unicode character classes (PCRE's UCP). */
    static Pattern forStrings(String pcre) {
        return Pattern.compile(
                translate(Normalizer.normalize(pcre, Normalizer.Form.NFC)),
                Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** A MATCHES regex compiled for binary values (octets as U+0000..U+00FF): DOTALL, no Unicode flag. */
    static Pattern forBytes(String pcre) {
        return Pattern.compile(translate(pcre), Pattern.DOTALL);
    }

    /** Null when the regex compiles, else Java's reason. */
    static @Nullable String problem(String pcre) {
        try {
            forStrings(pcre);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "");
        } catch (RuntimeException | StackOverflowError e) {
            return "the regular expression cannot be compiled";
        }
    }

    /** A LIKE pattern ({@code %} any run, {@code _} any one character) as a whole-string regex. */
    static Pattern like(String like) {
        String s = Normalizer.normalize(like, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '%' || cp == '_') {
                if (lit.length() > 0) {
                    sb.append(Pattern.quote(lit.toString()));
                    lit.setLength(0);
                }
                sb.append(cp == '%' ? ".*" : ".");
            } else {
                lit.appendCodePoint(cp);
            }
        }
        if (lit.length() > 0) {
            sb.append(Pattern.quote(lit.toString()));
        }
        return Pattern.compile(sb.toString(), Pattern.DOTALL);
    }

    static String translate(String re) {
        StringBuilder out = new StringBuilder(re.length() + 8);
        boolean inClass = false;
        int n = re.length();
        for (int i = 0; i < n; i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                out.append(c);
                if (i + 1 < n) {
                    char d = re.charAt(++i);
                    out.append(d);
                    if (d == 'Q') {
                        int end = re.indexOf("\\E", i + 1);
                        int stop = end < 0 ? n : end + 2;
                        out.append(re, i + 1, stop);
                        i = stop - 1;
                    }
                }
                continue;
            }
            if (inClass) {
                if (c == '[' && re.startsWith("[:", i)) {
                    int end = re.indexOf(":]", i + 2);
                    if (end > 0) {
                        String name = re.substring(i + 2, end);
                        boolean neg = name.startsWith("^");
                        String cls = posix(neg ? name.substring(1) : name);
                        if (cls != null) {
                            out.append(neg ? "\\P{" : "\\p{").append(cls).append('}');
                            i = end + 1;
                            continue;
                        }
                    }
                }
                if (c == '[') {
                    // a literal '[' inside a class: PCRE allows it bare, Java would open a nested class
                    out.append("\\[");
                    continue;
                }
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                // a ']' right after '[' or '[^' is a literal in PCRE
                if (i + 1 < n && re.charAt(i + 1) == '^') {
                    out.append('^');
                    i++;
                }
                if (i + 1 < n && re.charAt(i + 1) == ']') {
                    out.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '(' && re.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 3;
                continue;
            }
            if (c == '(' && re.startsWith("(?P=", i)) {
                int end = re.indexOf(')', i);
                if (end > 0) {
                    out.append("\\k<").append(re, i + 4, end).append('>');
                    i = end;
                    continue;
                }
            }
            if (c == '{' && !quantifierAt(re, i)) {
                out.append("\\{");
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean quantifierAt(String re, int i) {
        int j = i + 1;
        int n = re.length();
        int digits = 0;
        while (j < n && Character.isDigit(re.charAt(j)) && re.charAt(j) < 128) {
            j++;
            digits++;
        }
        if (digits == 0) {
            return false;
        }
        if (j < n && re.charAt(j) == ',') {
            j++;
            while (j < n && re.charAt(j) >= '0' && re.charAt(j) <= '9') {
                j++;
            }
        }
        return j < n && re.charAt(j) == '}';
    }

    private static @Nullable String posix(String name) {
        switch (name) {
            case "alpha":
                return "Alpha";
            case "digit":
                return "Digit";
            case "alnum":
                return "Alnum";
            case "upper":
                return "Upper";
            case "lower":
                return "Lower";
            case "space":
                return "Space";
            case "punct":
                return "Punct";
            case "xdigit":
                return "XDigit";
            case "cntrl":
                return "Cntrl";
            case "print":
                return "Print";
            case "graph":
                return "Graph";
            case "blank":
                return "Blank";
            case "ascii":
                return "ASCII";
            default:
                return null;
        }
    }
}
