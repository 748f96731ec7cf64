package dev.harrier.detect.sigma;

import dev.harrier.telemetry.Event;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Test events: a map of Sigma field names to values, a timestamp, and a {@code source:line}. */
final class TestEvents {
    /** The time {@link #at} counts from. */
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private TestEvents() {}

    /** An event at {@code T0 + millis} from {@code test.log:line}; {@code kv} alternates field names and values. */
    static Event at(long millis, long line, @Nullable Object... kv) {
        return of(T0.plusMillis(millis), "test.log", line, kv);
    }

    /** An event; {@code kv} alternates field names and values (values may be null). */
    static Event of(@Nullable Instant time, String source, long line, @Nullable Object... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("field names and values must alternate");
        }
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            fields.put(String.valueOf(kv[i]), kv[i + 1]);
        }
        return new MapBacked(time, source, line, Collections.unmodifiableMap(fields));
    }

    private static final class MapBacked implements Event {
        private final @Nullable Instant time;
        private final String source;
        private final long line;
        private final Map<String, @Nullable Object> fields;

        MapBacked(@Nullable Instant time, String source, long line, Map<String, @Nullable Object> fields) {
            this.time = time;
            this.source = source;
            this.line = line;
            this.fields = fields;
        }

        @Override
        public @Nullable Object get(String field) {
            return fields.get(field);
        }

        @Override
        public Map<String, @Nullable Object> fields() {
            return fields;
        }

        @Override
        public Iterable<String> fieldNames() {
            return fields.keySet();
        }

        @Override
        public @Nullable Instant timestamp() {
            return time;
        }

        @Override
        public @Nullable String host() {
            return fields.get("Computer") instanceof String s ? s : null;
        }

        @Override
        public @Nullable String channel() {
            return fields.get("Channel") instanceof String s ? s : null;
        }

        @Override
        public @Nullable String provider() {
            return fields.get("Provider_Name") instanceof String s ? s : null;
        }

        @Override
        public int eventId() {
            return fields.get("EventID") instanceof Long l ? l.intValue() : -1;
        }

        @Override
        public String source() {
            return source;
        }

        @Override
        public long line() {
            return line;
        }

        @Override
        public String toString() {
            return source + ":" + line + " " + time + " " + fields;
        }
    }
}
