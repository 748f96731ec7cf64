package dev.harrier.detect.sigma;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Sigma correlation (meta) rule: {@code rules} (ids or names) are correlated per {@code groupBy} within
 * {@code timespan}. {@code condition} is required for the count/value types and optional for temporal ones.
 * {@code aliases} maps an alias field to, per referenced rule, the field it stands for. {@code attackTechniques} are
 * the ATT&amp;CK ids of its {@code attack.tNNNN} tags.
 */
public record SigmaCorrelation(
        String source,
        int line,
        @Nullable String id,
        @Nullable String name,
        String title,
        @Nullable String status,
        @Nullable String level,
        @Nullable String description,
        @Nullable String author,
        List<String> attackTechniques,
        Type type,
        List<String> rules,
        List<String> groupBy,
        Duration timespan,
        @Nullable Threshold condition,
        Map<String, Map<String, String>> aliases,
        boolean generate) {
    public SigmaCorrelation {
        attackTechniques = List.copyOf(attackTechniques);
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        aliases = Map.copyOf(aliases);
    }

    /** The correlation types of the specification. */
    public enum Type {
        EVENT_COUNT,
        VALUE_COUNT,
        TEMPORAL,
        TEMPORAL_ORDERED,
        VALUE_SUM,
        VALUE_AVG,
        VALUE_PERCENTILE;

        /** The type as written ({@code event_count}). */
        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type written as {@code token}. */
        public static Optional<Type> of(String token) {
            for (Type t : values()) {
                if (t.token().equals(token)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }

        /** Whether the type aggregates a {@code field} ({@code value_*}). */
        public boolean needsField() {
            return this == VALUE_COUNT || this == VALUE_SUM || this == VALUE_AVG || this == VALUE_PERCENTILE;
        }
    }

    /** Comparison operators of a correlation condition. */
    public enum Op {
        GT,
        GTE,
        LT,
        LTE,
        EQ,
        NEQ
    }

    /**
     * The correlation condition: all comparisons must hold ({@code gte: 10, lt: 100}); {@code field} is the field
     * aggregated by {@code value_*} types; {@code percentile} (1 to 99) is the percentile that
     * {@code value_percentile} compares.
     */
    public record Threshold(
            Map<Op, BigDecimal> comparisons,
            @Nullable String field,
            @Nullable Integer percentile) {
        public Threshold {
            comparisons = Map.copyOf(comparisons);
        }
    }
}
