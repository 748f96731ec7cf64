package dev.harrier.analysis.clock;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Collects activity timestamps for the {@linkplain ActivityClock activity clock}. Timestamps are aggregated at once
 * into UTC quarter-hour slots, so memory grows with the active span, not with the number of timestamps. Not
 * thread-safe.
 */
public final class ActivityLog {
    /** Seconds per slot: the clock works at quarter-hour resolution (offsets such as +05:45 need it). */
    static final int SLOT_SECONDS = 900;

    private final SlotCounts slots = new SlotCounts();
    private final EnumMap<ActivitySource, Long> bySource = new EnumMap<>(ActivitySource.class);
    private long total;
    private long minSecond = Long.MAX_VALUE;
    private long maxSecond = Long.MIN_VALUE;

    /** Adds one timestamp. */
    public ActivityLog add(Instant at, ActivitySource source) {
        return add(at.getEpochSecond(), source);
    }

    /** Adds one timestamp given in seconds since the epoch (UTC). */
    public ActivityLog add(long epochSecond, ActivitySource source) {
        slots.add(Math.floorDiv(epochSecond, SLOT_SECONDS), 1);
        bySource.merge(source, 1L, Long::sum);
        total++;
        minSecond = Math.min(minSecond, epochSecond);
        maxSecond = Math.max(maxSecond, epochSecond);
        return this;
    }

    /** The number of timestamps added. */
    public long size() {
        return total;
    }

    /** The number of timestamps added per source (sources without any are absent). */
    public Map<ActivitySource, Long> countsBySource() {
        return Map.copyOf(bySource);
    }

    /** The earliest timestamp, or null when empty. */
    public @Nullable Instant first() {
        return total == 0 ? null : Instant.ofEpochSecond(minSecond);
    }

    /** The latest timestamp, or null when empty. */
    public @Nullable Instant last() {
        return total == 0 ? null : Instant.ofEpochSecond(maxSecond);
    }

    SlotCounts.Sorted slots() {
        return slots.sorted();
    }
}
