package dev.harrier.telemetry;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** An {@link Event} over a map of Sigma fields plus the original record tree. */
final class MapEvent implements Event {
    private final Map<String, @Nullable Object> fields;
    private final Map<String, @Nullable Object> raw;
    private final @Nullable Instant timestamp;
    private final String source;
    private final long line;

    MapEvent(
            Map<String, @Nullable Object> fields,
            Map<String, @Nullable Object> raw,
            @Nullable Instant timestamp,
            String source,
            long line) {
        this.fields = Collections.unmodifiableMap(fields);
        this.raw = raw;
        this.timestamp = timestamp;
        this.source = source;
        this.line = line;
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
        return text("Computer");
    }

    @Override
    public @Nullable String channel() {
        return text("Channel");
    }

    @Override
    public @Nullable String provider() {
        return text("Provider_Name");
    }

    @Override
    public int eventId() {
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
        return source + ":" + line + " " + fields;
    }
}
