package dev.harrier.analysis.clock;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Public holidays per country: Jollyday (a maintained holiday library) where it has the country, and Harrier's own
 * rules on ICU4J's lunar, lunisolar and solar-hijri calendars for the countries Jollyday lacks ({@link IcuHolidays}).
 * For any other country there is no data, and callers must say so.
 */
final class HolidayCalendars {
    static final String JOLLYDAY = "Jollyday 1.5.6";

    private HolidayCalendars() {}

    /** Whether holiday data exists for {@code country}. */
    static boolean available(String country) {
        String c = country.toUpperCase(Locale.ROOT);
        return IcuHolidays.COUNTRIES.contains(c) || jollydayCodes().contains(c);
    }

    /** The holidays of {@code country} from {@code from} to {@code to} inclusive, or null without data. */
    static @Nullable CountryHolidays lookup(String country, LocalDate from, LocalDate to) {
        String c = country.toUpperCase(Locale.ROOT);
        if (IcuHolidays.COUNTRIES.contains(c)) {
            return IcuHolidays.holidays(c, from, to);
        }
        if (!jollydayCodes().contains(c)) {
            return null;
        }
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(c));
        List<CountryHolidays.Day> days = new ArrayList<>();
        for (int y = from.getYear(); y <= to.getYear(); y++) {
            for (Holiday h : manager.getHolidays(Year.of(y))) {
                // getDate() is the day off (moved when the law moves it), getActualDate() the nominal date
                LocalDate date = h.getDate();
                if (h.getType() == HolidayType.PUBLIC_HOLIDAY && !date.isBefore(from) && !date.isAfter(to)) {
                    days.add(new CountryHolidays.Day(date, h.getDescription(Locale.ENGLISH)));
                }
            }
        }
        return new CountryHolidays(c, JOLLYDAY, days, null);
    }

    private static Set<String> jollydayCodes() {
        return Holder.CODES;
    }

    private static final class Holder {
        static final Set<String> CODES = codes();

        private static Set<String> codes() {
            Set<String> out = new java.util.TreeSet<>();
            for (String code : HolidayManager.getSupportedCalendarCodes()) {
                if (code.length() == 2) {
                    out.add(code.toUpperCase(Locale.ROOT));
                }
            }
            return Set.copyOf(out);
        }
    }
}
