package dev.harrier.detect.pattern;

import dev.harrier.core.StixObject;
import dev.harrier.telemetry.Event;
import dev.harrier.telemetry.EventSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Matches indexed STIX patterns against a stream of telemetry events, each mapped to observed-data by {@link
 * EventObservations}.
 *
 * <p>Events are taken in batches of {@code batchSize} (memory stays bounded whatever the input size); each batch is
 * prepared once as a {@link PatternMatcher} and matched through the {@link PatternIndex}. A pattern with one
 * observation expression sees every event; a pattern that combines observations ({@code AND}, {@code OR} between
 * observations, {@code FOLLOWEDBY}, {@code REPEATS}, {@code WITHIN}) is decided over the observations of one batch,
 * so a sequence split across two batches is not found: choose a batch that spans the sequences you hunt for.
 */
public final class EventPatternScan {
    /** The default number of events per batch. */
    public static final int DEFAULT_BATCH = 10_000;

    /**
     * A pattern that matched, with the events of the observations that satisfied it.
     *
     * @param pattern the pattern
     * @param events the events, in the order of {@link MatchResult#observationIds()}
     * @param incomplete whether the search budget ran out before every combination was tried
     */
    public record PatternHit(CompiledPattern pattern, List<Event> events, boolean incomplete) {
        public PatternHit {
            events = List.copyOf(events);
        }
    }

    /**
     * What a scan did.
     *
     * @param events events read
     * @param observed events that mapped to observed-data (the others had no time or no observable)
     * @param batches batches matched
     * @param hits pattern matches reported
     */
    public record Stats(long events, long observed, long batches, long hits) {}

    private final PatternIndex index;
    private final int batchSize;

    /** A scan of the patterns of {@code index} in batches of {@code batchSize} events. */
    public EventPatternScan(PatternIndex index, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.index = index;
        this.batchSize = batchSize;
    }

    /** Reads {@code source} to the end and passes every match to {@code sink}, batch by batch. */
    public Stats run(EventSource source, Consumer<PatternHit> sink) throws IOException {
        long events = 0;
        long observed = 0;
        long batches = 0;
        long hits = 0;
        List<StixObject> objects = new ArrayList<>();
        Map<String, Event> byObservation = new HashMap<>();
        for (Event e = source.next(); e != null; e = source.next()) {
            events++;
            List<StixObject> mapped = EventObservations.of(e);
            if (mapped.isEmpty()) {
                continue;
            }
            observed++;
            objects.addAll(mapped);
            byObservation.put(mapped.get(0).id(), e);
            if (byObservation.size() >= batchSize) {
                hits += flush(objects, byObservation, sink);
                batches++;
            }
        }
        if (!byObservation.isEmpty()) {
            hits += flush(objects, byObservation, sink);
            batches++;
        }
        return new Stats(events, observed, batches, hits);
    }

    private long flush(List<StixObject> objects, Map<String, Event> byObservation, Consumer<PatternHit> sink) {
        long hits = 0;
        for (MatchResult r : index.match(PatternMatcher.of(objects))) {
            if (!r.matched()) {
                continue;
            }
            List<Event> events = new ArrayList<>();
            for (String id : r.observationIds()) {
                Event e = byObservation.get(id);
                if (e != null) {
                    events.add(e);
                }
            }
            sink.accept(new PatternHit(r.pattern(), events, r.incomplete()));
            hits++;
        }
        objects.clear();
        byObservation.clear();
        return hits;
    }
}
