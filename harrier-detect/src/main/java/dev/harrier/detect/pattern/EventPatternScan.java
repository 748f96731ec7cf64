package dev.harrier.detect.pattern;

import dev.harrier.core.StixObject;
import dev.harrier.telemetry.Event;
import dev.harrier.telemetry.EventSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>Every occurrence is reported, not only the first: after a match, the pattern is matched again over the
 * observations not bound yet, so a one-observation pattern reports each event that satisfies it and a sequence
 * each disjoint occurrence (at most {@link #MAX_OCCURRENCES} per pattern and batch).
 */
public final class EventPatternScan {
    /** Occurrences of one pattern reported per batch, at most. */
    public static final int MAX_OCCURRENCES = 10_000;

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
        Feed feed = feed(sink);
        for (Event e = source.next(); e != null; e = source.next()) {
            feed.accept(e);
        }
        return feed.finish();
    }

    /** A push-style scan, for pipelines that read the events themselves: {@link Feed#accept} each, then finish. */
    public Feed feed(Consumer<PatternHit> sink) {
        return new Feed(sink);
    }

    /** Takes events one at a time and matches each full batch; not thread-safe. */
    public final class Feed {
        private final Consumer<PatternHit> sink;
        private final List<StixObject> objects = new ArrayList<>();
        private final Map<String, Event> byObservation = new HashMap<>();
        private long events;
        private long observed;
        private long batches;
        private long hits;

        private Feed(Consumer<PatternHit> sink) {
            this.sink = sink;
        }

        /** Adds an event; matches the batch when it is full. */
        public void accept(Event e) {
            events++;
            List<StixObject> mapped = EventObservations.of(e);
            if (mapped.isEmpty()) {
                return;
            }
            observed++;
            objects.addAll(mapped);
            byObservation.put(mapped.get(0).id(), e);
            if (byObservation.size() >= batchSize) {
                flush();
            }
        }

        private void report(MatchResult r) {
            List<Event> matched = new ArrayList<>();
            for (String id : r.observationIds()) {
                Event e = byObservation.get(id);
                if (e != null) {
                    matched.add(e);
                }
            }
            sink.accept(new PatternHit(r.pattern(), matched, r.incomplete()));
            hits++;
        }

        /** Matches what is left and returns the totals. */
        public Stats finish() {
            if (!byObservation.isEmpty()) {
                flush();
            }
            return new Stats(events, observed, batches, hits);
        }

        private void flush() {
            batches++;
            PatternMatcher m = PatternMatcher.of(objects);
            for (MatchResult r : index.match(m)) {
                if (!r.matched()) {
                    continue;
                }
                // the first binding, then further ones over the observations not bound yet: every event that
                // satisfies a one-observation pattern, every disjoint occurrence of a sequence
                Set<String> bound = new HashSet<>();
                MatchResult next = r;
                for (int round = 0; next.matched() && round < MAX_OCCURRENCES; round++) {
                    report(next);
                    bound.addAll(next.observationIds());
                    int[] positions = new int[m.size()];
                    int count = 0;
                    for (int i = 0; i < m.size(); i++) {
                        if (!bound.contains(m.obs(i).id)) {
                            positions[count++] = i;
                        }
                    }
                    next = count == 0
                            ? new MatchResult(r.pattern(), false, List.of(), false)
                            : m.match(r.pattern(), positions, count);
                }
            }
            objects.clear();
            byObservation.clear();
        }
    }
}
