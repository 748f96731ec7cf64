package dev.harrier.detect.sigma;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Compiles one {@link FieldMatch} (a field, its modifiers and values) or a keyword list into a {@link Node} plus the
 * {@link Requirement} the prefilter uses. Checks that modifiers are combined meaningfully and that values have the
 * type their modifiers need; every problem is a {@link CompileException} with the line of the match.
 */
final class MatchCompiler {
    /** A rejected match: the rule cannot be compiled. */
    static final class CompileException extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        CompileException(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    /** A compiled piece with its prefilter requirement. */
    record Compiled(Node node, Requirement requirement) {}

    /**
     * Shortest literal used as a prefilter needle. Shorter ones (a rule value of {@code '0'}) occur in nearly every
     * event, so they filter nothing and cost a match report per occurrence; such a value leaves its match without a
     * needle, and the AND around it picks a sibling's needles instead.
     */
    static final int MIN_NEEDLE = 3;

    /** Most windash variants one value may expand to. */
    static final int MAX_WINDASH_VARIANTS = 3125;

    private static final char[] DASHES = {'-', '/', '\u2013', '\u2014', '\u2015'};
    private static final Pattern PLACEHOLDER = Pattern.compile("%([^%\\s]+)%");
    private static final Set<Modifier> POSITION = EnumSet.of(Modifier.CONTAINS, Modifier.STARTSWITH, Modifier.ENDSWITH);
    private static final Set<Modifier> COMPARE = EnumSet.of(Modifier.LT, Modifier.LTE, Modifier.GT, Modifier.GTE);
    private static final Set<Modifier> TIME =
            EnumSet.of(Modifier.MINUTE, Modifier.HOUR, Modifier.DAY, Modifier.WEEK, Modifier.MONTH, Modifier.YEAR);
    private static final Set<Modifier> ENCODING =
            EnumSet.of(Modifier.UTF16LE, Modifier.UTF16BE, Modifier.UTF16, Modifier.WIDE);
    private static final Set<Modifier> BASE64 = EnumSet.of(Modifier.BASE64, Modifier.BASE64OFFSET);
    private static final Set<Modifier> REGEX_OK = EnumSet.of(
            Modifier.RE,
            Modifier.RE_IGNORECASE,
            Modifier.RE_MULTILINE,
            Modifier.RE_DOTALL,
            Modifier.ALL,
            Modifier.CASED);

    private final Placeholders placeholders;
    private final NeedleIds needleIds = new NeedleIds();
    private boolean wildcarded;

    MatchCompiler(Placeholders placeholders) {
        this.placeholders = placeholders;
    }

    /** The needles numbered so far (string tests carry their needle's id). */
    NeedleIds needleIds() {
        return needleIds;
    }

    /** Whether a placeholder became a wildcard since the last call; resets the flag. */
    boolean takeWildcarded() {
        boolean w = wildcarded;
        wildcarded = false;
        return w;
    }

    /** Compiles a keyword list: OR of the values, each searched in every field. */
    Compiled keywords(List<Value> values, int line) throws CompileException {
        return compile(new FieldMatch("", List.of(), values, line), UnaryOperator.identity());
    }

    /** Compiles a field match; {@code fieldMap} renames Sigma field names to the event's. */
    Compiled compile(FieldMatch fm, UnaryOperator<String> fieldMap) throws CompileException {
        EnumSet<Modifier> mods =
                fm.modifiers().isEmpty() ? EnumSet.noneOf(Modifier.class) : EnumSet.copyOf(fm.modifiers());
        int line = fm.line();
        boolean keyword = fm.field().isEmpty();
        String field = keyword ? "" : fieldMap.apply(fm.field());
        validate(mods, fm, keyword);
        boolean all = mods.contains(Modifier.ALL);
        if (fm.values().isEmpty()) {
            throw new CompileException(line, "'" + fm.field() + "' has no values");
        }
        if (mods.contains(Modifier.EXISTS)) {
            if (fm.values().size() != 1 || !(fm.values().get(0) instanceof Value.Bool b)) {
                throw new CompileException(line, "'" + fm.field() + "|exists' needs exactly one value, true or false");
            }
            return new Compiled(new Node.ExistsTest(field, b.value()), Requirement.NONE);
        }
        List<Compiled> parts = new ArrayList<>();
        for (Value v : fm.values()) {
            parts.add(value(fm, mods, field, keyword, v));
        }
        Compiled combined = combine(parts, all);
        if (mods.contains(Modifier.NEQ)) {
            // different from every value: NOT (any value equal)
            Compiled eq = all ? combine(parts, false) : combined;
            return new Compiled(new Node.Not(eq.node()), Requirement.NONE);
        }
        return combined;
    }

    private static Compiled combine(List<Compiled> parts, boolean all) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        // OR of plain string tests on the same field: one node with many matchers
        if (!all) {
            Compiled merged = mergeStrings(parts);
            if (merged != null) {
                return merged;
            }
        }
        List<Node> nodes = new ArrayList<>();
        Requirement req = null;
        for (Compiled c : parts) {
            nodes.add(c.node());
            req = req == null
                    ? c.requirement()
                    : all ? Requirement.and(req, c.requirement()) : Requirement.or(req, c.requirement());
        }
        return new Compiled(all ? Node.and(nodes) : Node.or(nodes), req == null ? Requirement.NONE : req);
    }

