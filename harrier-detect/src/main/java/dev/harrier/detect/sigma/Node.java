package dev.harrier.detect.sigma;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A compiled, immutable piece of a rule's condition, evaluated against the event in an {@link EvalContext}. Leaves
 * test one field (or, for keywords, every field) against one compiled value; inner nodes combine them.
 */
abstract class Node {
    abstract boolean eval(EvalContext ctx);

    /**
     * Adds the fields that made this (true) node true to {@code out}, with their first value; negated parts add
     * nothing.
     */
    void collect(EvalContext ctx, Map<String, String> out) {}

    /**
     * Tells the string tests of this tree which needle ids the detector's scan covers ({@code scannable[id]}), so
     * that they skip only on needles the scan looks for. Called once per node by the rule set before any evaluation;
     * idempotent.
     */
    void prepare(boolean[] scannable) {}

    /** Reports the needle ids of the string tests of this tree. */
    void needles(IntConsumer out) {}

    static final Node TRUE = new Const(true);
    static final Node FALSE = new Const(false);

    static Node and(List<Node> nodes) {
        if (nodes.size() == 1) {
            return nodes.get(0);
        }
        return nodes.isEmpty() ? TRUE : new And(nodes.toArray(new Node[0]));
    }

    static Node or(List<Node> nodes) {
        if (nodes.size() == 1) {
            return nodes.get(0);
        }
        return nodes.isEmpty() ? FALSE : new Or(nodes.toArray(new Node[0]));
    }

    static final class Const extends Node {
        private final boolean value;

        Const(boolean value) {
            this.value = value;
        }

        @Override
        boolean eval(EvalContext ctx) {
            return value;
        }
    }

    static final class And extends Node {
        final Node[] children;

        And(Node[] children) {
            this.children = children;
        }

        @Override
        void prepare(boolean[] scannable) {
            for (Node c : children) {
                c.prepare(scannable);
            }
        }

        @Override
        void needles(IntConsumer out) {
            for (Node c : children) {
                c.needles(out);
            }
        }

