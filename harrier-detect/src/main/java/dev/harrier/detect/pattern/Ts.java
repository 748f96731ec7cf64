package dev.harrier.detect.pattern;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A STIX timestamp with its full precision: whole seconds since the epoch plus the fractional digits (trailing zeros
 * dropped, any number of them). {@code 12:00:00Z}, {@code 12:00:00.0Z} and {@code 12:00:00.000000000000Z} are equal;
 * {@code .1234567891Z} and {@code .1234567892Z} are not, although an {@link Instant} could not tell them apart.
 *
 * <p>Second 60 (a leap second) is accepted and counts as the first second of the next minute.
 */
final class Ts implements Comparable<Ts> {
    private static final int[] DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private final long epochSecond;
    private final String fraction;

    private Ts(long epochSecond, String fraction) {
        this.epochSecond = epochSecond;
        this.fraction = fraction;
    }

    /** Parses {@code YYYY-MM-DDTHH:MM:SS[.s+]Z} (upper-case T and Z); null when it is not one. */
    static @Nullable Ts parse(String s) {
        return check(s) == null ? build(s) : null;
    }

    /** Null when {@code s} is a valid STIX timestamp, else what is wrong with it. */
    static @Nullable String check(String s) {
        int n = s.length();
        if (n < 20) {
            return "a timestamp has the form YYYY-MM-DDTHH:MM:SS[.fraction]Z";
        }
        if (!digits(s, 0, 4)
                || s.charAt(4) != '-'
                || !digits(s, 5, 7)
                || s.charAt(7) != '-'
                || !digits(s, 8, 10)
                || s.charAt(10) != 'T'
                || !digits(s, 11, 13)
                || s.charAt(13) != ':'
                || !digits(s, 14, 16)
                || s.charAt(16) != ':'
                || !digits(s, 17, 19)) {
            return "a timestamp has the form YYYY-MM-DDTHH:MM:SS[.fraction]Z";
        }
        int i = 19;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return "a timestamp's fraction of a second needs at least one digit";
            }
        }
        if (i != n - 1 || s.charAt(i) != 'Z') {
            return "a timestamp must end in an upper-case Z (UTC)";
        }
        int year = num(s, 0, 4);
        int month = num(s, 5, 7);
        int day = num(s, 8, 10);
        if (month < 1 || month > 12) {
            return "month " + s.substring(5, 7) + " is out of range in timestamp";
        }
        int dim = month == 2 && leap(year) ? 29 : DAYS[month - 1];
        if (day < 1 || day > dim) {
            return "day " + s.substring(8, 10) + " is out of range for " + s.substring(0, 7) + " in timestamp";
        }
        if (num(s, 11, 13) > 23) {
            return "hour " + s.substring(11, 13) + " is out of range in timestamp";
        }
        if (num(s, 14, 16) > 59) {
            return "minute " + s.substring(14, 16) + " is out of range in timestamp";
        }
        if (num(s, 17, 19) > 60) {
            return "second " + s.substring(17, 19) + " is out of range in timestamp";
        }
        return null;
    }

    private static Ts build(String s) {
        int year = num(s, 0, 4);
        int month = num(s, 5, 7);
        int day = num(s, 8, 10);
        long days = daysFromCivil(year, month, day);
        long sec = days * 86_400L + num(s, 11, 13) * 3600L + num(s, 14, 16) * 60L + num(s, 17, 19);
        String frac = "";
        if (s.charAt(19) == '.') {
            int end = s.length() - 1;
            while (end > 20 && s.charAt(end - 1) == '0') {
                end--;
            }
            frac = s.substring(20, end);
            if (frac.equals("0")) {
                frac = "";
            }
        }
        return new Ts(sec, frac);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's civil-from-days inverse). */
    private static long daysFromCivil(int y0, int m, int d) {
        long y = m <= 2 ? y0 - 1L : y0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    private static boolean leap(int y) {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    /** The instant, truncated to nanoseconds. */
    Instant instant() {
        int nanos = 0;
        for (int i = 0; i < 9; i++) {
            nanos = nanos * 10 + (i < fraction.length() ? fraction.charAt(i) - '0' : 0);
        }
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** A canonical text: equal timestamps, and only they, give equal keys. */
    String key() {
        return epochSecond + "." + fraction;
    }

    @Override
    public int compareTo(Ts o) {
        int c = Long.compare(epochSecond, o.epochSecond);
        // Digit strings without trailing zeros order like the decimal fractions they spell.
        return c != 0 ? c : fraction.compareTo(o.fraction);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Ts && ((Ts) o).epochSecond == epochSecond && ((Ts) o).fraction.equals(fraction);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(epochSecond) * 31 + fraction.hashCode();
    }

    @Override
    public String toString() {
        return key();
    }
}
