package dev.harrier.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Selects stored {@linkplain Sighting sightings}. Every filter is optional (null means "any"); a sighting must pass all
 * filters that are set.
 *
 * <pre>{@code
 * SightingQuery.all()
 *         .withTechnique("T1059.001")
 *         .withMinLevel("high")
 *         .withSince(Instant.parse("2024-05-01T00:00:00Z"))
 *         .withLimit(100);
 * }</pre>
 *
 * @param ruleId only sightings of this rule ({@link Sighting#ruleId()}, exact)
 * @param technique only sightings that list this ATT&amp;CK id, compared ignoring case (stored upper-case); exact, so
 *     {@code T1059} does not match a sighting that lists only {@code T1059.001}
 * @param host only sightings from this host (exact)
 * @param kind only sightings of this kind ({@code sigma}, {@code ioc}, ...)
 * @param since only sightings observed at or after this instant; sightings without a time never match
 * @param until only sightings observed before this instant (exclusive); sightings without a time never match
 * @param minLevel only sightings of this level or above, one of {@link #LEVELS} (stored lower-case, given in any
 *     case); a sighting without a level, or with a level that is none of them, counts as the lowest
 *     ({@code informational})
 * @param limit at most this many sightings from {@link Store#forEachSighting}; 0 means no limit. Counts ignore it
 */
public record SightingQuery(
        @Nullable String ruleId,
        @Nullable String technique,
        @Nullable String host,
        @Nullable String kind,
        @Nullable Instant since,
        @Nullable Instant until,
        @Nullable String minLevel,
        int limit) {

    /** The Sigma levels, lowest first; a level's rank is its index here. */
    public static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

    private static final SightingQuery ALL = new SightingQuery(null, null, null, null, null, null, null, 0);

    /**
     * Normalizes {@code technique} to upper case and {@code minLevel} to lower case.
     *
     * @throws IllegalArgumentException when {@code minLevel} is not one of {@link #LEVELS} or {@code limit} is
     *     negative
     */
    public SightingQuery {
        if (technique != null) {
            technique = technique.toUpperCase(Locale.ROOT);
        }
        if (minLevel != null) {
            String level = minLevel.toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(level)) {
                throw new IllegalArgumentException("not a level: '" + minLevel + "' (one of " + LEVELS + ")");
            }
            minLevel = level;
        }
        if (limit < 0) {
            throw new IllegalArgumentException("a negative limit: " + limit);
        }
    }

    /** Every sighting, no limit. */
    public static SightingQuery all() {
        return ALL;
    }

    /**
     * The rank of a level: its index in {@link #LEVELS} ({@code informational} 0 to {@code critical} 4), compared
     * ignoring case; 0 for null and for any other text.
     */
    public static int levelRank(@Nullable String level) {
        if (level == null) {
            return 0;
        }
        int rank = LEVELS.indexOf(level.toLowerCase(Locale.ROOT));
        return Math.max(rank, 0);
    }

    /** This query restricted to the rule {@code id} (null: any rule). */
    public SightingQuery withRuleId(@Nullable String id) {
        return new SightingQuery(id, technique, host, kind, since, until, minLevel, limit);
    }

    /** This query restricted to sightings that list the ATT&amp;CK id {@code id} (null: any). */
    public SightingQuery withTechnique(@Nullable String id) {
        return new SightingQuery(ruleId, id, host, kind, since, until, minLevel, limit);
    }

    /** This query restricted to sightings from {@code name} (null: any host). */
    public SightingQuery withHost(@Nullable String name) {
        return new SightingQuery(ruleId, technique, name, kind, since, until, minLevel, limit);
    }

    /** This query restricted to sightings of {@code k} (null: any kind). */
    public SightingQuery withKind(@Nullable String k) {
        return new SightingQuery(ruleId, technique, host, k, since, until, minLevel, limit);
    }

    /** This query restricted to sightings observed at or after {@code from} (null: no lower bound). */
    public SightingQuery withSince(@Nullable Instant from) {
        return new SightingQuery(ruleId, technique, host, kind, from, until, minLevel, limit);
    }

    /** This query restricted to sightings observed before {@code to}, exclusive (null: no upper bound). */
    public SightingQuery withUntil(@Nullable Instant to) {
        return new SightingQuery(ruleId, technique, host, kind, since, to, minLevel, limit);
    }

    /**
     * This query restricted to sightings of {@code level} or above (null: any level).
     *
     * @throws IllegalArgumentException when {@code level} is not one of {@link #LEVELS}
     */
    public SightingQuery withMinLevel(@Nullable String level) {
        return new SightingQuery(ruleId, technique, host, kind, since, until, level, limit);
    }

    /**
     * This query yielding at most {@code n} sightings (0: no limit).
     *
     * @throws IllegalArgumentException when {@code n} is negative
     */
    public SightingQuery withLimit(int n) {
        return new SightingQuery(ruleId, technique, host, kind, since, until, minLevel, n);
    }
}
