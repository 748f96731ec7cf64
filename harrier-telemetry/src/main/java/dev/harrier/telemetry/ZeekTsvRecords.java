package dev.harrier.telemetry;

import dev.harrier.core.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Zeek's ASCII (TSV) logs, one record per line, typed from the {@code #types} header.
 *
 * <p>Header lines ({@code #...}) set the separator, set separator, empty and unset markers, the path, the field
 * names and types; they may come again later in the file (concatenated logs), and each new block applies to the
 * lines after it. Values are split on the raw separator bytes first, then {@code \xHH} escapes are decoded (Zeek
 * escapes separators, backslashes and unprintable bytes that way) and the bytes read as UTF-8. A data line with the
 * wrong column count or a value its type cannot hold is reported and skipped.
 *
 * <p>Fast path: a data line is split on the separator into column bounds, each value is checked against its type
 * by allocation-free scanners (the exact rules only for unusual forms), and the event ({@link ZeekTsvEvent}) keeps a
 * copy of the line and builds typed values only when asked. A header block that repeats a field name is read the
 * old way, into a map.
 */
final class ZeekTsvRecords extends FileRecords {
    private static final byte[] SEPARATOR_HEADER = "#separator".getBytes(StandardCharsets.US_ASCII);

    private final LineReader lines;
    private final Limits limits;
    private final String fallbackPath;
    private byte[] separator = {'\t'};
    private byte[] setSeparator = {','};
    private byte[] emptyField = "(empty)".getBytes(StandardCharsets.US_ASCII);
    private byte[] unsetField = {'-'};
    private @Nullable String path;
    private String @Nullable [] fields;
    private ZeekTsvLayout.Type @Nullable [] types;
    /** The layout of the current header block; null when a header line changed it since. */
    private @Nullable ZeekTsvLayout layout;
    /** Column bounds of the current line, {@code [start, end)} pairs; {@link #count} columns. */
    private int[] bounds = new int[64];

    private int count;

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
                layout = null;
                continue;
            }
            String[] names = fields;
            if (names == null) {
                stats.bad(source, n, "data line before the #fields header");
                continue;
            }
            split(b, 0, len, separator);
            if (count != names.length) {
                stats.bad(source, n, "expected " + names.length + " columns (#fields), got " + count);
                continue;
            }
            ZeekTsvLayout l = layout;
            if (l == null) {
                String p = path;
                l = new ZeekTsvLayout(
                        separator,
                        setSeparator,
                        emptyField,
                        unsetField,
                        p != null ? p : fallbackPath,
                        names,
                        types,
                        limits.maxObjectProperties());
                layout = l;
            }
            try {
                return l.columns == null ? mapped(l, b, n) : lazy(l, b, len, n);
            } catch (ZeekTsvLayout.BadValue e) {
                stats.bad(source, n, e.getMessage());
            }
        }
        return null;
    }

    /** The event of a checked line that keeps the line and decodes on access. */
    private Event lazy(ZeekTsvLayout l, byte[] b, int len, long n) throws ZeekTsvLayout.BadValue {
        int columns = count;
        int items = 0;
        int present = 0;
        int[] own = new int[2 * columns];
        for (int i = 0; i < columns; i++) {
            int from = bounds[2 * i];
            int to = bounds[2 * i + 1];
            int c;
            try {
                c = l.check(i, b, from, to);
            } catch (ZeekTsvLayout.BadValue e) {
                throw bad(l, i, e);
            }
            if (c == 0) {
                own[2 * i] = -1;
                own[2 * i + 1] = -1;
                continue;
            }
            items += c;
            if (items > limits.maxObjectProperties()) {
                throw new ZeekTsvLayout.BadValue(
                        "more than " + limits.maxObjectProperties() + " properties and items in one record");
            }
            present++;
            own[2 * i] = from;
            own[2 * i + 1] = to;
        }
        return new ZeekTsvEvent(l, Arrays.copyOf(b, len), own, present, source, n);
    }

    /** The event of a line whose header repeats a field name: values into a map as the names come. */
    private Event mapped(ZeekTsvLayout l, byte[] b, long n) throws ZeekTsvLayout.BadValue {
        Map<String, @Nullable Object> f = new LinkedHashMap<>();
        int items = 0;
        for (int i = 0; i < count; i++) {
            Object v;
            try {
                v = l.value(i, b, bounds[2 * i], bounds[2 * i + 1]);
            } catch (ZeekTsvLayout.BadValue e) {
                throw bad(l, i, e);
            }
            if (v != ZeekTsvLayout.ABSENT) {
                items += v instanceof List<?> list ? list.size() + 1 : 1;
                if (items > limits.maxObjectProperties()) {
                    throw new ZeekTsvLayout.BadValue(
                            "more than " + limits.maxObjectProperties() + " properties and items in one record");
                }
                f.put(l.names[i], v);
            }
        }
        String p = path;
        return NetworkMapping.zeek(f, p != null ? p : fallbackPath, source, n);
    }

    private static ZeekTsvLayout.BadValue bad(ZeekTsvLayout l, int i, ZeekTsvLayout.BadValue e) {
        ZeekTsvLayout.Type[] ts = l.types;
        ZeekTsvLayout.Type t = ts == null ? null : ts[i];
        return new ZeekTsvLayout.BadValue(
                "column '" + l.names[i] + "'" + (t == null ? "" : " (" + t.name() + ")") + ": " + e.getMessage());
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
        String key = new String(b, bounds[0], bounds[1] - bounds[0], StandardCharsets.UTF_8);
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
                int count = this.count - 1;
                types = null;
                if (count == 0 || count > limits.maxObjectProperties()) {
                    fields = null;
                    stats.bad(source, n, "bad #fields header: " + count + " fields");
                    return;
                }
                String[] names = new String[count];
                for (int i = 0; i < count; i++) {
                    names[i] = new String(unescape(b, bounds[2 * i + 2], bounds[2 * i + 3]), StandardCharsets.UTF_8);
                }
                fields = names;
            }
            case "types" -> {
                String[] names = fields;
                int count = this.count - 1;
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
                ZeekTsvLayout.Type[] t = new ZeekTsvLayout.Type[count];
                for (int i = 0; i < count; i++) {
                    int from = bounds[2 * i + 2];
                    t[i] = ZeekTsvLayout.Type.parse(
                            new String(b, from, bounds[2 * i + 3] - from, StandardCharsets.UTF_8));
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
        if (count != 2) {
            stats.bad(source, n, "bad #" + key + " header: expected one value, got " + (count - 1));
            return null;
        }
        return unescape(b, bounds[2], bounds[3]);
    }

    /** Fills {@link #bounds} and {@link #count} with the [start, end) ranges of {@code b[from, to)} split on {@code sep}. */
    private void split(byte[] b, int from, int to, byte[] sep) {
        int n = 0;
        int[] out = bounds;
        int start = from;
        if (sep.length == 1) {
            byte s = sep[0];
            for (int i = from; i < to; i++) {
                if (b[i] == s) {
                    if (n + 2 > out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[n++] = start;
                    out[n++] = i;
                    start = i + 1;
                }
            }
        } else {
            int i = from;
            while (i <= to - sep.length) {
                if (ZeekTsvLayout.matches(b, i, sep)) {
                    if (n + 2 > out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[n++] = start;
                    out[n++] = i;
                    i += sep.length;
                    start = i;
                } else {
                    i++;
                }
            }
        }
        if (n + 2 > out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[n++] = start;
        out[n++] = to;
        bounds = out;
        count = n / 2;
    }

    private static byte[] unescape(byte[] b, int from, int to) {
        return ZeekTsvLayout.unescape(b, from, to);
    }

    private static boolean startsWith(byte[] b, int len, byte[] prefix) {
        return len >= prefix.length && ZeekTsvLayout.matches(b, 0, prefix);
    }
}
