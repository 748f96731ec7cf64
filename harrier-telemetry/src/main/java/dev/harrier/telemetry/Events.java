package dev.harrier.telemetry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds {@link Event}s from fields, for tests, synthetic events and other producers. */
public final class Events {
    private Events() {}

    /**
     * An event with the given Sigma fields (copied; values as {@link Event#get} describes), timestamp and origin. An
     * integral {@code EventID} given as a {@link Number} or a string of digits is stored as a {@link Long}.
     */
    public static Event of(
            Map<String, ? extends @Nullable Object> fields, @Nullable Instant timestamp, String source, long line) {
        Map<String, @Nullable Object> copy = new LinkedHashMap<>(fields);
        Object id = copy.get("EventID");
        if (id instanceof Number n && !(id instanceof Long) && n.doubleValue() == Math.rint(n.doubleValue())) {
            copy.put("EventID", n.longValue());
        } else if (id instanceof String s
                && !s.isEmpty()
                && s.length() < 10
                && s.chars().allMatch(Character::isDigit)) {
            copy.put("EventID", Long.parseLong(s));
        }
        return new MapEvent(copy, Map.copyOf(new LinkedHashMap<>()), timestamp, source, line);
    }

    /**
     * A network event as the Zeek, Suricata and column-mapped readers make them (see {@link Event}): the fields
     * (copied) under their own names, the given {@link Event#product() product} ({@code zeek}, {@code suricata},
     * ...), {@link Event#channel() channel} ({@code zeek/dns}, ...) and {@link Event#host() host}, event id -1.
     */
    public static Event network(
            String product,
            @Nullable String channel,
            @Nullable String host,
            Map<String, ? extends @Nullable Object> fields,
            @Nullable Instant timestamp,
            String source,
            long line) {
        return new MapEvent(
                new LinkedHashMap<>(fields),
                Map.of(),
                timestamp,
                source,
                line,
                new MapEvent.Origin(product, channel, host));
    }
}
