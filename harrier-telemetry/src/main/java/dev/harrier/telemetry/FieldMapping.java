package dev.harrier.telemetry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Maps one JSON record of each {@link TelemetryFormat} to an event (Windows formats: to Sigma field names). */
final class FieldMapping {
    /** The record is valid JSON but not of the expected shape. */
    static final class BadShape extends Exception {
        private static final long serialVersionUID = 1L;

        BadShape(String message) {
            super(message, null, false, false);
        }
    }

    /** System fields that an EventData entry of the same name must not replace. */
    private static final Set<String> CORE = Set.of("EventID", "Channel", "Computer", "Provider_Name");

    private FieldMapping() {}

    /**
     * The mapper for one JSON input of {@code format}; {@code file} names the Zeek log type when the records do not
     * ({@link NetworkMapping#pathFromFileName}).
     */
    static FileRecords.RecordMapper mapper(TelemetryFormat format, java.nio.file.@Nullable Path file) {
        String zeekPath = NetworkMapping.pathFromFileName(file);
        return (record, source, line) -> map(format, zeekPath, record, source, line);
    }

    private static MapEvent map(
            TelemetryFormat format, String zeekPath, @Nullable Object record, String source, long line)
            throws BadShape {
        Map<String, @Nullable Object> raw = object(record);
        return switch (format) {
            case EVTX_JSON -> evtx(raw, source, line);
            case ECS_NDJSON -> ecs(raw, source, line);
            case FLAT_JSON -> flat(raw, source, line);
            case ZEEK_JSON -> NetworkMapping.zeekJson(raw, zeekPath, source, line);
            case SURICATA_EVE -> NetworkMapping.suricata(raw, source, line);
            case ZEEK_TSV -> throw new BadShape("a Zeek TSV log is not JSON");
        };
    }

