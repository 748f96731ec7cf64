package dev.harrier.intel.read;

import dev.harrier.core.StixIds;
import dev.harrier.core.StixTimestamps;

/**
 * Fast, allocation-free checks of STIX identifiers and timestamps for the hot path of the bundle reader (ATT&amp;CK
 * has about 100,000 of each). They agree with {@link StixIds} and {@link StixTimestamps}, to which the rare cases
 * (leap seconds, out-of-range fields) are delegated.
 */
final class StixSyntax {
    private StixSyntax() {}

    /** Whether {@code s} is {@code type--uuid} for a valid type name; {@link StixIds#isValidId} for any type. */
    static boolean isId(String s) {
        int sep = s.indexOf("--");
        if (sep < 3 || sep > 250 || s.length() != sep + 2 + 36) {
            return false;
        }
        return isType(s, 0, sep) && isUuid(s, sep + 2);
    }

    /** {@link StixIds#isValidId(String, String)} without regular expressions. */
    static boolean isId(String s, String type) {
        return s.length() == type.length() + 38
                && s.startsWith(type)
                && s.startsWith("--", type.length())
                && isUuid(s, type.length() + 2);
    }

    /** {@link StixIds#isValidType}: 3 to 250 of a-z, 0-9 and single hyphens, starting with a letter. */
    static boolean isType(String s) {
        return isType(s, 0, s.length());
    }

    private static boolean isType(String s, int from, int to) {
        int n = to - from;
        if (n < 3 || n > 250) {
            return false;
        }
        char first = s.charAt(from);
        char last = s.charAt(to - 1);
        if (first < 'a' || first > 'z' || last == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok || (c == '-' && s.charAt(i + 1) == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUuid(String s, int from) {
        if (s.length() - from != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** {@link StixTimestamps#isValid}: {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, a real date and time. */
    static boolean isTimestamp(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || !shape(s)) {
            return false;
        }
        if (n > 20) {
            int digits = n - 21;
            if (s.charAt(19) != '.' || digits < 1) {
                return false;
            }
            for (int i = 20; i < n - 1; i++) {
                if (!digit(s.charAt(i))) {
                    return false;
                }
            }
            if (digits > 9) {
                return StixTimestamps.isValid(s);
            }
        }
        int year = num(s, 0, 4);
        int month = num(s, 5, 7);
        int day = num(s, 8, 10);
        int hour = num(s, 11, 13);
        int minute = num(s, 14, 16);
        int second = num(s, 17, 19);
        if (month < 1
                || month > 12
                || day < 1
                || day > daysIn(year, month)
                || hour > 23
                || minute > 59
                || second > 59) {
            return StixTimestamps.isValid(s); // leap seconds and the like: let the JDK decide
        }
        return true;
    }

    /** Compares two valid timestamps by the instant they name (any precision). */
    static int compare(String a, String b) {
        if (a.charAt(17) == '6' || b.charAt(17) == '6') {
            return StixTimestamps.sortKey(a).compareTo(StixTimestamps.sortKey(b));
        }
        int c = a.substring(0, 19).compareTo(b.substring(0, 19));
        if (c != 0) {
            return c;
        }
        return fraction(a).compareTo(fraction(b));
    }

    private static String fraction(String s) {
        String f = s.length() > 20 ? s.substring(20, s.length() - 1) : "";
        return (f + "000000000").substring(0, 9);
    }

    private static boolean shape(String s) {
        for (int i = 0; i < 19; i++) {
            char c = s.charAt(i);
            boolean ok;
            switch (i) {
                case 4, 7 -> ok = c == '-';
                case 10 -> ok = c == 'T';
                case 13, 16 -> ok = c == ':';
                default -> ok = digit(c);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int num(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return switch (month) {
            case 2 -> leap ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
