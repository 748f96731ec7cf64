package dev.harrier.analysis.clock;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The working week read from the best-fitting offset's model, in that offset's local time.
 *
 * @param timeZone the best candidate's label
 * @param workDays the worked weekdays ({@code MON} ... {@code SUN})
 * @param workDaysLabel a compact label such as {@code Mon-Fri} or {@code Sun-Thu}
 * @param restDays the weekdays without (much) work
 * @param dayShare the share of working activity on each weekday, Monday first
 * @param start the start of the working hours, {@code HH:mm}
 * @param end the end of the working hours, {@code HH:mm}
 * @param lunchStart the start of the lunch gap, or null when there is no clear dip
 * @param lunchEnd the end of the lunch gap, or null
 * @param lunchLevel the activity during the lunch hour relative to the other working hours (1 = no dip)
 * @param backgroundShare the share of activity the model attributes to background noise (off-hours)
 */
public record WorkPattern(
        String timeZone,
        List<String> workDays,
        String workDaysLabel,
        List<String> restDays,
        List<Double> dayShare,
        String start,
        String end,
        @Nullable String lunchStart,
        @Nullable String lunchEnd,
        double lunchLevel,
        double backgroundShare) {
    public WorkPattern {
        workDays = List.copyOf(workDays);
        restDays = List.copyOf(restDays);
        dayShare = List.copyOf(dayShare);
    }
}
