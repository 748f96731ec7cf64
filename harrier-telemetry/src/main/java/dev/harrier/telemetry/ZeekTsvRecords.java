package dev.harrier.telemetry;

import dev.harrier.core.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Zeek's ASCII (TSV) logs, one record per line, typed from the {@code #types} header.
 *
 * <p>Header lines ({@code #...}) set the separator, set separator, empty and unset markers, the path, the field
 * names and types; they may come again later in the file (concatenated logs), and each new block applies to the
 * lines after it. Values are split on the raw separator bytes first, then {@code \xHH} escapes are decoded (Zeek
 * escapes separators, backslashes and unprintable bytes that way) and the bytes read as UTF-8. A data line with the
 * wrong column count or a value its type cannot hold is reported and skipped.
 */
final class ZeekTsvRecords extends FileRecords {
    private static final byte[] SEPARATOR_HEADER = "#separator".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,20}");
    private static final Pattern DOUBLE =
            Pattern.compile("-?([0-9]{1,400}(\\.[0-9]{0,400})?|\\.[0-9]{1,400})([eE][-+]?[0-9]{1,4})?");

    private enum Kind {
        TIME,
        INTEGER,
        DOUBLE,
        BOOL,
        STRING
    }

    /** A column type: a scalar kind, or a container ({@code set[...]}, {@code vector[...]}) of that kind. */
    private record Type(String name, Kind kind, boolean container) {
        static Type parse(String s) {
            String t = s.trim();
            boolean container = false;
            int open = t.indexOf('[');
            if (open > 0 && t.endsWith("]")) {
                container = true;
                t = t.substring(open + 1, t.length() - 1);
            }
            Kind k = switch (t) {
                case "time" -> Kind.TIME;
                case "count", "int", "port", "counter" -> Kind.INTEGER;
                case "double", "interval" -> Kind.DOUBLE;
                case "bool" -> Kind.BOOL;
                default -> Kind.STRING;
            };
            return new Type(s, k, container);
        }
    }

    /** A value its column type cannot hold. */
    private static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    /** Marks an unset ({@code -}) value, left out of the event. */
    private static final Object ABSENT = new Object();

    private final LineReader lines;
    private final Limits limits;
    private final String fallbackPath;
    private byte[] separator = {'\t'};
    private byte[] setSeparator = {','};
    private byte[] emptyField = "(empty)".getBytes(StandardCharsets.US_ASCII);
    private byte[] unsetField = {'-'};
    private @Nullable String path;
    private String @Nullable [] fields;
    private Type @Nullable [] types;
    private final List<int[]> columns = new ArrayList<>();
    private final ByteArrayOutputStream decoded = new ByteArrayOutputStream();

    ZeekTsvRecords(String source, String fallbackPath, InputStream in, Limits limits, Stats stats) {
        super(source, in, limits, stats);
        this.lines = new LineReader(in, limits.maxLineLength());
        this.limits = limits;
        this.fallbackPath = fallbackPath;
    }

    @Override
    @Nullable
    Event next() throws IOException {
        while (lines.next()) {
            long n = lines.number();
            if (lines.tooLong()) {
                stats.bad(source, n, "line longer than " + limits.maxLineLength() + " bytes (Limits.maxLineLength)");
                continue;
            }
            if (lines.length() == 0) {
                continue;
            }
            byte[] b = lines.bytes();
            int len = lines.length();
            if (b[0] == '#') {
                header(b, len, n);
                continue;
            }
            String[] names = fields;
            if (names == null) {
                stats.bad(source, n, "data line before the #fields header");
                continue;
            }
            split(b, 0, len, separator);
            if (columns.size() != names.length) {
                stats.bad(source, n, "expected " + names.length + " columns (#fields), got " + columns.size());
                continue;
            }
            Type[] ts = types;
            Map<String, @Nullable Object> f = new LinkedHashMap<>();
            int items = 0;
            try {
                for (int i = 0; i < names.length; i++) {
                    int[] c = columns.get(i);
                    Type t = ts == null ? null : ts[i];
                    Object v;
                    try {
                        v = value(t, b, c[0], c[1]);
                    } catch (BadValue e) {
                        throw new BadValue("column '" + names[i] + "'" + (t == null ? "" : " (" + t.name() + ")") + ": "
                                + e.getMessage());
                    }
                    if (v != ABSENT) {
                        items += v instanceof List<?> l ? l.size() + 1 : 1;
                        if (items > limits.maxObjectProperties()) {
                            throw new BadValue("more than " + limits.maxObjectProperties()
                                    + " properties and items in one record");
                        }
                        f.put(names[i], v);
                    }
                }
            } catch (BadValue e) {
                stats.bad(source, n, e.getMessage());
                continue;
            }
            String p = path;
            return NetworkMapping.zeek(f, p != null ? p : fallbackPath, source, n);
        }
        return null;
    }

    private void header(byte[] b, int len, long n) {
        if (startsWith(b, len, SEPARATOR_HEADER)) {
            // "#separator \x09": the only header line whose value follows a space
            int i = SEPARATOR_HEADER.length;
            if (i < len && (b[i] == ' ' || b[i] == '\t')) {
                byte[] sep = unescape(b, i + 1, len);
                if (sep.length == 0) {
                    stats.bad(source, n, "bad #separator header: empty separator");
                } else {
                    separator = sep;
                }
                return;
            }
            if (i == len) {
                stats.bad(source, n, "bad #separator header: no separator");
                return;
            }
        }
        split(b, 1, len, separator);
        int[] k = columns.get(0);
        String key = new String(b, k[0], k[1] - k[0], StandardCharsets.UTF_8);
        switch (key) {
            case "set_separator" -> {
                byte[] v = single(b, n, key);
                if (v != null) {
                    if (v.length == 0) {
                        stats.bad(source, n, "bad #set_separator header: empty separator");
                    } else {
                        setSeparator = v;
                    }
                }
            }
            case "empty_field" -> {
                byte[] v = single(b, n, key);
                if (v != null) {
                    emptyField = v;
                }
            }
            case "unset_field" -> {
                byte[] v = single(b, n, key);
                if (v != null) {
                    unsetField = v;
                }
            }
            case "path" -> {
                byte[] v = single(b, n, key);
                if (v != null) {
                    String s = new String(v, StandardCharsets.UTF_8);
                    path = s.isBlank() || s.length() > 200 ? null : s;
                }
            }
            case "fields" -> {
                int count = columns.size() - 1;
                types = null;
                if (count == 0 || count > limits.maxObjectProperties()) {
                    fields = null;
                    stats.bad(source, n, "bad #fields header: " + count + " fields");
                    return;
                }
                String[] names = new String[count];
                for (int i = 0; i < count; i++) {
                    int[] c = columns.get(i + 1);
                    names[i] = new String(unescape(b, c[0], c[1]), StandardCharsets.UTF_8);
                }
                fields = names;
            }
            case "types" -> {
                String[] names = fields;
                int count = columns.size() - 1;
                if (names == null || names.length != count) {
                    types = null;
                    stats.bad(
                            source,
                            n,
                            "bad #types header: " + count + " types for "
                                    + (names == null ? "no #fields header" : names.length + " fields")
                                    + "; values read as strings");
                    return;
                }
                Type[] t = new Type[count];
                for (int i = 0; i < count; i++) {
                    int[] c = columns.get(i + 1);
                    t[i] = Type.parse(new String(b, c[0], c[1] - c[0], StandardCharsets.UTF_8));
                }
                types = t;
            }
            default -> {
                // #open, #close and comments carry nothing a record needs
            }
        }
    }

    /** The one value of a header line (decoded), or null after reporting a malformed header. */
    private byte @Nullable [] single(byte[] b, long n, String key) {
        if (columns.size() != 2) {
            stats.bad(source, n, "bad #" + key + " header: expected one value, got " + (columns.size() - 1));
            return null;
        }
        int[] c = columns.get(1);
        return unescape(b, c[0], c[1]);
    }

    /** Fills {@link #columns} with the [start, end) ranges of {@code b[from, to)} split on {@code sep}. */
    private void split(byte[] b, int from, int to, byte[] sep) {
        columns.clear();
        int start = from;
        int i = from;
        while (i <= to - sep.length) {
            if (matches(b, i, sep)) {
                columns.add(new int[] {start, i});
                i += sep.length;
                start = i;
            } else {
                i++;
            }
        }
        columns.add(new int[] {start, to});
    }

    private Object value(@Nullable Type t, byte[] b, int from, int to) throws BadValue {
        if (equalsRange(b, from, to, unsetField)) {
            return ABSENT;
        }
        boolean container = t != null && t.container();
        Kind kind = t == null ? Kind.STRING : t.kind();
        if (equalsRange(b, from, to, emptyField)) {
            if (container) {
                return List.of();
            }
            if (kind == Kind.STRING) {
                return "";
            }
            throw new BadValue("empty value");
        }
        if (!container) {
            return scalar(kind, b, from, to);
        }
        List<@Nullable Object> items = new ArrayList<>();
        int start = from;
        int i = from;
        while (true) {
            boolean end = i > to - setSeparator.length;
            if (end || matches(b, i, setSeparator)) {
                int stop = end ? to : i;
                if (equalsRange(b, start, stop, unsetField)) {
                    items.add(null);
                } else if (equalsRange(b, start, stop, emptyField) && kind == Kind.STRING) {
                    items.add("");
                } else {
                    items.add(scalar(kind, b, start, stop));
                }
                if (items.size() > limits.maxObjectProperties()) {
                    throw new BadValue("more than " + limits.maxObjectProperties() + " items");
                }
                if (end) {
                    break;
                }
                i += setSeparator.length;
                start = i;
            } else {
                i++;
            }
        }
        return Collections.unmodifiableList(items);
    }

    private Object scalar(Kind kind, byte[] b, int from, int to) throws BadValue {
        String s = new String(unescape(b, from, to), StandardCharsets.UTF_8);
        switch (kind) {
            case TIME -> {
                Instant t = Times.epochSeconds(s);
                if (t == null) {
                    throw new BadValue("bad time '" + NetworkMapping.shorten(s) + "'");
                }
                return t;
            }
            case INTEGER -> {
                if (!INTEGER.matcher(s).matches()) {
                    throw new BadValue("bad integer '" + NetworkMapping.shorten(s) + "'");
                }
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    return new BigDecimal(s); // a count above Long.MAX_VALUE (up to 2^64-1)
                }
            }
            case DOUBLE -> {
                switch (s) {
                    case "inf":
                        return Double.POSITIVE_INFINITY;
                    case "-inf":
                        return Double.NEGATIVE_INFINITY;
                    case "nan":
                        return Double.NaN;
                    default:
                        if (!DOUBLE.matcher(s).matches()) {
                            throw new BadValue("bad number '" + NetworkMapping.shorten(s) + "'");
                        }
                        return Double.parseDouble(s);
                }
            }
            case BOOL -> {
                if (s.equals("T")) {
                    return true;
                }
                if (s.equals("F")) {
                    return false;
                }
                throw new BadValue("bad bool '" + NetworkMapping.shorten(s) + "' (expected T or F)");
            }
            default -> {
                return s;
            }
        }
    }

    /** {@code b[from, to)} with each {@code \xHH} replaced by its byte; other backslashes are kept. */
    private byte[] unescape(byte[] b, int from, int to) {
        int first = -1;
        for (int i = from; i < to - 3; i++) {
            if (b[i] == '\\' && b[i + 1] == 'x' && hex(b[i + 2]) >= 0 && hex(b[i + 3]) >= 0) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return Arrays.copyOfRange(b, from, to);
        }
        decoded.reset();
        decoded.write(b, from, first - from);
        int i = first;
        while (i < to) {
            if (i + 3 < to && b[i] == '\\' && b[i + 1] == 'x' && hex(b[i + 2]) >= 0 && hex(b[i + 3]) >= 0) {
                decoded.write(hex(b[i + 2]) * 16 + hex(b[i + 3]));
                i += 4;
            } else {
                decoded.write(b[i]);
                i++;
            }
        }
        return decoded.toByteArray();
    }

    private static int hex(byte c) {
        return dev.harrier.core.Hex.digit(c);
    }

    private static boolean matches(byte[] b, int at, byte[] sep) {
        for (int j = 0; j < sep.length; j++) {
            if (b[at + j] != sep[j]) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsRange(byte[] b, int from, int to, byte[] x) {
        return to - from == x.length && matches(b, from, x);
    }

    private static boolean startsWith(byte[] b, int len, byte[] prefix) {
        return len >= prefix.length && matches(b, 0, prefix);
    }
}
