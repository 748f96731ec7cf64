package dev.harrier.telemetry;

import dev.harrier.core.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Inputs read with a {@link ColumnMapping}: CSV files and JSON lines. */
final class MappedRecords {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern DECIMAL =
            Pattern.compile("-?([0-9]{1,400}(\\.[0-9]{0,400})?|\\.[0-9]{1,400})([eE][-+]?[0-9]{1,4})?");

    private MappedRecords() {}

    /** The mapper for JSON lines: flattened record plus the mapped names. */
    static FileRecords.RecordMapper jsonMapper(ColumnMapping m) {
        return (record, source, line) -> {
            Map<String, @Nullable Object> raw = FieldMapping.object(record);
            Map<String, @Nullable Object> own = new LinkedHashMap<>();
            NetworkMapping.flatten(raw, "", own);
            return event(m, own, p -> JsonTree.path(raw, p), raw, source, line, "field");
        };
    }

    /**
     * The event of one record: the mapped names first (typed), then the record's own fields; the timestamp from the
     * mapped timestamp column, which must be present and parse.
     */
    static MapEvent event(
            ColumnMapping m,
            Map<String, @Nullable Object> own,
            Function<String, @Nullable Object> lookup,
            Map<String, @Nullable Object> raw,
            String source,
            long line,
            String what)
            throws FieldMapping.BadShape {
        Instant ts = null;
        String tsField = m.timestampField();
        if (tsField != null) {
            Object v = lookup.apply(tsField);
            if (v == null || (v instanceof String s && s.isBlank())) {
                throw new FieldMapping.BadShape("mapping " + m.source() + ": no " + what + " '" + tsField
                        + "' (timestamp.field) in the record");
            }
            ts = timestamp(m, v);
            if (ts == null) {
                throw new FieldMapping.BadShape("bad timestamp '" + NetworkMapping.shorten(String.valueOf(v))
                        + "' in " + what + " '" + tsField + "' (mapping " + m.source() + ", timestamp.format "
                        + m.timeFormatText() + ")");
            }
        }
        Map<String, @Nullable Object> f = new LinkedHashMap<>();
        for (ColumnMapping.Field field : m.fields()) {
            Object v = lookup.apply(field.column());
            if (v == null || (v instanceof String s && s.isEmpty())) {
                continue;
            }
            Object typed = convert(field.type(), v);
            if (typed == null) {
                throw new FieldMapping.BadShape(what + " '" + field.column() + "' (" + field.key() + ", "
                        + field.type().name().toLowerCase(Locale.ROOT) + "): bad value '"
                        + NetworkMapping.shorten(String.valueOf(v)) + "'");
            }
            f.put(field.name(), typed);
        }
        for (Map.Entry<String, @Nullable Object> e : own.entrySet()) {
            f.putIfAbsent(e.getKey(), e.getValue());
        }
        Object host = f.get("host");
        return new MapEvent(
                f,
                raw,
                ts,
                source,
                line,
                new MapEvent.Origin(m.product(), m.channel(), host == null ? null : String.valueOf(host)));
    }

    private static @Nullable Instant timestamp(ColumnMapping m, Object v) {
        return switch (m.timeFormat()) {
            case ISO -> Times.iso(v);
            case EPOCH_SECONDS -> Times.epochSeconds(v);
            case EPOCH_MILLIS -> Times.epochMillis(v);
            case PATTERN -> {
                DateTimeFormatter p = m.timePattern();
                yield p == null || !(v instanceof String s) ? null : Times.pattern(s, p, m.zone());
            }
        };
    }

