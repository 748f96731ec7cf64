package dev.harrier.analysis.clock;

import java.time.ZoneId;
import java.util.List;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;

/**
 * One clock hypothesis: a fixed UTC offset, or a group of time zones that keep the same offsets and daylight-saving
 * transitions within the data.
 *
 * @param label the offset ({@code +05:30}) or the representative zone id
 * @param zone the representative zone of a daylight-saving group, null for a fixed offset
 * @param fixedOffsetSeconds the offset of a fixed candidate (unused for zones)
 * @param transitions the epoch seconds at which the group's offset changes within the data (empty when fixed)
 * @param offsets the offset in force from the start of the data and after each transition, in seconds
 * @param zoneIds the zones that keep exactly these offsets within the data
 * @param countries ISO codes of those zones' countries
 * @param logPrior the candidate's log prior weight
 */
@SuppressWarnings("ArrayRecordComponent") // internal, never compared
record Candidate(
        String label,
        @Nullable ZoneId zone,
        int fixedOffsetSeconds,
        long[] transitions,
        int[] offsets,
        List<String> zoneIds,
        SortedSet<String> countries,
        double logPrior) {

    boolean daylightSaving() {
        return zone != null;
    }

    /** The offset in force at {@code epochSecond}. */
    int offsetAt(long epochSecond) {
        if (zone == null) {
            return fixedOffsetSeconds;
        }
        int i = 0;
        while (i < transitions.length && transitions[i] <= epochSecond) {
            i++;
        }
        return offsets[i];
    }

    int minOffsetSeconds() {
        if (zone == null) {
            return fixedOffsetSeconds;
        }
        int min = Integer.MAX_VALUE;
        for (int o : offsets) {
            min = Math.min(min, o);
        }
        return min;
    }

    /** The distinct offsets in force, e.g. {@code -05:00/-04:00}. */
    String offsetsLabel() {
        if (zone == null) {
            return formatOffset(fixedOffsetSeconds);
        }
        return java.util.Arrays.stream(offsets)
                .distinct()
                .sorted()
                .mapToObj(Candidate::formatOffset)
                .reduce((a, b) -> a + "/" + b)
                .orElse("");
    }

    static String formatOffset(int seconds) {
        int abs = Math.abs(seconds);
        return String.format(
                java.util.Locale.ROOT, "%s%02d:%02d", seconds < 0 ? "-" : "+", abs / 3600, (abs / 60) % 60);
    }
}
