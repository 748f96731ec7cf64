package dev.harrier.telemetry;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Maps Zeek and Suricata records to network {@link Event}s (see {@link Event} for the view). */
final class NetworkMapping {
    /** Zeek JSON fields that hold a {@code time}, turned into {@link Instant}s like TSV {@code time} columns. */
    static final Set<String> ZEEK_TIME_FIELDS =
            Set.of("ts", "_write_ts", "certificate.not_valid_before", "certificate.not_valid_after");

    /** Fields naming the Zeek sensor (Corelight, cluster nodes, json-streaming-logs), first present wins. */
    static final List<String> ZEEK_SENSOR_FIELDS = List.of("_system_name", "_node_name", "_node");

    private static final Pattern LOG_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private NetworkMapping() {}

    /**
     * The Zeek log path from a file name, for logs that do not say it themselves (no {@code _path}, no
     * {@code #path}): the file name up to its first dot, when that is 1 to 64 letters, digits, {@code _} or
     * {@code -}; else {@code unknown}. So {@code conn.log} gives {@code conn}, {@code
     * dns.05:00:00-06:00:00.log.gz} gives {@code dns}, {@code http_eth0.log} gives {@code http_eth0}.
     */
    static String pathFromFileName(@Nullable Path file) {
        Path name = file == null ? null : file.getFileName();
        if (name == null) {
            return "unknown";
        }
        String s = name.toString();
        int dot = s.indexOf('.');
        String head = dot < 0 ? s : s.substring(0, dot);
        return LOG_NAME.matcher(head).matches() ? head : "unknown";
    }

    /** A Zeek TSV record already typed. */
    static MapEvent zeek(Map<String, @Nullable Object> fields, String path, String source, long line) {
        Object ts = fields.get("ts");
        return new MapEvent(
                fields,
                Map.of(),
                ts instanceof Instant i ? i : null,
                source,
                line,
                new MapEvent.Origin("zeek", "zeek/" + path, sensor(fields)));
    }

    /** One Zeek JSON log record; {@code fallbackPath} when it has no {@code _path}. */
    static MapEvent zeekJson(Map<String, @Nullable Object> raw, String fallbackPath, String source, long line)
            throws FieldMapping.BadShape {
        Map<String, @Nullable Object> f = new LinkedHashMap<>();
        flatten(raw, "", f);
        for (String k : ZEEK_TIME_FIELDS) {
            Object v = f.get(k);
            if (v != null && !(v instanceof Instant)) {
                Instant t = v instanceof String ? Times.iso(v) : Times.epochSeconds(v);
                if (t == null && v instanceof String) {
                    t = Times.epochSeconds(v);
                }
                if (t == null) {
                    throw new FieldMapping.BadShape("bad time in \"" + k + "\": " + shorten(String.valueOf(v)));
                }
                f.put(k, t);
            }
        }
        Object p = f.get("_path");
        String path = p instanceof String s && !s.isBlank() && s.length() <= 200 ? s : fallbackPath;
        Object ts = f.get("ts");
        return new MapEvent(
                f,
                raw,
                ts instanceof Instant i ? i : null,
                source,
                line,
                new MapEvent.Origin("zeek", "zeek/" + path, sensor(f)));
    }

    /** One Suricata EVE record. */
    static MapEvent suricata(Map<String, @Nullable Object> raw, String source, long line) throws FieldMapping.BadShape {
        Object type = raw.get("event_type");
        if (!(type instanceof String t) || t.isBlank()) {
            throw new FieldMapping.BadShape("expected a Suricata EVE record, no \"event_type\" string");
        }
        Map<String, @Nullable Object> f = new LinkedHashMap<>();
        flatten(raw, "", f);
        Object host = raw.get("host");
        return new MapEvent(
                f,
                raw,
                Times.iso(raw.get("timestamp")),
                source,
                line,
                new MapEvent.Origin("suricata", "suricata/" + t, host instanceof String h ? h : null));
    }

    private static @Nullable String sensor(Map<String, @Nullable Object> fields) {
        for (String k : ZEEK_SENSOR_FIELDS) {
            if (fields.get(k) instanceof String s && !s.isEmpty()) {
                return s;
            }
        }
        return null;
    }

    /** Nested objects to dotted keys ({@code {"dns":{"rrname":x}}} → {@code dns.rrname}); lists kept whole. */
    static void flatten(Map<?, ?> map, String prefix, Map<String, @Nullable Object> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                flatten(m, key, out);
            } else {
                out.put(key, v);
            }
        }
    }

    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
