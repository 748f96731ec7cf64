package dev.harrier.detect.ioc;

import dev.harrier.telemetry.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks each event's observables against an {@link IocIndex}. Not thread-safe (one per thread); the index is
 * shared. An indicator hits an event at most once, with the first field that matched; indicators naming the same
 * value form one hit.
 */
public final class IocMatcher {
    private final IocIndex index;
    private final Set<String> seen = new HashSet<>();

    /** A matcher over {@code index}. */
    public IocMatcher(IocIndex index) {
        this.index = index;
    }

    /** The indicators {@code event} matches (valid at the event's time), each once; empty when none. */
    public List<IocHit> match(Event event) {
        if (index.size() == 0) {
            return List.of();
        }
        seen.clear();
        List<IocHit> out = new ArrayList<>(0);
        ObservableExtractor.extract(event, (kind, field, value) -> {
            if (!index.has(kind)) {
                return;
            }
            List<IocEntry> found = new ArrayList<>(0);
            index.lookup(kind, value, event.timestamp(), entry -> {
                if (seen.add(entry.indicatorId())) {
                    found.add(entry);
                }
            });
            if (found.isEmpty()) {
                return; // the common case: no grouping map, no hit
            }
            // one hit per indexed value: indicators naming the same observable travel together
            java.util.Map<String, List<IocEntry>> byValue = new java.util.LinkedHashMap<>();
            for (IocEntry en : found) {
                byValue.computeIfAbsent(en.kind() + " " + en.value(), k -> new ArrayList<>())
                        .add(en);
            }
            for (List<IocEntry> group : byValue.values()) {
                out.add(new IocHit(group.get(0), group.subList(1, group.size()), field, value, event));
            }
        });
        return out;
    }
}
