package dev.harrier.detect.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.detect.pattern.PatternAst.BinaryLiteral;
import dev.harrier.detect.pattern.PatternAst.BoolLiteral;
import dev.harrier.detect.pattern.PatternAst.FloatLiteral;
import dev.harrier.detect.pattern.PatternAst.IntLiteral;
import dev.harrier.detect.pattern.PatternAst.Literal;
import dev.harrier.detect.pattern.PatternAst.StringLiteral;
import dev.harrier.detect.pattern.PatternAst.TimestampLiteral;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A comparison operator with its constant, applied to one selected value.
 *
 * <p>{@link #test} answers {@link #TRUE}, {@link #FALSE} or {@link #ABSENT}. ABSENT means the value cannot be
 * obtained (a {@code _bin} property that is not base64, a regex that ran out of budget): the specification makes
 * such comparisons false whatever the operator, so NOT does not turn them true. Values of a type the constant cannot
 * be compared with give FALSE, except for {@code !=}, which gives TRUE (STIX 2.1 9.6.1); NOT then negates as usual.
 */
abstract class Pred {
    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int ABSENT = -1;

    abstract int test(JsonNode value, int encoding);

    /** The value as octets if the path marks it binary ({@code _bin}, {@code _hex}); null if not binary. */
    static byte @Nullable [] octets(JsonNode v, int enc) {
        if (enc == PathWalker.BIN) {
            return v.isTextual() ? Values.base64(v.textValue()) : null;
        }
        if (enc == PathWalker.HEX) {
            return v.isTextual() ? Values.hex(v.textValue()) : null;
        }
        return null;
    }

    static boolean binary(int enc) {
        return enc == PathWalker.BIN || enc == PathWalker.HEX;
    }

    /** A typed constant, prepared for fast comparison. */
    static final class Constant {
        final Literal literal;
        final @Nullable String string;
        final byte @Nullable [] bytes;
        final @Nullable Object number;
        final @Nullable Boolean bool;
        final @Nullable Ts ts;

        Constant(Literal l) {
            literal = l;
            String s = null;
            byte[] b = null;
            Object num = null;
            Boolean bo = null;
            Ts t = null;
            if (l instanceof StringLiteral sl) {
                s = sl.value();
                b = Values.latin1(s);
            } else if (l instanceof BinaryLiteral bl) {
                b = bl.bytes();
                s = Values.fromLatin1(b);
            } else if (l instanceof IntLiteral il) {
                num = il.value();
            } else if (l instanceof FloatLiteral fl) {
                num = fl.value().doubleValue();
            } else if (l instanceof BoolLiteral bol) {
                bo = bol.value();
            } else if (l instanceof TimestampLiteral tl) {
                t = Ts.parse(tl.value());
            }
            string = s;
            bytes = b;
            number = num;
            bool = bo;
            ts = t;
        }

        boolean isString() {
            return literal instanceof StringLiteral;
        }

        boolean isBinary() {
            return literal instanceof BinaryLiteral;
        }

        /** Equality (STIX 2.1 9.6: with the string/binary/hex and int/float coercions); null: value unobtainable. */
        @Nullable
        Boolean equalTo(JsonNode v, int enc) {
            if (binary(enc)) {
                byte[] o = octets(v, enc);
                if (o == null) {
                    return null;
                }
                // string and binary constants compare as octets; anything else is another type
                return (isString() || isBinary()) && bytes != null && Arrays.equals(o, bytes);
            }
            if (string != null) {
                // a string constant equals the same text; a binary one equals a string of the same octets
                return v.isTextual() && v.textValue().equals(string);
            }
            if (number != null) {
                Object n = Values.number(v);
                return n != null && Values.compareNumbers(n, number) == 0;
            }
            if (bool != null) {
                return v.isBoolean() && v.booleanValue() == bool;
            }
            if (ts != null) {
                Ts o = v.isTextual() ? Ts.parse(v.textValue()) : null;
                return o != null && o.equals(ts);
            }
            return false;
        }

        /** Order of the value against the constant; INCOMPARABLE when the types do not compare. */
        int compare(JsonNode v, int enc) {
            if (binary(enc)) {
                byte[] o = octets(v, enc);
                if (o == null) {
                    return UNOBTAINABLE;
                }
                return (isString() || isBinary()) && bytes != null ? sign(Values.compareBytes(o, bytes)) : INCOMPARABLE;
            }
            if (isString()) {
                return v.isTextual() ? sign(Values.compareCodePoints(v.textValue(), string)) : INCOMPARABLE;
            }
            if (isBinary()) {
                byte[] o = v.isTextual() ? Values.latin1(v.textValue()) : null;
                return o != null ? sign(Values.compareBytes(o, bytes)) : INCOMPARABLE;
            }
            if (number != null) {
                Object n = Values.number(v);
                return n != null ? sign(Values.compareNumbers(n, number)) : INCOMPARABLE;
            }
            if (ts != null) {
                Ts o = v.isTextual() ? Ts.parse(v.textValue()) : null;
                return o != null ? sign(o.compareTo(ts)) : INCOMPARABLE;
            }
            return INCOMPARABLE;
        }
    }

    static final int INCOMPARABLE = 2;
    static final int UNOBTAINABLE = 3;

    private static int sign(int c) {
        return Integer.signum(c);
    }

    /** {@code =} and {@code !=}. */
    static final class Equal extends Pred {
        final Constant constant;
        final boolean notEqual;

        Equal(Literal l, boolean notEqual) {
            this.constant = new Constant(l);
            this.notEqual = notEqual;
        }

        @Override
        int test(JsonNode value, int encoding) {
            Boolean eq = constant.equalTo(value, encoding);
            if (eq == null) {
                return ABSENT;
            }
            return eq != notEqual ? TRUE : FALSE;
        }
    }

    /** {@code <}, {@code <=}, {@code >}, {@code >=}. */
    static final class Order extends Pred {
        private final Constant constant;
        private final PatternAst.Operator op;

        Order(Literal l, PatternAst.Operator op) {
            this.constant = new Constant(l);
            this.op = op;
        }

        @Override
        int test(JsonNode value, int encoding) {
            int c = constant.compare(value, encoding);
            if (c == UNOBTAINABLE) {
                return ABSENT;
            }
            if (c == INCOMPARABLE) {
                return FALSE;
            }
            boolean r;
            switch (op) {
                case LT:
                    r = c < 0;
                    break;
                case LE:
                    r = c <= 0;
                    break;
                case GT:
                    r = c > 0;
                    break;
                default:
                    r = c >= 0;
            }
            return r ? TRUE : FALSE;
        }
    }

    /** {@code IN (a, b, c)}: equal to one member. */
    static final class In extends Pred {
        final Constant[] members;

        In(List<Literal> values) {
            members = new Constant[values.size()];
            for (int i = 0; i < members.length; i++) {
                members[i] = new Constant(values.get(i));
            }
        }

        @Override
        int test(JsonNode value, int encoding) {
            for (Constant m : members) {
                Boolean eq = m.equalTo(value, encoding);
                if (eq == null) {
                    return ABSENT;
                }
                if (eq) {
                    return TRUE;
                }
            }
            return FALSE;
        }
    }

    /** The text a LIKE or MATCHES runs on: NFC-normalized strings, octets as U+0000..U+00FF; null if neither. */
    private static @Nullable CharSequence subject(JsonNode v, int enc, boolean[] isBinary) {
        if (binary(enc)) {
            byte[] o = octets(v, enc);
            isBinary[0] = true;
            return o == null ? null : Values.fromLatin1(o);
        }
        if (!v.isTextual()) {
            return null;
        }
        String s = v.textValue();
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** {@code LIKE}: SQL wildcards over the whole value. */
    static final class Like extends Pred {
        private final Pattern pattern;

        Like(String like) {
            pattern = Regexes.like(like);
        }

        @Override
        int test(JsonNode value, int encoding) {
            boolean[] bin = new boolean[1];
            CharSequence s = subject(value, encoding, bin);
            if (s == null) {
                return bin[0] ? ABSENT : FALSE;
            }
            try {
                return pattern.matcher(new Budgeted(s)).matches() ? TRUE : FALSE;
            } catch (Budgeted.Exhausted e) {
                return ABSENT;
            }
        }
    }

    /** {@code MATCHES}: a PCRE-style search (not a whole-string match), DOTALL. */
    static final class Matches extends Pred {
        private final Pattern forStrings;
        private final @Nullable Pattern forBytes;

        Matches(String regex) {
            forStrings = Regexes.forStrings(regex);
            Pattern b = null;
            if (Values.latin1(regex) != null) {
                b = Regexes.forBytes(regex);
            }
            forBytes = b;
        }

        @Override
        int test(JsonNode value, int encoding) {
            boolean[] bin = new boolean[1];
            CharSequence s = subject(value, encoding, bin);
            if (s == null) {
                return bin[0] ? ABSENT : FALSE;
            }
            Pattern p = bin[0] ? forBytes : forStrings;
            if (p == null) {
                // a regex with code points above U+00FF cannot run on octets: no match
                return FALSE;
            }
            try {
                return p.matcher(new Budgeted(s)).find() ? TRUE : FALSE;
            } catch (Budgeted.Exhausted e) {
                return ABSENT;
            }
        }
    }

    /** {@code ISSUBSET} / {@code ISSUPERSET} on IP addresses and CIDRs. */
    static final class Subnet extends Pred {
        final IpNet net;
        private final boolean subset;

        boolean isSubset() {
            return subset;
        }

        Subnet(String cidr, boolean subset) {
            IpNet n = IpNet.parse(cidr);
            if (n == null) {
                throw new IllegalArgumentException("not an IP address or CIDR: " + cidr);
            }
            this.net = n;
            this.subset = subset;
        }

        @Override
        int test(JsonNode value, int encoding) {
            if (binary(encoding) || !value.isTextual()) {
                return FALSE;
            }
            IpNet v = IpNet.parse(value.textValue());
            if (v == null) {
                return FALSE;
            }
            return (subset ? v.within(net) : net.within(v)) ? TRUE : FALSE;
        }
    }

    /**
     * A char sequence that stops a regular expression after a budget of character reads proportional to its
     * length, so a catastrophic backtracking regex costs bounded time per value (the comparison then counts as not
     * obtainable).
     */
    static final class Budgeted implements CharSequence {
        private final CharSequence s;
        private final long[] left;

        Budgeted(CharSequence s) {
            this(s, new long[] {1_000_000L + 1_000L * s.length()});
        }

        private Budgeted(CharSequence s, long[] left) {
            this.s = s;
            this.left = left;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new Exhausted();
            }
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(s.subSequence(start, end), left);
        }

        @Override
        public String toString() {
            return s.toString();
        }

        static final class Exhausted extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Exhausted() {
                super("regex budget exhausted", null, false, false);
            }
        }
    }
}
