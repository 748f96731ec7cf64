package dev.harrier.detect.sigma;

import dev.harrier.telemetry.Event;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule matched an event. {@code fields} are the event fields that made it match (the fields of the rule's
 * positive, true selections, with their first values), in rule order.
 */
public record RuleMatch(CompiledRule rule, Event event, Map<String, String> fields) {
    public RuleMatch {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