    /** The value as {@code type}, or null when it cannot be. */
    static @Nullable Object convert(ColumnMapping.ValueType type, Object v) {
        switch (type) {
            case LONG -> {
                if (v instanceof Long) {
                    return v;
                }
                if (v instanceof Number n) {
                    double d = n.doubleValue();
                    return d == Math.rint(d) && Math.abs(d) < 9e15 ? (Object) (long) d : null;
                }
                String s = String.valueOf(v).trim();
                if (!INTEGER.matcher(s).matches()) {
                    return null;
                }
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            case DOUBLE -> {
                if (v instanceof Double) {
                    return v;
                }
                if (v instanceof Number n) {
                    return n.doubleValue();
                }
                String s = String.valueOf(v).trim();
                return DECIMAL.matcher(s).matches() ? (Object) Double.parseDouble(s) : null;
            }
            case BOOL -> {
                if (v instanceof Boolean) {
                    return v;
                }
                return switch (String.valueOf(v).trim().toLowerCase(Locale.ROOT)) {
                    case "true", "t", "1", "yes" -> true;
                    case "false", "f", "0", "no" -> false;
                    default -> null;
                };
            }
            default -> {
                if (v instanceof BigDecimal b) {
                    return b.toPlainString();
                }
                return v instanceof Map || v instanceof List ? v : String.valueOf(v);
            }
        }
    }

    /** A CSV file: a header line (or the mapping's columns), then one record per line (quoted fields may span lines). */
    static final class Csv extends FileRecords {
        private static final int START = 0;
        private static final int UNQUOTED = 1;
        private static final int QUOTED = 2;
        private static final int QUOTE_SEEN = 3;

        private final ColumnMapping mapping;
        private final LineReader lines;
        private final Limits limits;
        private final char delimiter;
        private final StringBuilder record = new StringBuilder();
        private final List<String> cells = new ArrayList<>();
        private @Nullable List<String> header;
        private final Map<String, Integer> index = new HashMap<>();
        private @Nullable String pushedBackError;

        Csv(String source, ColumnMapping mapping, InputStream in, Limits limits, Stats stats) {
            super(source, in, limits, stats);
            this.mapping = mapping;
            this.lines = new LineReader(in, limits.maxLineLength());
            this.limits = limits;
            this.delimiter = mapping.delimiter();
            if (!mapping.header()) {
                setHeader(mapping.columns());
            }
        }

        /**
         * Reads the header line when the mapping expects one and checks that every mapped column is in it; null
         * when the file fits, else why it does not (naming the mapping file, the key and the column).
         */
        @Nullable
        String open() throws IOException {
            if (!mapping.header()) {
                return null;
            }
            while (true) {
                long start = readRecord();
                if (start < 0) {
                    return null; // an empty file: nothing to read
                }
                if (pushedBackError != null) {
                    return "bad header line " + start + ": " + pushedBackError;
                }
                if (record.toString().isBlank()) {
                    continue;
                }
                String problem = split(record);
                if (problem != null) {
                    return "bad header line " + start + ": " + problem;
                }
                if (cells.size() > limits.maxObjectProperties()) {
                    return "more than " + limits.maxObjectProperties() + " columns in the header";
                }
                List<String> names = new ArrayList<>(cells);
                setHeader(names);
                for (ColumnMapping.Field f : mapping.fields()) {
                    if (!index.containsKey(f.column())) {
                        return missing(f.column(), f.key(), names);
                    }
                }
                String ts = mapping.timestampField();
                if (ts != null && !index.containsKey(ts)) {
                    return missing(ts, "timestamp.field", names);
                }
                return null;
            }
        }

        private String missing(String column, String key, List<String> names) {
            String shown = names.size() > 30 ? names.subList(0, 30) + "..." : names.toString();
            return "mapping " + mapping.source() + ": column '" + column + "' (" + key
                    + ") is not in the header line; columns: " + shown;
        }

        private void setHeader(List<String> names) {
            header = List.copyOf(names);
            index.clear();
            for (int i = 0; i < names.size(); i++) {
                index.putIfAbsent(names.get(i), i);
            }
        }

        @Override
        @Nullable
        Event next() throws IOException {
            List<String> names = header;
            if (names == null) {
                return null; // open() found nothing to read
            }
            while (true) {
                long start = readRecord();
                if (start < 0) {
                    return null;
                }
                if (pushedBackError != null) {
                    stats.bad(source, start, pushedBackError);
                    continue;
                }
                if (record.toString().isBlank()) {
                    continue;
                }
                String problem = split(record);
                if (problem != null) {
                    stats.bad(source, start, problem);
                    continue;
                }
                if (cells.size() != names.size()) {
                    stats.bad(
                            source,
                            start,
                            "expected " + names.size() + " columns"
                                    + (mapping.header() ? " (header line)" : " (mapping columns)") + ", got "
                                    + cells.size());
                    continue;
                }
                Map<String, @Nullable Object> own = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    String v = cells.get(i);
                    if (!v.isEmpty()) {
                        own.putIfAbsent(names.get(i), v);
                    }
                }
                List<String> row = List.copyOf(cells);
                try {
                    return event(
                            mapping,
                            own,
                            c -> {
                                Integer i = index.get(c);
                                return i == null ? null : row.get(i);
                            },
                            Map.of(),
                            source,
                            start,
                            "column");
                } catch (FieldMapping.BadShape e) {
                    stats.bad(source, start, e.getMessage());
                }
            }
        }

        /**
         * Reads one CSV record into {@link #record} (several lines while a quoted field is open); its first line
         * number, or -1 at the end. Sets {@link #pushedBackError} for an overlong or unterminated record.
         */
        private long readRecord() throws IOException {
            pushedBackError = null;
            record.setLength(0);
            long start = -1;
            int state = START;
            while (lines.next()) {
                if (start < 0) {
                    start = lines.number();
                }
                if (lines.tooLong()) {
                    pushedBackError = "line longer than " + limits.maxLineLength() + " bytes (Limits.maxLineLength)";
                    return start;
                }
                String text = new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8);
                if (state == QUOTED) {
                    record.append('\n');
                }
                record.append(text);
                if (record.length() > limits.maxLineLength()) {
                    pushedBackError =
                            "record longer than " + limits.maxLineLength() + " characters (Limits.maxLineLength)";
                    return start;
                }
                state = scan(text, state);
                if (state != QUOTED) {
                    return start;
                }
            }
            if (start >= 0) {
                pushedBackError = "unterminated quoted field at the end of the input";
            }
            return start;
        }

