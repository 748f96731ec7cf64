package dev.harrier.telemetry;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The header state of one block of a Zeek TSV log (separators, empty and unset markers, field names and types,
 * path), immutable, shared by the events of the block. It checks data values (fast scanners for the common forms,
 * the exact rules of the slow path otherwise) and decodes them on demand.
 */
final class ZeekTsvLayout {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,20}");
    private static final Pattern DOUBLE =
            Pattern.compile("-?([0-9]{1,400}(\\.[0-9]{0,400})?|\\.[0-9]{1,400})([eE][-+]?[0-9]{1,4})?");

    /** A scalar kind. */
    enum Kind {
        TIME,
        INTEGER,
        DOUBLE,
        BOOL,
        STRING
    }

    /** A column type: a scalar kind, or a container ({@code set[...]}, {@code vector[...]}) of that kind. */
    record Type(String name, Kind kind, boolean container) {
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
    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    final byte[] separator;
    final byte[] setSeparator;
    final byte[] emptyField;
    final byte[] unsetField;
    final String channel;
    final String[] names;
    final Type @Nullable [] types;
    final int maxItems;
    /** Column of each name; null when a name repeats (such blocks are read into plain maps). */
    final @Nullable Map<String, Integer> columns;

    final int tsColumn;
    final int[] sensorColumns;
    /** Per column: the scalar kind's ordinal, or {@link #CONTAINER}; {@link #UNTYPED} without a #types header. */
    private final byte[] plan;

    private static final byte CONTAINER = -1;
    private static final byte UNTYPED = -2;
    private static final byte STRING = (byte) Kind.STRING.ordinal();

    ZeekTsvLayout(
            byte[] separator,
            byte[] setSeparator,
            byte[] emptyField,
            byte[] unsetField,
            String path,
            String[] names,
            Type @Nullable [] types,
            int maxItems) {
        this.separator = separator;
        this.setSeparator = setSeparator;
        this.emptyField = emptyField;
        this.unsetField = unsetField;
        this.channel = "zeek/" + path;
        this.names = names;
        this.types = types;
        this.maxItems = maxItems;
        Map<String, Integer> c = new HashMap<>();
        boolean unique = true;
        for (int i = 0; i < names.length; i++) {
            if (c.put(names[i], i) != null) {
                unique = false;
            }
        }
        this.columns = unique ? c : null;
        Integer ts = c.get("ts");
        this.tsColumn = ts == null ? -1 : ts;
        List<Integer> sensors = new ArrayList<>();
        for (String k : NetworkMapping.ZEEK_SENSOR_FIELDS) {
            Integer i = c.get(k);
            if (i != null) {
                sensors.add(i);
            }
        }
        this.sensorColumns = sensors.stream().mapToInt(Integer::intValue).toArray();
        this.plan = new byte[names.length];
        for (int i = 0; i < names.length; i++) {
            Type t = types == null ? null : types[i];
            plan[i] = t == null
                    ? UNTYPED
                    : t.container() ? CONTAINER : (byte) t.kind().ordinal();
        }
    }

    /** Marks an unset value, left out of the event. */
    static final Object ABSENT = new Object();

    private @Nullable Type type(int column) {
        Type[] ts = types;
        return ts == null ? null : ts[column];
    }

    /**
     * Checks the value of {@code column} in {@code b[from, to)} without building it: 0 when unset (absent), 1 for
     * a scalar, items + 1 for a container (what the old reader added to its per-record item count).
     */
    int check(int column, byte[] b, int from, int to) throws BadValue {
        byte[] unset = unsetField;
        if (to - from == unset.length && matches(b, from, unset)) {
            return 0;
        }
        byte p = plan[column];
        if (p == STRING || p == UNTYPED) {
            return 1; // any bytes are a string
        }
        Type t = type(column);
        if (t == null) {
            return 1;
        }
        if (equalsRange(b, from, to, emptyField)) {
            if (t.container() || t.kind() == Kind.STRING) {
                return 1;
            }
            throw new BadValue("empty value");
        }
        if (!t.container()) {
            checkScalar(t.kind(), b, from, to);
            return 1;
        }
        int items = 0;
        int start = from;
        int i = from;
        byte[] sep = setSeparator;
        while (true) {
            boolean end = i > to - sep.length;
            if (end || matches(b, i, sep)) {
                int stop = end ? to : i;
                if (!equalsRange(b, start, stop, unsetField)
                        && !(t.kind() == Kind.STRING && equalsRange(b, start, stop, emptyField))) {
                    checkScalar(t.kind(), b, start, stop);
                }
                items++;
                if (items > maxItems) {
                    throw new BadValue("more than " + maxItems + " items");
                }
                if (end) {
                    break;
                }
                i += sep.length;
                start = i;
            } else {
                i++;
            }
        }
        return items + 1;
    }

    private static void checkScalar(Kind kind, byte[] b, int from, int to) throws BadValue {
        boolean ok = switch (kind) {
            case STRING -> true;
            case INTEGER -> FastScan.integer(b, from, to);
            case DOUBLE -> FastScan.decimal(b, from, to, 400);
            case TIME -> FastScan.time(b, from, to);
            case BOOL -> to - from == 1 && (b[from] == 'T' || b[from] == 'F');
        };
        if (!ok) {
            scalar(kind, b, from, to); // the exact rules: throws with the message, or accepts an unusual form
        }
    }

    /** The value of {@code column} in {@code b[from, to)}, {@link #ABSENT} when unset. */
    Object value(int column, byte[] b, int from, int to) throws BadValue {
        if (equalsRange(b, from, to, unsetField)) {
            return ABSENT;
        }
        Type t = type(column);
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
        byte[] sep = setSeparator;
        while (true) {
            boolean end = i > to - sep.length;
            if (end || matches(b, i, sep)) {
                int stop = end ? to : i;
                if (equalsRange(b, start, stop, unsetField)) {
                    items.add(null);
                } else if (equalsRange(b, start, stop, emptyField) && kind == Kind.STRING) {
                    items.add("");
                } else {
                    items.add(scalar(kind, b, start, stop));
                }
                if (items.size() > maxItems) {
                    throw new BadValue("more than " + maxItems + " items");
                }
                if (end) {
                    break;
                }
                i += sep.length;
                start = i;
            } else {
                i++;
            }
        }
        return Collections.unmodifiableList(items);
    }

    private static Object scalar(Kind kind, byte[] b, int from, int to) throws BadValue {
        switch (kind) {
            case STRING -> {
                return text(b, from, to);
            }
            case INTEGER -> {
                if (to - from <= 18 && FastScan.integer(b, from, to)) {
                    return FastScan.parseLong(b, from, to);
                }
            }
            case TIME -> {
                Instant t = FastScan.epochSeconds(b, from, to);
                if (t != null) {
                    return t;
                }
            }
            case DOUBLE -> {
                if (FastScan.decimal(b, from, to, 400)) {
                    return Double.parseDouble(new String(b, from, to - from, StandardCharsets.US_ASCII));
                }
            }
            default -> {
                // the slow path below
            }
        }
        String s = text(b, from, to);
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

    /** {@code b[from, to)} with {@code \xHH} escapes decoded, read as UTF-8. */
    static String text(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                return new String(unescape(b, from, to), StandardCharsets.UTF_8);
            }
        }
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** {@code b[from, to)} with each {@code \xHH} replaced by its byte; other backslashes are kept. */
    static byte[] unescape(byte[] b, int from, int to) {
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
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(to - from);
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

    static boolean matches(byte[] b, int at, byte[] sep) {
        for (int j = 0; j < sep.length; j++) {
            if (b[at + j] != sep[j]) {
                return false;
            }
        }
        return true;
    }

    static boolean equalsRange(byte[] b, int from, int to, byte[] x) {
        return to - from == x.length && matches(b, from, x);
    }
}
