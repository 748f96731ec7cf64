package dev.harrier.detect.sigma;

import dev.harrier.telemetry.Event;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A deliberately simple, slow, independent interpreter of a parsed {@link SigmaRule} against an {@link Event}: the
 * oracle of {@link PrefilterPropertyTest}. It shares no code with the engine's matchers (no {@code SigmaString}, no
 * {@code StringMatcher}, no {@code Node}, no needles, no indexes); it only reads the parser's AST.
 *
 * <p>Every Sigma string pattern becomes one {@link Pattern}: literals quoted, {@code *} → {@code .*}, {@code ?} →
 * {@code .}, {@link Pattern#DOTALL}, {@link Pattern#CASE_INSENSITIVE} | {@link Pattern#UNICODE_CASE} unless
 * {@code cased}, tested with {@link java.util.regex.Matcher#matches()} (anchored); {@code contains}, {@code startswith},
 * {@code endswith} and keywords add {@code .*} on the open sides.
 *
 * <p><b>Case folding.</b> The engine lower-cases both sides with {@code String.toLowerCase(Locale.ROOT)}, whereas a
 * case-insensitive regex compares code point by code point with simple case folding. The two agree on ASCII and on
 * letters with a simple one-to-one case mapping such as {@code é/É}, {@code ü/Ü}, {@code ж/Ж}, but not on {@code İ}
 * (lower-cases to two chars), {@code ß}, the final sigma, the Kelvin sign and the like. The property test's generators
 * therefore only use ASCII letters and digits, {@code \ - / . : _ * ?}, space and line feed, the dashes {@code – — ―}, and
 * {@code é É ü Ü ж Ж}; this evaluator is only claimed to agree with the engine on that alphabet.
 *
 * <p>Supported subset (what the generators produce): logsource {@code category: process_creation, product: windows}
 * only (Sysmon channel, EventID 1; or Security channel, EventID 4688 with {@code Image}/{@code ParentImage} read from
 * {@code NewProcessName}/{@code ParentProcessName}); keyword lists; field maps with the modifiers {@code contains},
 * {@code startswith}, {@code endswith}, {@code all}, {@code cased}, {@code windash}, {@code re} (+{@code i}),
 * {@code exists}, {@code neq}; string, number and null values; every condition form. Anything else throws
 * {@link UnsupportedOperationException}.
 */
final class NaiveSigmaEvaluator {
    static final String SYSMON_CHANNEL = "Microsoft-Windows-Sysmon/Operational";
    static final String SECURITY_CHANNEL = "Security";

    private static final String DASH_CLASS = "[-/\u2013\u2014\u2015]";
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");

    private NaiveSigmaEvaluator() {}

    /** Whether {@code rule} matches {@code event}. */
    static boolean matches(SigmaRule rule, Event event) {
        Optional<Map<String, Boolean>> searches = searchResults(rule, event);
        if (searches.isEmpty()) {
            return false;
        }
        for (Condition c : rule.detection().conditions()) {
            if (eval(c, searches.get(), rule.detection())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The truth of every search identifier of {@code rule} on {@code event}, in detection order, or empty when the
     * rule's logsource does not cover the event.
     */
    static Optional<Map<String, Boolean>> searchResults(SigmaRule rule, Event event) {
        LogSource ls = rule.logsource();
        if (!"process_creation".equals(ls.category()) || !"windows".equals(ls.product()) || ls.service() != null) {
            throw new UnsupportedOperationException("only process_creation/windows rules: " + ls);
        }
        Object channel = event.fields().get("Channel");
        Object id = event.fields().get("EventID");
        long eventId = id instanceof Long l ? l : -1;
        Map<String, String> renames;
        if (channel instanceof String c && c.equalsIgnoreCase(SYSMON_CHANNEL) && eventId == 1) {
            renames = Map.of();
        } else if (channel instanceof String c && c.equalsIgnoreCase(SECURITY_CHANNEL) && eventId == 4688) {
            renames = Map.of("Image", "NewProcessName", "ParentImage", "ParentProcessName");
        } else {
            return Optional.empty();
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (SearchIdentifier s : rule.detection().searches().values()) {
            out.put(s.name(), search(s, event, renames));
        }
        return Optional.of(out);
    }

    /** Evaluates a parsed condition given the truth of each search; {@code of} patterns are resolved here again. */
    static boolean eval(Condition c, Map<String, Boolean> searches, Detection detection) {
        if (c instanceof Condition.Ref r) {
            Boolean b = searches.get(r.name());
            if (b == null) {
                throw new IllegalArgumentException("unknown search " + r.name());
            }
            return b;
        }
        if (c instanceof Condition.Not n) {
            return !eval(n.operand(), searches, detection);
        }
        if (c instanceof Condition.And a) {
            for (Condition o : a.operands()) {
                if (!eval(o, searches, detection)) {
                    return false;
                }
            }
            return true;
        }
        if (c instanceof Condition.Or o) {
            for (Condition x : o.operands()) {
                if (eval(x, searches, detection)) {
                    return true;
                }
            }
            return false;
        }
        Condition.Of of = (Condition.Of) c;
        List<String> names = new ArrayList<>();
        for (String name : detection.searches().keySet()) {
            boolean selected = of.pattern().equals("them")
                    ? !name.startsWith("_")
                    : Pattern.matches(globToRegex(of.pattern()), name);
            if (selected) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("pattern " + of.pattern() + " selects nothing");
        }
        boolean all = of.quantifier() == Condition.Quantifier.ALL;
        for (String name : names) {
            boolean v = searches.get(name);
            if (all && !v) {
                return false;
            }
            if (!all && v) {
                return true;
            }
        }
        return all;
    }

    private static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            sb.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return sb.toString();
    }

    private static boolean search(SearchIdentifier s, Event event, Map<String, String> renames) {
        if (s.isKeywords()) {
            for (Value v : s.keywords()) {
                if (keyword(v, event)) {
                    return true;
                }
            }
            return false;
        }
        for (List<FieldMatch> map : s.fieldMaps()) {
            boolean all = true;
            for (FieldMatch fm : map) {
                if (!fieldMatch(fm, event, renames)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean keyword(Value v, Event event) {
        if (v instanceof Value.Null || v instanceof Value.Bool) {
            throw new UnsupportedOperationException("keyword " + v);
        }
        Pattern p = wildcardPattern(v.text(), true, true, false, false);
        for (Object raw : event.fields().values()) {
            for (String s : texts(raw)) {
                if (p.matcher(s).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean fieldMatch(FieldMatch fm, Event event, Map<String, String> renames) {
        if (fm.field().isEmpty()) {
            throw new UnsupportedOperationException("keyword with modifiers");
        }
        for (Modifier m : fm.modifiers()) {
            switch (m) {
                case CONTAINS, STARTSWITH, ENDSWITH, ALL, CASED, WINDASH, RE, RE_IGNORECASE, EXISTS, NEQ -> {}
                default -> throw new UnsupportedOperationException("modifier " + m);
            }
        }
        String field = renames.getOrDefault(fm.field(), fm.field());
        if (fm.has(Modifier.EXISTS)) {
            // present even when empty or JSON null (the key is there), as the engine documents
            boolean present = event.fields().containsKey(field) || event.get(field) != null;
            return present == ((Value.Bool) fm.values().get(0)).value();
        }
        boolean any = false;
        boolean every = true;
        for (Value v : fm.values()) {
            boolean r = value(fm, field, v, event);
            any |= r;
            every &= r;
        }
        if (fm.has(Modifier.NEQ)) {
            return !any; // different from every value, with or without 'all'
        }
        return fm.has(Modifier.ALL) ? every : any;
    }

    private static boolean value(FieldMatch fm, String field, Value v, Event event) {
        Object raw = event.get(field);
        if (v instanceof Value.Null) {
            return raw == null || "".equals(raw);
        }
        if (fm.has(Modifier.RE)) {
            int flags = fm.has(Modifier.RE_IGNORECASE) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
            Pattern p = Pattern.compile(v.text(), flags);
            for (String s : texts(raw)) {
                if (p.matcher(s).find()) {
                    return true;
                }
            }
            return false;
        }
        boolean stringModifiers = fm.modifiers().stream().anyMatch(m -> m != Modifier.ALL && m != Modifier.NEQ);
        if (!stringModifiers && v instanceof Value.Num n) {
            for (Object o : elements(raw)) {
                if (numberEquals(o, n)) {
                    return true;
                }
            }
            return false;
        }
        if (!stringModifiers && v instanceof Value.Bool b) {
            for (String s : texts(raw)) {
                if (s.equalsIgnoreCase(Boolean.toString(b.value()))) {
                    return true;
                }
            }
            return false;
        }
        boolean left = fm.has(Modifier.CONTAINS) || fm.has(Modifier.ENDSWITH);
        boolean right = fm.has(Modifier.CONTAINS) || fm.has(Modifier.STARTSWITH);
        Pattern p = wildcardPattern(v.text(), left, right, fm.has(Modifier.CASED), fm.has(Modifier.WINDASH));
        for (String s : texts(raw)) {
            if (p.matcher(s).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean numberEquals(@Nullable Object o, Value.Num n) {
        if (o == null || o instanceof Boolean || o instanceof Map || o instanceof List) {
            return false;
        }
        if (o instanceof Long l) {
            return BigDecimal.valueOf(l).compareTo(n.value()) == 0;
        }
        String s = o.toString();
        BigDecimal parsed = parseNumber(s);
        if (parsed != null) {
            return parsed.compareTo(n.value()) == 0;
        }
        return s.equalsIgnoreCase(n.text());
    }

    /** Decimal text (sign, fraction, exponent) or {@code 0x} hex, surrounding blanks ignored; else null. */
    static @Nullable BigDecimal parseNumber(String s) {
        String t = s.strip();
        if (HEX.matcher(t).matches()) {
            return new BigDecimal(new BigInteger(t.substring(2), 16));
        }
        if (DECIMAL.matcher(t).matches()) {
            return new BigDecimal(t);
        }
        return null;
    }

    /** The scalar elements of a value: itself, or the elements of a list (nested lists and maps skipped). */
    private static List<@Nullable Object> elements(@Nullable Object raw) {
        List<@Nullable Object> out = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof List) && !(o instanceof Map)) {
                    out.add(o);
                }
            }
        } else if (!(raw instanceof Map)) {
            out.add(raw);
        }
        return out;
    }

    /** The scalar elements of a value as text (nulls skipped). */
    private static List<String> texts(@Nullable Object raw) {
        List<String> out = new ArrayList<>();
        for (Object o : elements(raw)) {
            if (o != null) {
                out.add(o.toString());
            }
        }
        return out;
    }

    /** A token of a Sigma string pattern. */
    private record Token(char c, boolean literal) {
        boolean isWordLiteral() {
            return literal && (Character.isLetterOrDigit(c) || c == '_');
        }

        boolean isDashLiteral() {
            return literal && (c == '-' || c == '/' || c == '\u2013' || c == '\u2014' || c == '\u2015');
        }
    }

    /** The anchored regex of a Sigma string pattern. */
    static Pattern wildcardPattern(String text, boolean openLeft, boolean openRight, boolean cased, boolean windash) {
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && "*?\\".indexOf(text.charAt(i + 1)) >= 0) {
                tokens.add(new Token(text.charAt(++i), true));
            } else if (c == '*' || c == '?') {
                tokens.add(new Token(c, false));
            } else {
                tokens.add(new Token(c, true));
            }
        }
        StringBuilder re = new StringBuilder();
        if (openLeft) {
            re.append(".*");
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.literal()) {
                re.append(t.c() == '*' ? ".*" : ".");
            } else if (windash
                    && t.isDashLiteral()
                    && (i == 0 || !tokens.get(i - 1).isWordLiteral())
                    && i + 1 < tokens.size()
                    && tokens.get(i + 1).isWordLiteral()) {
                re.append(DASH_CLASS);
            } else {
                re.append(Pattern.quote(String.valueOf(t.c())));
            }
        }
        if (openRight) {
            re.append(".*");
        }
        int flags = Pattern.DOTALL;
        if (!cased) {
            flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        return Pattern.compile(re.toString(), flags);
    }
}
