package dev.harrier.telemetry;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Event} over a map of fields plus the original record tree. Without an {@link Origin} it is a Windows
 * event whose host, channel, provider and id come from its Sigma fields; with one it is a network event.
 */
final class MapEvent implements Event {
    /** Product, channel and host of a network event, which do not come from its fields. */
    record Origin(
            String product,
            @Nullable String channel,
            @Nullable String host) {}

    private final Map<String, @Nullable Object> fields;
    private final Map<String, @Nullable Object> raw;
    private final @Nullable Instant timestamp;
    private final String source;
    private final long line;
    private final @Nullable Origin origin;

    MapEvent(
            Map<String, @Nullable Object> fields,
            Map<String, @Nullable Object> raw,
            @Nullable Instant timestamp,
            String source,
            long line) {
        this(fields, raw, timestamp, source, line, null);
    }

    MapEvent(
            Map<String, @Nullable Object> fields,
            Map<String, @Nullable Object> raw,
            @Nullable Instant timestamp,
            String source,
            long line,
            @Nullable Origin origin) {
        this.fields = Collections.unmodifiableMap(fields);
        this.raw = raw;
        this.timestamp = timestamp;
        this.source = source;
        this.line = line;
        this.origin = origin;
    }

    @Override
    public @Nullable Object get(String field) {
        Object v = fields.get(field);
        if (v != null || fields.containsKey(field)) {
            return v;
        }
        return JsonTree.path(raw, field);
    }

    @Override
    public Map<String, @Nullable Object> fields() {
        return fields;
    }

    @Override
    public Iterable<String> fieldNames() {
        Set<String> names = new LinkedHashSet<>(fields.keySet());
        JsonTree.leafPaths(raw, "", names);
        return Collections.unmodifiableSet(names);
    }

    @Override
    public @Nullable Instant timestamp() {
        return timestamp;
    }

    @Override
    public @Nullable String host() {
        Origin o = origin;
        return o != null ? o.host() : text("Computer");
    }

    @Override
    public @Nullable String channel() {
        Origin o = origin;
        return o != null ? o.channel() : text("Channel");
    }

    @Override
    public @Nullable String provider() {
        return origin != null ? null : text("Provider_Name");
    }

    @Override
    public String product() {
        Origin o = origin;
        return o != null ? o.product() : "windows";
    }

    @Override
    public int eventId() {
        if (origin != null) {
            return -1;
        }
        Object v = fields.get("EventID");
        if (v instanceof Long id) {
            long l = id;
            if (l >= 0 && l <= Integer.MAX_VALUE) {
                return (int) l;
            }
        }
        return -1;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public long line() {
        return line;
    }

    private @Nullable String text(String field) {
        Object v = fields.get(field);
        return v == null ? null : v.toString();
    }

    @Override
    public String toString() {
        Origin o = origin;
        return o != null ? source + ":" + line + " " + o.channel() + " " + fields : source + ":" + line + " " + fields;
    }
}