        @Override
        boolean eval(EvalContext ctx) {
            for (Node c : children) {
                if (!c.eval(ctx)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void collect(EvalContext ctx, Map<String, String> out) {
            for (Node c : children) {
                c.collect(ctx, out);
            }
        }
    }

    static final class Or extends Node {
        final Node[] children;

        Or(Node[] children) {
            this.children = children;
        }

        @Override
        void prepare(boolean[] scannable) {
            for (Node c : children) {
                c.prepare(scannable);
            }
        }

        @Override
        void needles(IntConsumer out) {
            for (Node c : children) {
                c.needles(out);
            }
        }

        @Override
        boolean eval(EvalContext ctx) {
            for (Node c : children) {
                if (c.eval(ctx)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        void collect(EvalContext ctx, Map<String, String> out) {
            for (Node c : children) {
                if (c.eval(ctx)) {
                    c.collect(ctx, out);
                }
            }
        }
    }

    static final class Not extends Node {
        final Node child;

        Not(Node child) {
            this.child = child;
        }

        @Override
        void prepare(boolean[] scannable) {
            child.prepare(scannable);
        }

        @Override
        void needles(IntConsumer out) {
            child.needles(out);
        }

        @Override
        boolean eval(EvalContext ctx) {
            return !child.eval(ctx);
        }
    }

    /** A leaf on one field: records the field's first value when collected. */
    abstract static class FieldLeaf extends Node {
        final String field;

        /** {@code test} on a scalar value, or on any element of an array value. */
        static boolean anyElement(@Nullable Object v, java.util.function.Predicate<@Nullable Object> test) {
            if (v instanceof List<?> list) {
                for (Object o : list) {
                    if (test.test(o)) {
                        return true;
                    }
                }
                return false;
            }
            return test.test(v);
        }

        FieldLeaf(String field) {
            this.field = field.intern(); // the readers' field names are interned: equal names are often identical
        }

        @Override
        void collect(EvalContext ctx, Map<String, String> out) {
            if (!out.containsKey(field)) {
                String[] v = ctx.values(field, true);
                out.put(field, v.length == 0 ? "" : v[0]);
            }
        }
    }

    /**
     * Any value of the field matches the string matcher. {@code needle} is the id of a {@link Needle} that occurs in
     * every matching value, or -1: when the detector's scan of the event shows the needle absent, the test is false
     * without looking at the value.
     */
    static final class StringTest extends FieldLeaf {
        private final StringMatcher matcher;
        private int needle;

        StringTest(String field, StringMatcher matcher) {
            this(field, matcher, -1);
        }

        StringTest(String field, StringMatcher matcher, int needle) {
            super(field);
            this.matcher = matcher;
            this.needle = needle;
        }

        StringMatcher matcher() {
            return matcher;
        }

        int needle() {
            return needle;
        }

        @Override
        void needles(IntConsumer out) {
            if (needle >= 0) {
                out.accept(needle);
            }
        }

        @Override
        void prepare(boolean[] scannable) {
            if (needle >= scannable.length || (needle >= 0 && !scannable[needle])) {
                needle = -1;
            }
        }

        @Override
        boolean eval(EvalContext ctx) {
            if (needle >= 0 && ctx.absent(needle, field)) {
                return false;
            }
            for (String v : ctx.values(field, matcher.cased())) {
                if (matcher.matches(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Any value of the field matches any of several string matchers of the same case mode. {@code needles[i]} is the
     * needle id of {@code matchers[i]} (-1 for none). Once the detector has scanned the event, only the matchers
     * without a scanned needle and those whose needle was found are tried: by walking the found needles when they are
     * fewer than this test's needles (a list of thousands of hashes), else by checking each needle.
     */
    static final class AnyStringTest extends FieldLeaf {
        private static final int[] NO_INTS = new int[0];

        private final StringMatcher[] matchers;
        private final int[] needles;
        private final boolean cased;
        /** After {@link #prepare}: the distinct scanned needle ids, ascending. */
        private int[] ids = NO_INTS;
        /** After {@link #prepare}: the matchers of {@code ids[j]}. */
        private int[][] byId = new int[0][];
        /** After {@link #prepare}: the matchers without a scanned needle that may match ASCII-only values. */
        private int[] free = NO_INTS;
        /** After {@link #prepare}: the matchers without a scanned needle that need a non-ASCII char (emoji lists). */
        private int[] freeNonAscii = NO_INTS;

        private boolean prepared;

        AnyStringTest(String field, StringMatcher[] matchers, int[] needles) {
            super(field);
            this.matchers = matchers;
            this.needles = needles;
            this.cased = matchers[0].cased();
        }

        @Override
        void needles(IntConsumer out) {
            for (int n : needles) {
                if (n >= 0) {
                    out.accept(n);
                }
            }
        }

        @Override
        void prepare(boolean[] scannable) {
            if (prepared) {
                return;
            }
            prepared = true;
            java.util.TreeMap<Integer, List<Integer>> posted = new java.util.TreeMap<>();
            List<Integer> rest = new java.util.ArrayList<>();
            List<Integer> restNonAscii = new java.util.ArrayList<>();
            for (int i = 0; i < matchers.length; i++) {
                int n = needles[i];
                if (n >= 0 && n < scannable.length && scannable[n]) {
                    posted.computeIfAbsent(n, k -> new java.util.ArrayList<>()).add(i);
                } else if (matchers[i].needsNonAscii()) {
                    restNonAscii.add(i);
                } else {
                    rest.add(i);
                }
            }
            freeNonAscii = restNonAscii.stream().mapToInt(Integer::intValue).toArray();
            int[] idArray = new int[posted.size()];
            int[][] lists = new int[posted.size()][];
            int j = 0;
            for (Map.Entry<Integer, List<Integer>> e : posted.entrySet()) {
                idArray[j] = e.getKey();
                lists[j++] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            }
            ids = idArray;
            byId = lists;
            free = rest.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        boolean eval(EvalContext ctx) {
            String[] values = ctx.values(field, cased);
            if (values.length == 0) {
                return false;
            }
            if (prepared && ctx.canSkip(field)) {
                for (int i : free) {
                    if (any(matchers[i], values)) {
                        return true;
                    }
                }
                if (freeNonAscii.length > 0 && nonAscii(values)) {
                    for (int i : freeNonAscii) {
                        if (any(matchers[i], values)) {
                            return true;
                        }
                    }
                }
                int found = ctx.foundCount();
                if (found < ids.length) {
                    for (int k = 0; k < found; k++) {
                        int j = java.util.Arrays.binarySearch(ids, ctx.found(k));
                        if (j >= 0 && anyOf(byId[j], values)) {
                            return true;
                        }
                    }
                } else {
                    for (int j = 0; j < ids.length; j++) {
                        if (ctx.present(ids[j]) && anyOf(byId[j], values)) {
                            return true;
                        }
                    }
                }
                return false;
            }
            for (String v : values) {
                for (StringMatcher m : matchers) {
                    if (m.matches(v)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean nonAscii(String[] values) {
            for (String v : values) {
                if (StringMatcher.hasNonAscii(v)) {
                    return true;
                }
            }
            return false;
        }

        private boolean anyOf(int[] which, String[] values) {
            for (int i : which) {
                if (any(matchers[i], values)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean any(StringMatcher m, String[] values) {
            for (String v : values) {
                if (m.matches(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A keyword: any value of any Sigma field matches. */
    static final class KeywordTest extends Node {
        private final StringMatcher matcher;

        KeywordTest(StringMatcher matcher) {
            this.matcher = matcher;
        }

        @Override
        boolean eval(EvalContext ctx) {
            for (String v : ctx.allValues(matcher.cased())) {
                if (matcher.matches(v)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        void collect(EvalContext ctx, Map<String, String> out) {
            for (Map.Entry<String, @Nullable Object> e : ctx.event().fields().entrySet()) {
                for (String v : EvalContext.strings(e.getValue())) {
                    String t = matcher.cased() ? v : v.toLowerCase(java.util.Locale.ROOT);
                    if (matcher.matches(t)) {
                        out.putIfAbsent(e.getKey(), v);
                        return;
                    }
                }
            }
        }
    }

    /** YAML null: the field is absent, null or empty. */
    static final class NullTest extends FieldLeaf {
        NullTest(String field) {
            super(field);
        }

        @Override
        boolean eval(EvalContext ctx) {
            Object v = ctx.raw(field);
            return v == null || "".equals(v);
        }

        @Override
        void collect(EvalContext ctx, Map<String, String> out) {}
    }

    /** {@code |exists}: the field is present (even if empty) or not. */
    static final class ExistsTest extends FieldLeaf {
        private final boolean expected;

        ExistsTest(String field, boolean expected) {
            super(field);
            this.expected = expected;
        }

        @Override
        boolean eval(EvalContext ctx) {
            boolean present = ctx.event().fields().containsKey(field) || ctx.raw(field) != null;
            return present == expected;
        }
    }

    /** A number: numeric equality, or equal text. */
    static final class NumberTest extends FieldLeaf {
        private final BigDecimal value;
        private final String text;
        private final long asLong;
        private final boolean integral;

        NumberTest(String field, BigDecimal value, String text) {
            super(field);
            this.value = value;
            this.text = text;
            this.integral = value.stripTrailingZeros().scale() <= 0
                    && value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0;
            this.asLong = integral ? value.longValue() : 0;
        }

        @Override
        boolean eval(EvalContext ctx) {
            return anyElement(ctx.raw(field), this::one);
        }

        private boolean one(@Nullable Object v) {
            if (v instanceof Long l) {
                return integral && l == asLong;
            }
            if (v instanceof Integer i) {
                return integral && i == asLong;
            }
            if (v == null || v instanceof Map || v instanceof Boolean) {
                return false;
            }
            BigDecimal n = Numbers.parse(v);
            if (n != null) {
                return n.compareTo(value) == 0;
            }
            return v.toString().equalsIgnoreCase(text);
        }
    }

    /** A boolean: a JSON boolean or its text, case-insensitively. */
    static final class BooleanTest extends FieldLeaf {
        private final boolean value;

        BooleanTest(String field, boolean value) {
            super(field);
            this.value = value;
        }

        @Override
        boolean eval(EvalContext ctx) {
            for (String v : ctx.values(field, false)) {
                if (v.equals(value ? "true" : "false")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code |lt}, {@code |gte}, ...; optionally on a part of a date ({@code |hour|gte}). */
    static final class CompareTest extends FieldLeaf {
        private final @Nullable Modifier op;
        private final BigDecimal value;
        private final @Nullable Modifier timePart;

        /** {@code op} null: equality (a time part on its own). */
        CompareTest(String field, @Nullable Modifier op, BigDecimal value, @Nullable Modifier timePart) {
            super(field);
            this.op = op;
            this.value = value;
            this.timePart = timePart;
        }

        @Override
        boolean eval(EvalContext ctx) {
            return anyElement(ctx.raw(field), this::one);
        }

        private boolean one(@Nullable Object v) {
            BigDecimal n;
            if (timePart != null) {
                Instant t = v == null ? null : Dates.parse(v);
                if (t == null) {
                    return false;
                }
                n = BigDecimal.valueOf(part(t, timePart));
            } else {
                n = v == null ? null : Numbers.parse(v);
            }
            if (n == null) {
                return false;
            }
            int c = n.compareTo(value);
            if (op == null) {
                return c == 0;
            }
            return switch (op) {
                case LT -> c < 0;
                case LTE -> c <= 0;
                case GT -> c > 0;
                case GTE -> c >= 0;
                default -> c == 0;
            };
        }

        static long part(Instant t, Modifier part) {
            ZonedDateTime z = t.atZone(ZoneOffset.UTC);
            return switch (part) {
                case MINUTE -> z.getMinute();
                case HOUR -> z.getHour();
                case DAY -> z.getDayOfMonth();
                case WEEK -> z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case MONTH -> z.getMonthValue();
                default -> z.getYear();
            };
        }
    }

    /** {@code |re}: any value contains a match of the regular expression. */
    static final class RegexTest extends FieldLeaf {
        private final Pattern pattern;

        RegexTest(String field, Pattern pattern) {
            super(field);
            this.pattern = pattern;
        }

        @Override
        boolean eval(EvalContext ctx) {
            for (String v : ctx.values(field, true)) {
                if (pattern.matcher(v).find()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A keyword regular expression: any value of any field. */
    static final class KeywordRegexTest extends Node {
        private final Pattern pattern;

        KeywordRegexTest(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        boolean eval(EvalContext ctx) {
            for (String v : ctx.allValues(true)) {
                if (pattern.matcher(v).find()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code |cidr}: any value is an IP address inside the network. */
    static final class CidrTest extends FieldLeaf {
        private final Cidr cidr;

        CidrTest(String field, Cidr cidr) {
            super(field);
            this.cidr = cidr;
        }

        @Override
        boolean eval(EvalContext ctx) {
            for (String v : ctx.values(field, true)) {
                if (cidr.contains(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code |fieldref}: compares the field with another field of the same event (equal, or starts with, ends with,
     * contains it with the matching modifier).
     */
    static final class FieldRefTest extends FieldLeaf {
        enum Mode {
            EQUALS,
            STARTSWITH,
            ENDSWITH,
            CONTAINS
        }

        private final String other;
        private final Mode mode;
        private final boolean cased;

        FieldRefTest(String field, String other, Mode mode, boolean cased) {
            super(field);
            this.other = other;
            this.mode = mode;
            this.cased = cased;
        }

        @Override
        boolean eval(EvalContext ctx) {
            String[] refs = ctx.values(other, cased);
            if (refs.length == 0) {
                return false;
            }
            for (String v : ctx.values(field, cased)) {
                for (String r : refs) {
                    boolean m = switch (mode) {
                        case EQUALS -> v.equals(r);
                        case STARTSWITH -> v.startsWith(r);
                        case ENDSWITH -> v.endsWith(r);
                        case CONTAINS -> v.contains(r);
                    };
                    if (m) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
