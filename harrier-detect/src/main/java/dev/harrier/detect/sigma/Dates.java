package dev.harrier.detect.sigma;

import dev.harrier.core.Instants;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Reads event values as instants for the time modifiers ({@link Instants#parseLenient}: ISO-8601 with an offset, or a
 * local date-time taken as UTC). The specification leaves zones to the user.
 */
final class Dates {
    private Dates() {}

    static @Nullable Instant parse(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        return v instanceof String s ? Instants.parseLenient(s) : null;
    }
}
