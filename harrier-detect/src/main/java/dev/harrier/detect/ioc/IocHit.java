package dev.harrier.detect.ioc;

import dev.harrier.telemetry.Event;

/**
 * An indicator's observable was seen in an event. When several indicators (from several sources, say) name the same
 * observable, one hit carries them all: {@code entry} is the first, {@code others} the rest.
 *
 * @param entry the matching index entry (indicator id, kind, indexed value)
 * @param others further indicators matched by the same observed value
 * @param field the event field that held the observed value
 * @param observed the value as the event had it
 * @param event the event
 */
public record IocHit(IocEntry entry, java.util.List<IocEntry> others, String field, String observed, Event event) {
    public IocHit {
        others = java.util.List.copyOf(others);
    }

    /** Every indicator of the hit, {@code entry} first. */
    public java.util.List<IocEntry> entries() {
        java.util.List<IocEntry> all = new java.util.ArrayList<>(1 + others.size());
        all.add(entry);
        all.addAll(others);
        return all;
    }
}
