package dev.harrier.analysis.campaign;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** One incident being built: counts, time span and a capped set of feature ids. */
final class IncidentAccumulator {
    final String asset;

    @Nullable
    Instant first;

    @Nullable
    Instant last;

    long sightings;
    long events;
    final Map<Integer, Long> eventsPerYear = new TreeMap<>();
    final Set<Integer> features = new LinkedHashSet<>();
    long featuresOmitted;
    /** Index in the final incident list (set when clustering starts). */
    int index;

    IncidentAccumulator(String asset) {
        this.asset = asset;
    }

    void add(@Nullable Instant time, boolean newEvent) {
        sightings++;
        if (time != null) {
            if (first == null || time.isBefore(first)) {
                first = time;
            }
            if (last == null || time.isAfter(last)) {
                last = time;
            }
        }
        if (newEvent) {
            events++;
            if (time != null) {
                eventsPerYear.merge(time.atZone(ZoneOffset.UTC).getYear(), 1L, Long::sum);
            }
        }
    }

    void feature(int id, int cap) {
        if (features.size() < cap) {
            features.add(id);
        } else if (!features.contains(id)) {
            featuresOmitted++;
        }
    }

    /** Start of the time span in epoch seconds; {@link Long#MAX_VALUE} when untimed. */
    long start() {
        return first == null ? Long.MAX_VALUE : first.getEpochSecond();
    }

    /** End of the time span in epoch seconds; {@link Long#MAX_VALUE} when untimed. */
    long end() {
        return last == null ? Long.MAX_VALUE : last.getEpochSecond();
    }
}