    private static @Nullable Compiled mergeStrings(List<Compiled> parts) {
        String field = null;
        Boolean cased = null;
        List<StringMatcher> matchers = new ArrayList<>();
        List<Integer> needles = new ArrayList<>();
        Requirement req = null;
        for (Compiled c : parts) {
            if (!(c.node() instanceof Node.StringTest st)) {
                return null;
            }
            if (field != null && !field.equals(st.field)) {
                return null;
            }
            field = st.field;
            StringMatcher m = st.matcher();
            if (cased != null && cased != m.cased()) {
                return null;
            }
            cased = m.cased();
            matchers.add(m);
            needles.add(st.needle());
            req = req == null ? c.requirement() : Requirement.or(req, c.requirement());
        }
        if (field == null || req == null) {
            return null;
        }
        int[] ids = needles.stream().mapToInt(Integer::intValue).toArray();
        return new Compiled(new Node.AnyStringTest(field, matchers.toArray(new StringMatcher[0]), ids), req);
    }

    private void validate(Set<Modifier> mods, FieldMatch fm, boolean keyword) throws CompileException {
        int line = fm.line();
        String name = fm.field().isEmpty() ? "keyword" : "'" + fm.field() + "'";
        if (count(mods, POSITION) > 1) {
            throw new CompileException(line, name + ": contains, startswith and endswith exclude each other");
        }
        if (count(mods, COMPARE) > 1) {
            throw new CompileException(line, name + ": only one of lt, lte, gt, gte may be used");
        }
        if (count(mods, TIME) > 1) {
            throw new CompileException(line, name + ": only one time part (minute, hour, day, week, month, year)");
        }
        if (count(mods, BASE64) > 1 || count(mods, ENCODING) > 1) {
            throw new CompileException(line, name + ": only one base64 and one utf16 encoding modifier may be used");
        }
        if (count(mods, ENCODING) == 1 && count(mods, BASE64) == 0) {
            throw new CompileException(
                    line, name + ": utf16le/utf16be/utf16/wide only work before base64 or base64offset");
        }
        boolean regexFlag = mods.contains(Modifier.RE_IGNORECASE)
                || mods.contains(Modifier.RE_MULTILINE)
                || mods.contains(Modifier.RE_DOTALL);
        if (regexFlag && !mods.contains(Modifier.RE)) {
            throw new CompileException(line, name + ": i, m and s are sub-modifiers of re");
        }
        if (mods.contains(Modifier.RE) && !allowedOnly(mods, REGEX_OK)) {
            throw new CompileException(line, name + ": re cannot be combined with " + others(mods, REGEX_OK));
        }
        if (mods.contains(Modifier.CIDR) && !allowedOnly(mods, EnumSet.of(Modifier.CIDR, Modifier.ALL, Modifier.NEQ))) {
            throw new CompileException(
                    line,
                    name + ": cidr cannot be combined with "
                            + others(mods, EnumSet.of(Modifier.CIDR, Modifier.ALL, Modifier.NEQ)));
        }
        if (mods.contains(Modifier.EXISTS) && mods.size() > 1) {
            throw new CompileException(line, name + ": exists cannot be combined with other modifiers");
        }
        Set<Modifier> numeric = EnumSet.copyOf(COMPARE);
        numeric.addAll(TIME);
        if (count(mods, numeric) > 0) {
            Set<Modifier> ok = EnumSet.copyOf(numeric);
            ok.add(Modifier.ALL);
            ok.add(Modifier.NEQ);
            if (!allowedOnly(mods, ok)) {
                throw new CompileException(
                        line, name + ": numeric and time modifiers cannot be combined with " + others(mods, ok));
            }
        }
        if (mods.contains(Modifier.FIELDREF)) {
            Set<Modifier> ok = EnumSet.of(Modifier.FIELDREF, Modifier.ALL, Modifier.NEQ, Modifier.CASED);
            ok.addAll(POSITION);
            if (!allowedOnly(mods, ok)) {
                throw new CompileException(line, name + ": fieldref cannot be combined with " + others(mods, ok));
            }
        }
        if (keyword
                && (mods.contains(Modifier.EXISTS)
                        || mods.contains(Modifier.FIELDREF)
                        || count(mods, numeric) > 0
                        || mods.contains(Modifier.CIDR)
                        || mods.contains(Modifier.NEQ))) {
            throw new CompileException(
                    line, "keyword searches cannot use exists, fieldref, cidr, neq or numeric modifiers");
        }
    }

