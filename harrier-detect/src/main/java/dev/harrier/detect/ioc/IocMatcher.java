package dev.harrier.detect.ioc;

import dev.harrier.telemetry.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Checks each event's observables against an {@link IocIndex}. Not thread-safe (one per thread); the index is
 * shared. An indicator hits an event at most once, with the first field that matched; indicators naming the same
 * value form one hit. Without a hit nothing is allocated per observable: the index reports entry numbers into a
 * reused buffer, the event's timestamp is read only for entries with a validity window.
 */
public final class IocMatcher {
    private final IocIndex index;
    private final IocEntries entries;
    private final Set<String> seen = new HashSet<>();
    private final ObservableExtractor.Sink observe = this::observe;
    private final IntConsumer collect = this::collect;
    private int[] found = new int[8];
    private int count;
    private @Nullable Event event;
    private @Nullable Instant time;
    private boolean timeRead;
    private final ObservableExtractor.LayoutCache layouts = new ObservableExtractor.LayoutCache();
    private @Nullable List<IocHit> out;

    /** A matcher over {@code index}. */
    public IocMatcher(IocIndex index) {
        this.index = index;
        this.entries = index.entries();
    }

    /** The indicators {@code event} matches (valid at the event's time), each once; empty when none. */
    public List<IocHit> match(Event event) {
        if (index.size() == 0) {
            return List.of();
        }
        this.event = event;
        this.timeRead = false;
        this.time = null;
        this.out = null;
        if (!seen.isEmpty()) {
            seen.clear();
        }
        try {
            ObservableExtractor.extract(event, observe, layouts);
        } finally {
            this.event = null;
        }
        List<IocHit> hits = out;
        out = null;
        return hits == null ? List.of() : hits;
    }

    private void collect(int entry) {
        if (count == found.length) {
            found = java.util.Arrays.copyOf(found, count * 2);
        }
        found[count++] = entry;
    }

    private @Nullable Instant time(Event e) {
        if (!timeRead) {
            time = e.timestamp();
            timeRead = true;
        }
        return time;
    }

    private void observe(IocKind kind, String field, String value) {
        if (!index.has(kind)) {
            return;
        }
        count = 0;
        index.find(kind, value, collect);
        if (count == 0) {
            return; // the common case
        }
        Event e = event;
        if (e == null) {
            return;
        }
        List<IocEntry> hit = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int i = found[k];
            IocEntry en = entries.get(i);
            if (entries.bounded(i) && !en.validAt(time(e))) {
                continue;
            }
            if (seen.add(en.indicatorId())) {
                hit.add(en);
            }
        }
        if (hit.isEmpty()) {
            return;
        }
        // one hit per indexed value: indicators naming the same observable travel together
        Map<String, List<IocEntry>> byValue = new LinkedHashMap<>();
        for (IocEntry en : hit) {
            byValue.computeIfAbsent(en.kind() + " " + en.value(), k -> new ArrayList<>())
                    .add(en);
        }
        List<IocHit> o = out;
        if (o == null) {
            o = new ArrayList<>(2);
            out = o;
        }
        for (List<IocEntry> group : byValue.values()) {
            o.add(new IocHit(group.get(0), group.subList(1, group.size()), field, value, e));
        }
    }
}