        /**
         * Follows RFC 4180 quoting through one line from {@code state}: a quote opens a quoted field only at the start
         * of a field, and {@code ""} inside one is a literal quote. A line that ends in {@link #QUOTED} continues on
         * the next line.
         */
        private int scan(String text, int state) {
            int st = state;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (st) {
                    case START -> st = c == '"' ? QUOTED : c == delimiter ? START : UNQUOTED;
                    case UNQUOTED -> st = c == delimiter ? START : UNQUOTED;
                    case QUOTED -> st = c == '"' ? QUOTE_SEEN : QUOTED;
                    default -> st = c == '"' ? QUOTED : c == delimiter ? START : UNQUOTED;
                }
            }
            return st == QUOTED ? QUOTED : START;
        }

        /** Splits one record into {@link #cells}; null, or what is wrong with its quoting. */
        private @Nullable String split(CharSequence r) {
            cells.clear();
            StringBuilder cell = new StringBuilder();
            int i = 0;
            int n = r.length();
            while (true) {
                cell.setLength(0);
                if (i < n && r.charAt(i) == '"') {
                    i++;
                    while (true) {
                        if (i >= n) {
                            return "unterminated quoted field";
                        }
                        char c = r.charAt(i);
                        if (c == '"') {
                            if (i + 1 < n && r.charAt(i + 1) == '"') {
                                cell.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        cell.append(c);
                        i++;
                    }
                    if (i < n && r.charAt(i) != delimiter) {
                        return "text after a closing quote in column " + (cells.size() + 1);
                    }
                } else {
                    while (i < n && r.charAt(i) != delimiter) {
                        cell.append(r.charAt(i));
                        i++;
                    }
                }
                cells.add(cell.toString());
                if (cells.size() > limits.maxObjectProperties()) {
                    return "more than " + limits.maxObjectProperties() + " columns";
                }
                if (i >= n) {
                    return null;
                }
                i++; // the delimiter
                if (i == n) {
                    cells.add("");
                    return null;
                }
            }
        }
    }
}
