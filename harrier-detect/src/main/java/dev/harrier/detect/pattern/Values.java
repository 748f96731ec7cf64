package dev.harrier.detect.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** Conversions and orderings shared by the parser, the predicates and the index. */
final class Values {
    private Values() {}

    /** The value of an ASCII hex digit, or -1 (non-ASCII digits are not hex digits here). */
    static int hexDigit(char c) {
        return dev.harrier.core.Hex.digit(c);
    }

    /** Hex text (even length, ASCII hex digits) to bytes; null when invalid. */
    static byte @Nullable [] hex(String s) {
        if (s.length() % 2 != 0) {
            return null;
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int a = hexDigit(s.charAt(2 * i));
            int b = hexDigit(s.charAt(2 * i + 1));
            if (a < 0 || b < 0) {
                return null;
            }
            out[i] = (byte) ((a << 4) | b);
        }
        return out;
    }

    /**
     * Standard base64 (RFC 4648, padded to a multiple of four) to bytes; line feeds and carriage returns are
     * ignored; null when invalid.
     */
    static byte @Nullable [] base64(String s) {
        String t = s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                ? s.replace("\n", "").replace("\r", "")
                : s;
        if (t.length() % 4 != 0) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '+'
                    || c == '/'
                    || (c == '=' && i >= t.length() - 2);
            if (!ok) {
                return null;
            }
        }
        try {
            return Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The string as octets, one per code point, when every code point is below U+0100 (the specification's string to
     * binary mapping); null otherwise.
     */
    static byte @Nullable [] latin1(String s) {
        byte[] out = new byte[s.length()];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xff) {
                return null;
            }
            out[i] = (byte) c;
        }
        return out;
    }

    /** Octets as a string of code points U+0000..U+00FF. */
    static String fromLatin1(byte[] b) {
        char[] c = new char[b.length];
        for (int i = 0; i < b.length; i++) {
            c[i] = (char) (b[i] & 0xff);
        }
        return new String(c);
    }

    /** Binary comparison as the specification asks: unsigned octets, a longer value with the same prefix is larger. */
    static int compareBytes(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** Code point order (not UTF-16 unit order), a longer string with the same prefix is larger. */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx == sy) {
                    return x < y ? -1 : 1;
                }
                // a surrogate (a code point above U+FFFF) sorts after every BMP code point
                return sx ? 1 : -1;
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /**
     * A JSON number as a Java value: {@link Long} or {@link BigInteger} for integers, {@link Double} for floats (STIX
     * floats are IEEE doubles); null for anything that is not a number.
     */
    static @Nullable Object number(JsonNode n) {
        if (!n.isNumber()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        return n.doubleValue();
    }

    /** Exact numeric comparison of two values from {@link #number}; integers and floats compare by value. */
    static int compareNumbers(Object a, Object b) {
        if (a instanceof Long && b instanceof Long) {
            return Long.compare((Long) a, (Long) b);
        }
        if (a instanceof Double && b instanceof Double) {
            double x = (Double) a;
            double y = (Double) b;
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (a instanceof Long && b instanceof Double) {
            long x = (Long) a;
            double y = (Double) b;
            if (Math.abs(x) < (1L << 53) || Double.isInfinite(y)) {
                double dx = x;
                return dx < y ? -1 : dx > y ? 1 : 0;
            }
        } else if (a instanceof Double && b instanceof Long) {
            return -compareNumbers(b, a);
        }
        return decimal(a).compareTo(decimal(b));
    }

    private static BigDecimal decimal(Object o) {
        if (o instanceof Long) {
            return BigDecimal.valueOf((Long) o);
        }
        if (o instanceof BigInteger) {
            return new BigDecimal((BigInteger) o);
        }
        double d = (Double) o;
        if (Double.isInfinite(d)) {
            // larger (or smaller) than any integer a JSON document can hold
            return BigDecimal.TEN.pow(400).multiply(BigDecimal.valueOf(d > 0 ? 1 : -1));
        }
        return new BigDecimal(d);
    }

    /**
     * A canonical key for a number: equal values (by {@link #compareNumbers}) give equal keys, so {@code 1} and
     * {@code 1.0} share one.
     */
    static Object numberKey(Object n) {
        if (n instanceof Double) {
            double d = (Double) n;
            if (d == Math.rint(d) && !Double.isInfinite(d)) {
                if (d >= -0x1p63 && d < 0x1p63) {
                    return (long) d;
                }
                return new BigDecimal(d).toBigIntegerExact();
            }
            return n;
        }
        if (n instanceof BigInteger && ((BigInteger) n).bitLength() < 64) {
            return ((BigInteger) n).longValue();
        }
        return n;
    }
}