    private static int count(Set<Modifier> mods, Set<Modifier> group) {
        int n = 0;
        for (Modifier m : mods) {
            if (group.contains(m)) {
                n++;
            }
        }
        return n;
    }

    private static boolean allowedOnly(Set<Modifier> mods, Set<Modifier> ok) {
        return ok.containsAll(mods);
    }

    private static String others(Set<Modifier> mods, Set<Modifier> ok) {
        List<String> out = new ArrayList<>();
        for (Modifier m : mods) {
            if (!ok.contains(m)) {
                out.add(m.token());
            }
        }
        return String.join(", ", out);
    }

    private Compiled value(FieldMatch fm, Set<Modifier> mods, String field, boolean keyword, Value v)
            throws CompileException {
        int line = fm.line();
        String name = keyword ? "keyword" : "'" + fm.field() + "'";
        if (v instanceof Value.Null) {
            if (keyword) {
                throw new CompileException(line, "a keyword cannot be null");
            }
            if (!mods.isEmpty() && !mods.equals(EnumSet.of(Modifier.NEQ)) && !mods.equals(EnumSet.of(Modifier.ALL))) {
                throw new CompileException(line, name + ": null cannot be used with modifiers " + mods);
            }
            return new Compiled(new Node.NullTest(field), Requirement.NONE);
        }
        if (mods.contains(Modifier.FIELDREF)) {
            if (!(v instanceof Value.Str s) || s.value().isEmpty()) {
                throw new CompileException(line, withModifier(name, "fieldref") + " needs field names as values");
            }
            Node.FieldRefTest.Mode mode = mods.contains(Modifier.CONTAINS)
                    ? Node.FieldRefTest.Mode.CONTAINS
                    : mods.contains(Modifier.STARTSWITH)
                            ? Node.FieldRefTest.Mode.STARTSWITH
                            : mods.contains(Modifier.ENDSWITH)
                                    ? Node.FieldRefTest.Mode.ENDSWITH
                                    : Node.FieldRefTest.Mode.EQUALS;
            return new Compiled(
                    new Node.FieldRefTest(field, s.value(), mode, mods.contains(Modifier.CASED)), Requirement.NONE);
        }
        Modifier timePart = first(mods, TIME);
        Modifier compare = first(mods, COMPARE);
        if (timePart != null || compare != null) {
            BigDecimal n = number(v);
            if (n == null) {
                throw new CompileException(line, name + ": '" + v.text() + "' is not a number");
            }
            return new Compiled(new Node.CompareTest(field, compare, n, timePart), Requirement.NONE);
        }
        if (mods.contains(Modifier.CIDR)) {
            try {
                Cidr c = Cidr.parse(v.text());
                return new Compiled(new Node.CidrTest(field, c), Requirement.NONE);
            } catch (IllegalArgumentException e) {
                throw new CompileException(line, withModifier(name, "cidr") + ": " + e.getMessage());
            }
        }
        if (mods.contains(Modifier.RE)) {
            int flags = 0;
            if (mods.contains(Modifier.RE_IGNORECASE)) {
                flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            }
            if (mods.contains(Modifier.RE_MULTILINE)) {
                flags |= Pattern.MULTILINE;
            }
            if (mods.contains(Modifier.RE_DOTALL)) {
                flags |= Pattern.DOTALL;
            }
            try {
                Pattern p = Pattern.compile(v.text(), flags);
                return new Compiled(
                        keyword ? new Node.KeywordRegexTest(p) : new Node.RegexTest(field, p), Requirement.NONE);
            } catch (PatternSyntaxException e) {
                throw new CompileException(
                        line,
                        withModifier(name, "re") + ": invalid regular expression: " + e.getDescription()
                                + " near index " + e.getIndex() + " of '" + v.text() + "'");
            }
        }
        boolean stringMods = mods.stream().anyMatch(m -> m != Modifier.ALL && m != Modifier.NEQ);
        if (!keyword && !stringMods && v instanceof Value.Num num) {
            Set<Long> ids = null;
            if (field.equals("EventID") && num.value().stripTrailingZeros().scale() <= 0) {
                ids = Set.of(num.value().longValue());
            }
            return new Compiled(new Node.NumberTest(field, num.value(), num.text()), new Requirement(null, ids));
        }
        if (!keyword && !stringMods && v instanceof Value.Bool b) {
            return new Compiled(new Node.BooleanTest(field, b.value()), Requirement.NONE);
        }
        return strings(fm, mods, field, keyword, v.text());
    }

