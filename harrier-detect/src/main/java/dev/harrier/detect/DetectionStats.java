package dev.harrier.detect;

import dev.harrier.telemetry.ReadError;
import java.util.List;
import java.util.Map;

/**
 * What a {@link DetectionPipeline} run did.
 *
 * @param events events read
 * @param badRecords malformed records skipped (each reported in {@code readErrors}, up to the limit)
 * @param files input files read
 * @param skippedFiles input files of no known format
 * @param nanos wall time of the run
 * @param evaluated rule conditions evaluated after the prefilter
 * @param hits alerts passed to the sink
 * @param belowLevel hits left out by the minimum level
 * @param buildingBlocks hits of rules that only feed correlations
 * @param hitsByRule alerts per rule id
 * @param hitsByLevel alerts per level ({@code none} when the rule has none)
 * @param titles rule id to title, for the rules that hit
 * @param correlationEventsWithoutTime rule hits correlations could not use because the event had no time
 * @param readErrors the first problems found in the input
 */
public record DetectionStats(
        long events,
        long badRecords,
        long files,
        long skippedFiles,
        long nanos,
        long evaluated,
        long hits,
        long belowLevel,
        long buildingBlocks,
        Map<String, Long> hitsByRule,
        Map<String, Long> hitsByLevel,
        Map<String, String> titles,
        long correlationEventsWithoutTime,
        List<ReadError> readErrors) {
    public DetectionStats {
        hitsByRule = Map.copyOf(hitsByRule);
        hitsByLevel = Map.copyOf(hitsByLevel);
        titles = Map.copyOf(titles);
        readErrors = List.copyOf(readErrors);
    }

    /** Events per second. */
    public double eventsPerSecond() {
        return nanos <= 0 ? 0 : events * 1e9 / nanos;
    }
}
