package dev.harrier.detect.sigma;

import dev.harrier.telemetry.Event;
import dev.harrier.telemetry.Events;
import java.time.Instant;
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
        return Events.of(fields, time, source, line);
    }
}
