package dev.harrier.detect.sigma;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** Reads event values as numbers: JSON numbers, and strings of decimal digits (with sign and fraction) or hex. */
final class Numbers {
    private Numbers() {}

    static @Nullable BigDecimal parse(Object v) {
        if (v instanceof BigDecimal bd) {
            return bd;
        }
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof Integer i) {
            return BigDecimal.valueOf(i);
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (!(v instanceof String s)) {
            return null;
        }
        String t = s.trim();
        if (t.isEmpty() || t.length() > 40) {
            return null;
        }
        if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
            try {
                return new BigDecimal(new java.math.BigInteger(t.substring(2), 16));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        char c = t.charAt(0);
        if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.')) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