    /** The record as a map, or why it is not a JSON object. */
    static Map<String, @Nullable Object> object(@Nullable Object record) throws BadShape {
        if (!(record instanceof Map)) {
            throw new BadShape("expected a JSON object, got " + kind(record));
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> raw = (Map<String, @Nullable Object>) record;
        return raw;
    }

    private static MapEvent evtx(Map<String, @Nullable Object> raw, String source, long line) throws BadShape {
        Object event = raw.get("Event");
        if (!(event instanceof Map)) {
            throw new BadShape("expected {\"Event\":{\"System\":...}}, no \"Event\" object");
        }
        Map<?, ?> ev = (Map<?, ?>) event;
        Object system = ev.get("System");
        if (!(system instanceof Map)) {
            throw new BadShape("expected {\"Event\":{\"System\":...}}, no \"Event.System\" object");
        }
        Map<String, @Nullable Object> f = new LinkedHashMap<>();
        Instant ts = null;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) system).entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            if (key.equals("Provider")) {
                putAttributes(f, "Provider_", v);
            } else if (key.equals("TimeCreated")) {
                Object st = JsonTree.path(v, "#attributes.SystemTime");
                f.put("TimeCreated_SystemTime", st);
                ts = instant(st);
            } else if (v instanceof Map && !((Map<?, ?>) v).containsKey("#text")) {
                putAttributes(f, key + "_", v);
            } else {
                f.put(key, text(v));
            }
        }
        normalizeEventId(f);
        putData(f, ev.get("EventData"));
        Object userData = ev.get("UserData");
        if (userData instanceof Map) {
            for (Object inner : ((Map<?, ?>) userData).values()) {
                putData(f, inner);
            }
        }
        return new MapEvent(f, raw, ts, source, line);
    }

    /** {@code {"#attributes":{"Name":"x","Guid":"y"}}} → {@code prefix+Name = x}, {@code prefix+Guid = y}. */
    private static void putAttributes(Map<String, @Nullable Object> f, String prefix, @Nullable Object v) {
        Object attrs = JsonTree.path(v, "#attributes");
        if (attrs instanceof Map) {
            for (Map.Entry<?, ?> a : ((Map<?, ?>) attrs).entrySet()) {
                f.put(prefix + a.getKey(), a.getValue());
            }
        }
    }

    /** EventData / UserData children: every key to a top-level field, {@code #text} unwrapped. */
    private static void putData(Map<String, @Nullable Object> f, @Nullable Object data) {
        if (!(data instanceof Map)) {
            return;
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) data).entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            if (key.equals("#attributes")) {
                continue;
            }
            if (key.equals("Data") && v instanceof List) {
                // <Data Name="x">y</Data> kept as a list of {"#attributes":{"Name":"x"},"#text":"y"}
                boolean named = false;
                for (Object item : (List<?>) v) {
                    Object name = JsonTree.path(item, "#attributes.Name");
                    if (name != null) {
                        named = true;
                        putField(f, name.toString(), text(item));
                    }
                }
                if (named) {
                    continue;
                }
            }
            putField(f, key, text(v));
        }
    }

    /**
     * Puts an event data field. Names with spaces (Defender's {@code Threat Name}) are also put without them
     * ({@code ThreatName}), the form Sigma rules use.
     */
    private static void putField(Map<String, @Nullable Object> f, String key, @Nullable Object v) {
        if (!CORE.contains(key) || !f.containsKey(key)) {
            f.put(key, v);
        }
        if (key.indexOf(' ') >= 0) {
            f.putIfAbsent(key.replace(" ", ""), v);
        }
    }

    private static MapEvent ecs(Map<String, @Nullable Object> raw, String source, long line) {
        Map<String, @Nullable Object> f = new LinkedHashMap<>();
        Object data = JsonTree.path(raw, "winlog.event_data");
        if (data instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) data).entrySet()) {
                putField(f, String.valueOf(e.getKey()), e.getValue());
            }
        }
        Object userData = JsonTree.path(raw, "winlog.user_data");
        if (userData instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) userData).entrySet()) {
                f.putIfAbsent(String.valueOf(e.getKey()), e.getValue());
            }
        }
        putFirst(f, "EventID", raw, "winlog.event_id", "event.code");
        putFirst(f, "Channel", raw, "winlog.channel");
        putFirst(f, "Provider_Name", raw, "winlog.provider_name", "event.provider");
        putFirst(f, "Provider_Guid", raw, "winlog.provider_guid");
        putFirst(f, "Computer", raw, "winlog.computer_name", "host.name", "host.hostname");
        putFirst(f, "EventRecordID", raw, "winlog.record_id");
        putFirst(f, "Task", raw, "winlog.task");
        putFirst(f, "Opcode", raw, "winlog.opcode");
        putFirst(f, "Level", raw, "log.level");
        normalizeEventId(f);
        return new MapEvent(f, raw, instant(JsonTree.path(raw, "@timestamp")), source, line);
    }

    private static MapEvent flat(Map<String, @Nullable Object> raw, String source, long line) {
        Map<String, @Nullable Object> f = new LinkedHashMap<>(raw);
        if (f.get("Computer") == null) {
            putFirst(f, "Computer", raw, "Hostname", "hostname", "host");
        }
        if (f.get("Provider_Name") == null) {
            putFirst(f, "Provider_Name", raw, "SourceName", "ProviderName");
        }
        normalizeEventId(f);
        Instant ts = null;
        for (String k : new String[] {"EventTime", "TimeCreated", "@timestamp", "EventReceivedTime"}) {
            ts = instant(raw.get(k));
            if (ts != null) {
                break;
            }
        }
        return new MapEvent(f, raw, ts, source, line);
    }

    private static void putFirst(Map<String, @Nullable Object> f, String field, Object raw, String... paths) {
        for (String p : paths) {
            Object v = JsonTree.path(raw, p);
            if (v != null) {
                f.put(field, v);
                return;
            }
        }
    }

    /** {@code {"#text": 1, "#attributes": {...}}} → 1; anything else unchanged. */
    private static @Nullable Object text(@Nullable Object v) {
        if (v instanceof Map && ((Map<?, ?>) v).containsKey("#text")) {
            return ((Map<?, ?>) v).get("#text");
        }
        return v;
    }

    private static void normalizeEventId(Map<String, @Nullable Object> f) {
        Object v = text(f.get("EventID"));
        if (v instanceof String) {
            String s = ((String) v).trim();
            if (!s.isEmpty() && s.length() <= 18 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                v = Long.parseLong(s);
            }
        }
        if (v != null || f.containsKey("EventID")) {
            f.put("EventID", v);
        }
    }

    /** ISO instants, ISO date-times with an offset, or local date-times (taken as UTC); else null. */
    static @Nullable Instant instant(@Nullable Object v) {
        if (!(v instanceof String str)) {
            return null;
        }
        Instant fast = utcInstant(str);
        return fast != null ? fast : dev.harrier.core.Instants.parseLenient(str);
    }

    /**
     * The common form {@code 2024-03-01T10:00:00.1234567Z} (seconds, an optional fraction of 1 to 9 digits, {@code
     * Z}) without the general parser; null for anything else, including out-of-range fields, so that the caller
     * falls back to {@link dev.harrier.core.Instants#parseLenient}, which gives the same instant for this form.
     */
    static @Nullable Instant utcInstant(String s) {
        int n = s.length();
        if (n < 20
                || n > 30
                || s.charAt(n - 1) != 'Z'
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int nano = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nano = digits(s, 20, n - 1);
            if (nano < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nano *= 10;
            }
        } else if (n != 20) {
            return null;
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nano);
    }

    /** The decimal value of {@code s[from, to)}, or -1 when a char is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String kind(@Nullable Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof String) {
            return "a string";
        }
        return v instanceof Boolean ? "a boolean" : "a number";
    }
}
