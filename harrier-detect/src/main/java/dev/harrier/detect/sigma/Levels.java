package dev.harrier.detect.sigma;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Sigma rule levels and their order. */
public final class Levels {
    /** The levels from lowest to highest. */
    public static final List<String> ORDER = List.of("informational", "low", "medium", "high", "critical");

    private Levels() {}

    /** 0 (informational, unknown or none) to 4 (critical). */
    public static int rank(@Nullable String level) {
        if (level == null) {
            return 0;
        }
        int i = ORDER.indexOf(level.toLowerCase(Locale.ROOT));
        return Math.max(i, 0);
    }

    /**
     * The rank of a level name given by a user.
     *
     * @throws IllegalArgumentException when {@code level} is not one of {@link #ORDER}
     */
    public static int parse(String level) {
        int i = ORDER.indexOf(level.toLowerCase(Locale.ROOT));
        if (i < 0) {
            throw new IllegalArgumentException(
                    "unknown level '" + level + "' (one of " + String.join(", ", ORDER) + ")");
        }
        return i;
    }
}