    private Compiled strings(FieldMatch fm, Set<Modifier> mods, String field, boolean keyword, String text)
            throws CompileException {
        int line = fm.line();
        String name = keyword ? "keyword" : "'" + fm.field() + "'";
        List<String> texts = mods.contains(Modifier.EXPAND) ? expand(text, line, name) : List.of(text);
        boolean cased = mods.contains(Modifier.CASED);
        List<SigmaString> patterns = new ArrayList<>();
        for (String t : texts) {
            if (count(mods, BASE64) > 0) {
                SigmaString parsed = SigmaString.parse(t);
                if (parsed.hasWildcards()) {
                    throw new CompileException(line, name + ": base64 values cannot contain wildcards");
                }
                byte[] bytes = encode(parsed.plain(), mods);
                for (String b64 : mods.contains(Modifier.BASE64)
                        ? List.of(Base64.getEncoder().encodeToString(bytes))
                        : offsets(bytes)) {
                    patterns.add(SigmaString.literal(b64));
                }
                cased = true; // base64 text is case-sensitive
            } else {
                patterns.add(SigmaString.parse(t));
            }
        }
        if (mods.contains(Modifier.WINDASH)) {
            List<SigmaString> out = new ArrayList<>();
            for (SigmaString p : patterns) {
                out.addAll(windash(p, line, name));
            }
            patterns = out;
        }
        if (keyword || mods.contains(Modifier.CONTAINS)) {
            patterns.replaceAll(SigmaString::contains);
        } else if (mods.contains(Modifier.STARTSWITH)) {
            patterns.replaceAll(SigmaString::endsWithStar);
        } else if (mods.contains(Modifier.ENDSWITH)) {
            patterns.replaceAll(SigmaString::startsWithStar);
        }
        List<Compiled> parts = new ArrayList<>();
        for (SigmaString p : patterns) {
            StringMatcher m = StringMatcher.of(p, cased);
            Set<Needle> needles = null;
            int needleId = -1;
            String needle = Requirement.asciiNeedle(p.longestLiteralLower());
            if (needle.length() >= MIN_NEEDLE && field.indexOf('.') < 0) {
                Needle n = new Needle(field, needle);
                needles = Set.of(n);
                needleId = needleIds.id(n);
            }
            Node node = keyword ? new Node.KeywordTest(m) : new Node.StringTest(field, m, needleId);
            Set<Long> ids = null;
            if (field.equals("EventID") && !p.hasWildcards() && p.plain().matches("[0-9]{1,9}")) {
                ids = Set.of(Long.parseLong(p.plain()));
            }
            parts.add(new Compiled(node, new Requirement(needles, ids)));
        }
        Compiled c = combine(parts, false);
        return c;
    }

