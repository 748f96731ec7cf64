package dev.harrier.detect;

import dev.harrier.store.Sighting;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One alert from a detection run: a Sigma rule matched an event ({@code kind} {@code sigma}), a Sigma correlation
 * fired ({@code sigma-correlation}) or an indicator's observable was seen ({@code ioc}). Carries everything an analyst's timeline and the case store need, including the
 * rule's author (SigmaHQ's Detection Rule License requires it in every alert).
 *
 * @param fields for a rule, the event fields that made it match; for a correlation, its group-by values and the
 *     aggregated value
 */
public record Hit(
        String kind,
        String ruleId,
        String title,
        @Nullable String level,
        @Nullable String author,
        List<String> techniques,
        @Nullable Instant time,
        @Nullable String host,
        String source,
        long line,
        Map<String, String> fields) {
    /** A Sigma rule hit. */
    public static final String SIGMA = "sigma";

    /** An indicator (IOC) hit; the rule is the indicator. */
    public static final String IOC = "ioc";

    /** A STIX pattern matched telemetry mapped to observed-data; the rule is the indicator. */
    public static final String STIX_PATTERN = "stix-pattern";

    /** A Sigma correlation hit. */
    public static final String CORRELATION = "sigma-correlation";

    public Hit {
        techniques = List.copyOf(techniques);
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * The hit as sightings for the case store: one, or for an IOC hit naming several indicators (field
     * {@code indicators}), one per indicator.
     */
    public List<Sighting> toSightings() {
        String ids = fields.get("indicators");
        if (!kind.equals(IOC) || ids == null || !ids.contains(" ")) {
            return List.of(toSighting());
        }
        List<Sighting> out = new java.util.ArrayList<>();
        for (String id : ids.split(" ")) {
            out.add(new Sighting(
                    Sighting.idFor(kind, id, source, line, time),
                    kind,
                    id,
                    title,
                    level,
                    author,
                    techniques,
                    time,
                    host,
                    source,
                    line,
                    fields));
        }
        return out;
    }

    /** The hit as a sighting for the case store (for an IOC hit, of its first indicator). */
    public Sighting toSighting() {
        return sighting(ruleId);
    }

    private Sighting sighting(String rule) {
        return new Sighting(
                Sighting.idFor(kind, rule, source, line, time),
                kind,
                rule,
                title,
                level,
                author,
                techniques,
                time,
                host,
                source,
                line,
                fields);
    }
}
