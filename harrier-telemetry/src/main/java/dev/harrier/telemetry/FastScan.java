package dev.harrier.telemetry;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Allocation-free scanners over ASCII bytes for the common forms of numbers and epoch times. Each answers only for
 * the forms it is sure of; callers fall back to the exact (regex and {@link java.math.BigDecimal}) rules otherwise.
 */
final class FastScan {
    private FastScan() {}

    /** Whether {@code b[from, to)} is {@code -?[0-9]{1,20}}. */
    static boolean integer(byte[] b, int from, int to) {
        int i = from < to && b[from] == '-' ? from + 1 : from;
        int n = to - i;
        if (n < 1 || n > 20) {
            return false;
        }
        for (; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code b[from, to)} as a long; it must be an {@link #integer} of at most 18 characters. */
    static long parseLong(byte[] b, int from, int to) {
        boolean neg = b[from] == '-';
        long v = 0;
        for (int i = neg ? from + 1 : from; i < to; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return neg ? -v : v;
    }

    /**
     * Whether {@code b[from, to)} is a plain decimal {@code -?[0-9]{1,max}(\.[0-9]{0,max})?} or {@code
     * -?\.[0-9]{1,max}} (no exponent).
     */
    static boolean decimal(byte[] b, int from, int to, int max) {
        int i = from < to && b[from] == '-' ? from + 1 : from;
        int start = i;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        int whole = i - start;
        if (whole > max) {
            return false;
        }
        if (i == to) {
            return whole > 0;
        }
        if (b[i] != '.') {
            return false;
        }
        int f = ++i;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        int frac = i - f;
        return i == to && frac <= max && (whole > 0 || frac > 0);
    }

    /** Whether {@code b[from, to)} is {@code -?[0-9]{1,15}(\.[0-9]{0,30})?}, an epoch time {@link Times} takes. */
    static boolean time(byte[] b, int from, int to) {
        int i = from < to && b[from] == '-' ? from + 1 : from;
        int start = i;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        int whole = i - start;
        if (whole < 1 || whole > 15) {
            return false;
        }
        if (i == to) {
            return true;
        }
        if (b[i] != '.') {
            return false;
        }
        int f = ++i;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i == to && i - f <= 30;
    }

    /**
     * Non-negative epoch seconds with an optional fraction ({@code 1709280000.123456}) as an instant, exact to the
     * nanosecond (further digits cut off, as {@link Times#epochSeconds} does); null for any other form.
     */
    static @Nullable Instant epochSeconds(byte[] b, int from, int to) {
        if (!time(b, from, to) || b[from] == '-') {
            return null;
        }
        long sec = 0;
        int i = from;
        while (i < to && b[i] != '.') {
            sec = sec * 10 + (b[i] - '0');
            i++;
        }
        int nanos = 0;
        int digits = 0;
        for (i++; i < to && digits < 9; i++, digits++) {
            nanos = nanos * 10 + (b[i] - '0');
        }
        for (; digits < 9; digits++) {
            nanos *= 10;
        }
        return Instant.ofEpochSecond(sec, nanos);
    }
}
