package dev.harrier.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * How to read a CSV file or JSON lines that no format detection knows (flow exports, proxy logs): which column or
 * field holds the timestamp, the host, the addresses, ports, domain, URL, user, ..., and which {@code channel} and
 * {@code product} the events get. Loaded from a YAML file and passed to {@link EventSources#open(Path,
 * ColumnMapping, dev.harrier.core.Limits)}.
 *
 * <pre>{@code
 * format: csv                  # csv or jsonl (required)
 * channel: proxy/squid         # Event.channel() (required)
 * product: proxy               # Event.product() (default: generic)
 * delimiter: ","               # csv: one character (default ","); "\t" for tab-separated files
 * header: true                 # csv: the first line names the columns (default true)
 * columns: [time, client, ...] # csv: the column names when header is false
 * timestamp:                   # or just the column name, read as iso
 *   field: time                # a column (csv) or a dotted field path (jsonl)
 *   format: epoch_seconds      # iso (default), epoch_seconds, epoch_millis, or a java.time pattern
 *                              #   such as "dd/MMM/yyyy:HH:mm:ss Z"
 *   zone: UTC                  # for patterns without an offset (default UTC)
 * fields:                      # event field name: column (csv) or dotted field path (jsonl)
 *   host: sensor               # "host" is also Event.host()
 *   src_ip: client_ip
 *   src_port: client_port
 *   dst_ip: server_ip
 *   dst_port: server_port
 *   domain: cs_host
 *   url: cs_uri
 *   user: cs_username
 *   c-useragent: user_agent    # any other name is allowed too (here the Sigma proxy taxonomy's)
 * types:                       # optional: string, long, double or bool for any event field name
 *   status: long
 * }</pre>
 *
 * <p>The standard field names are {@code host}, {@code src_ip}, {@code src_port}, {@code dst_ip}, {@code
 * dst_port}, {@code domain}, {@code url}, {@code user}, {@code user_agent}, {@code method}, {@code status}, {@code
 * action}, {@code proto}, {@code bytes_in} and {@code bytes_out}; ports, {@code status} and the byte counts are
 * {@code long} unless {@code types} says otherwise, everything else a string. An event holds the mapped names first,
 * then every column (csv, as text; empty cells left out) or every flattened field (jsonl) under its own name.
 *
 * <p>Unknown keys, a missing {@code channel} or {@code format}, a bad type or timestamp pattern make {@link #load}
 * fail with a {@link MappingException} naming the file and the key. A CSV file whose header lacks a mapped column is
 * skipped with an error naming the mapping file, the key and the column; a record whose timestamp is missing or
 * does not parse is reported and skipped.
 */
public final class ColumnMapping {
    /** The layout of the files a mapping reads. */
    public enum Format {
        /** Comma- (or other delimiter-) separated values, RFC 4180 quoting, optionally a header line. */
        CSV,
        /** One JSON object per line. */
        JSONL
    }

    /** How a mapped value is typed. */
    enum ValueType {
        STRING,
        LONG,
        DOUBLE,
        BOOL
    }

    /** The timestamp's form. */
    enum TimeFormat {
        ISO,
        EPOCH_SECONDS,
        EPOCH_MILLIS,
        PATTERN
    }

    /** One mapped field: the event name, the input column or path, the mapping key for messages, its type. */
    record Field(String name, String column, String key, ValueType type) {}

    private static final Set<String> KEYS =
            Set.of("format", "channel", "product", "delimiter", "header", "columns", "timestamp", "fields", "types");
    private static final Set<String> TIMESTAMP_KEYS = Set.of("field", "format", "zone");
    private static final Set<String> LONG_BY_DEFAULT =
            Set.of("src_port", "dst_port", "status", "bytes_in", "bytes_out");
    private static final long MAX_FILE_BYTES = 1 << 20;

    private final String source;
    private final Format format;
    private final String channel;
    private final String product;
    private final char delimiter;
    private final boolean header;
    private final List<String> columns;
    private final @Nullable String timestampField;
    private final TimeFormat timeFormat;
    private final @Nullable DateTimeFormatter timePattern;
    private final String timeFormatText;
    private final ZoneId zone;
    private final List<Field> fields;

    private ColumnMapping(
            String source,
            Format format,
            String channel,
            String product,
            char delimiter,
            boolean header,
            List<String> columns,
            @Nullable String timestampField,
            TimeFormat timeFormat,
            @Nullable DateTimeFormatter timePattern,
            String timeFormatText,
            ZoneId zone,
            List<Field> fields) {
        this.source = source;
        this.format = format;
        this.channel = channel;
        this.product = product;
        this.delimiter = delimiter;
        this.header = header;
        this.columns = columns;
        this.timestampField = timestampField;
        this.timeFormat = timeFormat;
        this.timePattern = timePattern;
        this.timeFormatText = timeFormatText;
        this.zone = zone;
        this.fields = fields;
    }

    /**
     * Loads a mapping file (at most 1 MiB of YAML).
     *
     * @throws MappingException when the file is not a valid mapping; the message names the file and the key
     * @throws IOException when the file cannot be read
     */
    public static ColumnMapping load(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new MappingException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses mapping YAML; {@code source} names it in messages. */
    public static ColumnMapping parse(String yaml, String source) throws MappingException {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder()
                            .setLabel(source)
                            .setAllowDuplicateKeys(false)
                            .setMaxAliasesForCollections(10)
                            .setCodePointLimit((int) MAX_FILE_BYTES)
                            .build())
                    .loadFromString(yaml);
        } catch (RuntimeException | StackOverflowError e) {
            throw new MappingException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?> top)) {
            throw new MappingException(source + ": expected a YAML mapping with format, channel, fields, ...");
        }
        checkKeys(top, KEYS, source, "");
        Format format = switch (lower(string(top, "format", source, null))) {
            case "csv" -> Format.CSV;
            case "jsonl", "ndjson", "json" -> Format.JSONL;
            default ->
                throw new MappingException(
                        source + ": key 'format': expected csv or jsonl, got '" + top.get("format") + "'");
        };
        String channel = string(top, "channel", source, null);
        String product = string(top, "product", source, "generic");
        Object d = top.get("delimiter");
        String delim = d == null ? "," : String.valueOf(d);
        if (delim.length() != 1 || delim.charAt(0) == '"' || delim.charAt(0) == '\n' || delim.charAt(0) == '\r') {
            throw new MappingException(source + ": key 'delimiter': expected one character (not a quote or a line"
                    + " break), got '" + delim + "'");
        }
        Object h = top.get("header");
        if (h != null && !(h instanceof Boolean)) {
            throw new MappingException(source + ": key 'header': expected true or false, got '" + h + "'");
        }
        boolean header = h == null || (Boolean) h;
        List<String> columns = new ArrayList<>();
        Object cols = top.get("columns");
        if (cols != null) {
            if (!(cols instanceof List<?> list) || list.isEmpty()) {
                throw new MappingException(source + ": key 'columns': expected a list of column names");
            }
            for (Object c : list) {
                if (!(c instanceof String || c instanceof Number)
                        || String.valueOf(c).isEmpty()) {
                    throw new MappingException(source + ": key 'columns': bad column name '" + c + "'");
                }
                columns.add(String.valueOf(c));
            }
            if (new LinkedHashSet<>(columns).size() != columns.size()) {
                throw new MappingException(source + ": key 'columns': a column name is repeated");
            }
        }
        if (format == Format.CSV && !header && columns.isEmpty()) {
            throw new MappingException(source + ": key 'columns': required when 'header' is false");
        }
        if (format == Format.CSV && header && !columns.isEmpty()) {
            throw new MappingException(
                    source + ": key 'columns': only with 'header: false' (the header line names the columns)");
        }
        if (format == Format.JSONL && (!columns.isEmpty() || top.containsKey("delimiter") || h != null)) {
            throw new MappingException(source + ": keys 'columns', 'delimiter' and 'header' are for csv only");
        }

        String tsField = null;
        TimeFormat tf = TimeFormat.ISO;
        String tfText = "iso";
        DateTimeFormatter pattern = null;
        ZoneId zone = ZoneOffset.UTC;
        Object ts = top.get("timestamp");
        if (ts instanceof String s) {
            tsField = s;
        } else if (ts instanceof Map<?, ?> tm) {
            checkKeys(tm, TIMESTAMP_KEYS, source, "timestamp.");
            tsField = string(tm, "field", source + ": key 'timestamp'", null);
            tfText = string(tm, "format", source + ": key 'timestamp'", "iso");
            switch (lower(tfText)) {
                case "iso", "iso8601" -> tf = TimeFormat.ISO;
                case "epoch", "epoch_seconds", "unix" -> tf = TimeFormat.EPOCH_SECONDS;
                case "epoch_millis", "unix_ms" -> tf = TimeFormat.EPOCH_MILLIS;
                default -> {
                    tf = TimeFormat.PATTERN;
                    try {
                        pattern = DateTimeFormatter.ofPattern(tfText, Locale.ROOT);
                    } catch (RuntimeException e) {
                        // IllegalArgumentException, and a ClassCastException the JDK throws for some paddings
                        throw new MappingException(source + ": key 'timestamp.format': not iso, epoch_seconds,"
                                + " epoch_millis or a valid java.time pattern: " + e.getMessage());
                    }
                }
            }
            String z = string(tm, "zone", source + ": key 'timestamp'", "UTC");
            try {
                zone = ZoneId.of(z);
            } catch (DateTimeException e) {
                throw new MappingException(source + ": key 'timestamp.zone': unknown zone '" + z + "'");
            }
        } else if (ts != null) {
            throw new MappingException(source + ": key 'timestamp': expected a column name or {field, format, zone}");
        }
        if (tsField != null && tsField.isEmpty()) {
            throw new MappingException(source + ": key 'timestamp.field': empty");
        }

        Map<String, ValueType> types = new LinkedHashMap<>();
        Object ty = top.get("types");
        if (ty != null) {
            if (!(ty instanceof Map<?, ?> tmap)) {
                throw new MappingException(source + ": key 'types': expected a mapping of field name to type");
            }
            for (Map.Entry<?, ?> e : tmap.entrySet()) {
                String name = String.valueOf(e.getKey());
                ValueType t = switch (lower(String.valueOf(e.getValue()))) {
                    case "string" -> ValueType.STRING;
                    case "long", "int", "integer" -> ValueType.LONG;
                    case "double", "float", "number" -> ValueType.DOUBLE;
                    case "bool", "boolean" -> ValueType.BOOL;
                    default ->
                        throw new MappingException(source + ": key 'types." + name
                                + "': expected string, long, double or bool, got '" + e.getValue() + "'");
                };
                types.put(name, t);
            }
        }
        List<Field> fields = new ArrayList<>();
        Object fm = top.get("fields");
        if (fm != null) {
            if (!(fm instanceof Map<?, ?> fmap)) {
                throw new MappingException(source + ": key 'fields': expected a mapping of field name to column");
            }
            for (Map.Entry<?, ?> e : fmap.entrySet()) {
                String name = String.valueOf(e.getKey());
                Object col = e.getValue();
                if (!(col instanceof String || col instanceof Number)
                        || String.valueOf(col).isEmpty()) {
                    throw new MappingException(
                            source + ": key 'fields." + name + "': expected a column name, got '" + col + "'");
                }
                ValueType t =
                        types.getOrDefault(name, LONG_BY_DEFAULT.contains(name) ? ValueType.LONG : ValueType.STRING);
                fields.add(new Field(name, String.valueOf(col), "fields." + name, t));
            }
        }
        for (String name : types.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(name))) {
                // a type for an unmapped column: the column is read under its own name with that type
                fields.add(new Field(name, name, "types." + name, types.get(name)));
            }
        }
        if (!columns.isEmpty()) {
            for (Field f : fields) {
                if (!columns.contains(f.column())) {
                    throw new MappingException(
                            source + ": key '" + f.key() + "': column '" + f.column() + "' is not in 'columns'");
                }
            }
            if (tsField != null && !columns.contains(tsField)) {
                throw new MappingException(
                        source + ": key 'timestamp.field': column '" + tsField + "' is not in 'columns'");
            }
        }
        return new ColumnMapping(
                source,
                format,
                channel,
                product,
                delim.charAt(0),
                header,
                Collections.unmodifiableList(columns),
                tsField,
                tf,
                pattern,
                tfText,
                zone,
                Collections.unmodifiableList(fields));
    }

    private static void checkKeys(Map<?, ?> m, Set<String> known, String source, String prefix)
            throws MappingException {
        for (Object k : m.keySet()) {
            if (!known.contains(String.valueOf(k))) {
                throw new MappingException(source + ": unknown key '" + prefix + k + "' (known: "
                        + known.stream().sorted().map(s -> prefix + s).toList() + ")");
            }
        }
    }

    private static String string(Map<?, ?> m, String key, String where, @Nullable String dflt) throws MappingException {
        Object v = m.get(key);
        if (v == null) {
            if (dflt == null) {
                throw new MappingException(where + ": key '" + key + "' is required");
            }
            return dflt;
        }
        if (!(v instanceof String || v instanceof Number || v instanceof Boolean)
                || String.valueOf(v).isBlank()) {
            throw new MappingException(where + ": key '" + key + "': expected a non-empty text, got '" + v + "'");
        }
        return String.valueOf(v);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Where the mapping came from (its file name), for messages. */
    public String source() {
        return source;
    }

    /** The layout of the files it reads. */
    public Format format() {
        return format;
    }

    /** The {@link Event#channel()} of the events read with it. */
    public String channel() {
        return channel;
    }

    /** The {@link Event#product()} of the events read with it ({@code generic} unless the file says). */
    public String product() {
        return product;
    }

    char delimiter() {
        return delimiter;
    }

    boolean header() {
        return header;
    }

    List<String> columns() {
        return columns;
    }

    @Nullable
    String timestampField() {
        return timestampField;
    }

    TimeFormat timeFormat() {
        return timeFormat;
    }

    String timeFormatText() {
        return timeFormatText;
    }

    @Nullable
    DateTimeFormatter timePattern() {
        return timePattern;
    }

    ZoneId zone() {
        return zone;
    }

    List<Field> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return "ColumnMapping[" + source + ", " + format + ", channel " + channel + "]";
    }
}