    private List<String> expand(String text, int line, String name) throws CompileException {
        List<String> out = new ArrayList<>();
        out.add("");
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        boolean any = false;
        while (m.find()) {
            any = true;
            String lit = text.substring(last, m.start());
            List<String> vals = placeholders.get(m.group(1)).orElse(null);
            List<String> next = new ArrayList<>();
            if (vals == null) {
                if (placeholders.unresolved() == Placeholders.Unresolved.REJECT) {
                    throw new CompileException(
                            line,
                            name + ": placeholder %" + m.group(1)
                                    + "% has no values (give them with --placeholders FILE)");
                }
                vals = List.of("*");
                wildcarded = true;
            }
            for (String prefix : out) {
                for (String v : vals) {
                    next.add(prefix + lit + v);
                    if (next.size() > MAX_WINDASH_VARIANTS) {
                        throw new CompileException(
                                line, name + ": placeholders expand to more than " + MAX_WINDASH_VARIANTS + " values");
                    }
                }
            }
            out = next;
            last = m.end();
        }
        if (!any) {
            throw new CompileException(
                    line, withModifier(name, "expand") + ": value '" + text + "' has no %placeholder%");
        }
        String tail = text.substring(last);
        out.replaceAll(s -> s + tail);
        return out;
    }

    private static byte[] encode(String s, Set<Modifier> mods) {
        if (mods.contains(Modifier.UTF16LE) || mods.contains(Modifier.WIDE)) {
            return s.getBytes(StandardCharsets.UTF_16LE);
        }
        if (mods.contains(Modifier.UTF16BE)) {
            return s.getBytes(StandardCharsets.UTF_16BE);
        }
        if (mods.contains(Modifier.UTF16)) {
            byte[] le = s.getBytes(StandardCharsets.UTF_16LE);
            byte[] out = new byte[le.length + 2];
            out[0] = (byte) 0xff;
            out[1] = (byte) 0xfe;
            System.arraycopy(le, 0, out, 2, le.length);
            return out;
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The three base64 forms of {@code bytes} when it starts 0, 1 or 2 bytes into a base64-encoded stream, with the
     * characters that depend on the neighbouring bytes cut off.
     */
    static List<String> offsets(byte[] bytes) {
        int[] start = {0, 2, 3};
        int[] endCut = {0, 3, 2};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[bytes.length + i];
            System.arraycopy(bytes, 0, shifted, i, bytes.length);
            String b64 = Base64.getEncoder().encodeToString(shifted);
            int cut = endCut[(bytes.length + i) % 3];
            int end = b64.length() - cut;
            if (end > start[i]) {
                out.add(b64.substring(start[i], end));
            }
        }
        return out;
    }

    /**
     * Every variant of {@code p} with each dash that starts a command-line flag (at the start or after a non-word
     * character, followed by a word character) replaced by {@code -}, {@code /}, en dash, em dash or horizontal bar.
     */
    private static List<SigmaString> windash(SigmaString p, int line, String name) throws CompileException {
        List<SigmaString> out = new ArrayList<>();
        out.add(p);
        // expand literal by literal; positions inside a literal only see that literal's neighbours
        List<SigmaString.Part> parts = p.parts();
        List<List<SigmaString.Part>> variants = new ArrayList<>();
        variants.add(new ArrayList<>());
        for (int pi = 0; pi < parts.size(); pi++) {
            SigmaString.Part part = parts.get(pi);
            List<String> forms = part instanceof SigmaString.Lit l ? dashForms(l.text()) : null;
            List<List<SigmaString.Part>> next = new ArrayList<>();
            for (List<SigmaString.Part> v : variants) {
                if (forms == null) {
                    List<SigmaString.Part> c = new ArrayList<>(v);
                    c.add(part);
                    next.add(c);
                } else {
                    for (String f : forms) {
                        List<SigmaString.Part> c = new ArrayList<>(v);
                        c.add(new SigmaString.Lit(f));
                        next.add(c);
                    }
                }
                if (next.size() > MAX_WINDASH_VARIANTS) {
                    throw new CompileException(
                            line, withModifier(name, "windash") + ": more than " + MAX_WINDASH_VARIANTS + " variants");
                }
            }
            variants = next;
        }
        out.clear();
        Set<String> seen = new HashSet<>();
        for (List<SigmaString.Part> v : variants) {
            SigmaString s = fromParts(v);
            if (seen.add(s.toString())) {
                out.add(s);
            }
        }
        return out;
    }

    private static SigmaString fromParts(List<SigmaString.Part> parts) {
        StringBuilder sb = new StringBuilder();
        for (SigmaString.Part part : parts) {
            if (part instanceof SigmaString.Lit l) {
                for (char c : l.text().toCharArray()) {
                    if (c == '*' || c == '?' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            } else {
                sb.append(part instanceof SigmaString.Star ? '*' : '?');
            }
        }
        return SigmaString.parse(sb.toString());
    }

    private static List<String> dashForms(String lit) {
        List<String> forms = new ArrayList<>();
        forms.add("");
        for (int i = 0; i < lit.length(); i++) {
            char c = lit.charAt(i);
            boolean isDash = c == '-' || c == '/' || c == '\u2013' || c == '\u2014' || c == '\u2015';
            boolean prevOk = i == 0 || !isWord(lit.charAt(i - 1));
            boolean nextOk = i + 1 < lit.length() && isWord(lit.charAt(i + 1));
            List<String> next = new ArrayList<>();
            for (String f : forms) {
                if (isDash && prevOk && nextOk) {
                    for (char d : DASHES) {
                        next.add(f + d);
                    }
                } else {
                    next.add(f + c);
                }
            }
            forms = next;
            if (forms.size() > MAX_WINDASH_VARIANTS) {
                return forms;
            }
        }
        return forms;
    }

    /** {@code 'Field'} + {@code re} → {@code 'Field|re'} (for messages). */
    private static String withModifier(String name, String modifier) {
        return name.endsWith("'") ? name.substring(0, name.length() - 1) + "|" + modifier + "'" : name + "|" + modifier;
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static @Nullable Modifier first(Set<Modifier> mods, Set<Modifier> group) {
        for (Modifier m : mods) {
            if (group.contains(m)) {
                return m;
            }
        }
        return null;
    }

    private static @Nullable BigDecimal number(Value v) {
        if (v instanceof Value.Num n) {
            return n.value();
        }
        if (v instanceof Value.Str s) {
            return Numbers.parse(s.value());
        }
        return null;
    }
}
