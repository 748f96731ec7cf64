package dev.harrier.analysis.clock;

import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.HebrewCalendar;
import com.ibm.icu.util.IslamicCalendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The main public holidays of countries Jollyday has no data for (CN, KR, KP, IR, IL), written for Harrier from the
 * countries' published holiday laws and computed with ICU4J's Chinese, Korean (Dangi), Persian, Islamic (Umm
 * al-Qura) and Hebrew calendars. Each country's note says what is approximated.
 */
final class IcuHolidays {
    static final Set<String> COUNTRIES = Set.of("CN", "KR", "KP", "IR", "IL");
    static final String SOURCE = "Harrier rules on ICU4J calendars";

    private static final int CHINESE_EPOCH = 2637;
    private static final int DANGI_EPOCH = 2333;

    private IcuHolidays() {}

    static @Nullable CountryHolidays holidays(String country, LocalDate from, LocalDate to) {
        List<CountryHolidays.Day> days = new ArrayList<>();
        String note;
        for (int y = from.getYear(); y <= to.getYear(); y++) {
            switch (country) {
                case "CN" -> china(y, days);
                case "KR" -> southKorea(y, days);
                case "KP" -> northKorea(y, days);
                case "IR" -> iran(y, days);
                case "IL" -> israel(y, days);
                default -> {
                    return null;
                }
            }
        }
        note = switch (country) {
            case "CN" ->
                "days off of the Spring Festival and National Day golden weeks are counted (lunar 1/1-1/7, Oct"
                        + " 1-7); the State Council's yearly make-up working days are not modelled; Qingming by the"
                        + " 21st-century approximation";
            case "KR" -> "substitute holidays and election days are not modelled";
            case "KP" -> "from public sources on North Korean holidays; practice is hard to verify";
            case "IR" ->
                "Islamic holidays by the Umm al-Qura calculation; Iran fixes them by moon sighting, so a date"
                        + " may be off by a day";
            default -> "holidays begin the evening before; only the day itself is counted";
        };
        Set<CountryHolidays.Day> inRange = new LinkedHashSet<>();
        for (CountryHolidays.Day d : days) {
            if (!d.date().isBefore(from) && !d.date().isAfter(to)) {
                inRange.add(d);
            }
        }
        return new CountryHolidays(country, SOURCE, List.copyOf(inRange), note);
    }

    private static void china(int year, List<CountryHolidays.Day> days) {
        add(days, LocalDate.of(year, 1, 1), "New Year's Day");
        for (int ext : new int[] {year + CHINESE_EPOCH - 1, year + CHINESE_EPOCH}) {
            LocalDate newYear = lunisolar("chinese", ext, 0, 1);
            if (year >= 2025) {
                add(days, newYear.minusDays(1), "Spring Festival Eve");
            }
            for (int i = 0; i < 7; i++) {
                add(days, newYear.plusDays(i), i < 3 ? "Spring Festival" : "Spring Festival golden week");
            }
            add(days, lunisolar("chinese", ext, 4, 5), "Dragon Boat Festival");
            add(days, lunisolar("chinese", ext, 7, 15), "Mid-Autumn Festival");
        }
        if (year >= 2000 && year < 2100) {
            int yy = year % 100;
            add(days, LocalDate.of(year, 4, (int) Math.floor(yy * 0.2422 + 4.81) - yy / 4), "Qingming Festival");
        }
        add(days, LocalDate.of(year, 5, 1), "Labour Day");
        if (year >= 2025) {
            add(days, LocalDate.of(year, 5, 2), "Labour Day");
        }
        for (int d = 1; d <= 7; d++) {
            add(days, LocalDate.of(year, 10, d), d <= 3 ? "National Day" : "National Day golden week");
        }
    }

    private static void southKorea(int year, List<CountryHolidays.Day> days) {
        add(days, LocalDate.of(year, 1, 1), "New Year's Day");
        add(days, LocalDate.of(year, 3, 1), "Independence Movement Day");
        add(days, LocalDate.of(year, 5, 5), "Children's Day");
        add(days, LocalDate.of(year, 6, 6), "Memorial Day");
        add(days, LocalDate.of(year, 8, 15), "Liberation Day");
        add(days, LocalDate.of(year, 10, 3), "National Foundation Day");
        add(days, LocalDate.of(year, 10, 9), "Hangul Day");
        add(days, LocalDate.of(year, 12, 25), "Christmas Day");
        for (int ext : new int[] {year + DANGI_EPOCH - 1, year + DANGI_EPOCH}) {
            LocalDate seollal = lunisolar("dangi", ext, 0, 1);
            add(days, seollal.minusDays(1), "Seollal");
            add(days, seollal, "Seollal");
            add(days, seollal.plusDays(1), "Seollal");
            add(days, lunisolar("dangi", ext, 3, 8), "Buddha's Birthday");
            LocalDate chuseok = lunisolar("dangi", ext, 7, 15);
            add(days, chuseok.minusDays(1), "Chuseok");
            add(days, chuseok, "Chuseok");
            add(days, chuseok.plusDays(1), "Chuseok");
        }
    }

    private static void northKorea(int year, List<CountryHolidays.Day> days) {
        add(days, LocalDate.of(year, 1, 1), "New Year's Day");
        add(days, LocalDate.of(year, 2, 16), "Day of the Shining Star");
        add(days, LocalDate.of(year, 4, 15), "Day of the Sun");
        add(days, LocalDate.of(year, 4, 25), "Army Foundation Day");
        add(days, LocalDate.of(year, 5, 1), "May Day");
        add(days, LocalDate.of(year, 7, 27), "Victory Day");
        add(days, LocalDate.of(year, 8, 15), "Liberation Day");
        add(days, LocalDate.of(year, 9, 9), "Foundation Day");
        add(days, LocalDate.of(year, 10, 10), "Party Foundation Day");
        add(days, LocalDate.of(year, 12, 27), "Constitution Day");
        for (int ext : new int[] {year + DANGI_EPOCH - 1, year + DANGI_EPOCH}) {
            add(days, lunisolar("dangi", ext, 0, 1), "Lunar New Year");
            add(days, lunisolar("dangi", ext, 7, 15), "Chuseok");
        }
    }

    private static void iran(int year, List<CountryHolidays.Day> days) {
        for (int ap : new int[] {year - 622, year - 621}) {
            for (int d = 1; d <= 4; d++) {
                add(days, persian(ap, 0, d), "Nowruz");
            }
            add(days, persian(ap, 0, 12), "Islamic Republic Day");
            add(days, persian(ap, 0, 13), "Sizdah Bedar");
            add(days, persian(ap, 2, 14), "Death of Khomeini");
            add(days, persian(ap, 2, 15), "15 Khordad uprising");
            add(days, persian(ap, 10, 22), "Revolution Day");
            add(days, persian(ap, 11, 29), "Oil Nationalisation Day");
        }
        int ah = (int) Math.floor((year - 622) * 33.0 / 32.0);
        for (int h = ah - 1; h <= ah + 2; h++) {
            add(days, islamic(h, 0, 9), "Tasua");
            add(days, islamic(h, 0, 10), "Ashura");
            add(days, islamic(h, 1, 20), "Arbaeen");
            add(days, islamic(h, 1, 28), "Death of the Prophet and martyrdom of Imam Hasan");
            add(days, islamic(h, 2, 1).minusDays(1), "Martyrdom of Imam Reza");
            add(days, islamic(h, 2, 8), "Martyrdom of Imam Hasan al-Askari");
            add(days, islamic(h, 2, 17), "Birthday of the Prophet");
            add(days, islamic(h, 5, 3), "Martyrdom of Fatima");
            add(days, islamic(h, 6, 13), "Birthday of Imam Ali");
            add(days, islamic(h, 6, 27), "Mab'ath");
            add(days, islamic(h, 7, 15), "Birthday of the Mahdi");
            add(days, islamic(h, 8, 21), "Martyrdom of Imam Ali");
            add(days, islamic(h, 9, 1), "Eid al-Fitr");
            add(days, islamic(h, 9, 2), "Eid al-Fitr");
            add(days, islamic(h, 9, 25), "Martyrdom of Imam Sadeq");
            add(days, islamic(h, 11, 10), "Eid al-Adha");
            add(days, islamic(h, 11, 18), "Eid al-Ghadir");
        }
    }

    private static void israel(int year, List<CountryHolidays.Day> days) {
        for (int hy : new int[] {year + 3760, year + 3761}) {
            add(days, hebrew(hy, HebrewCalendar.TISHRI, 1), "Rosh Hashanah");
            add(days, hebrew(hy, HebrewCalendar.TISHRI, 2), "Rosh Hashanah");
            add(days, hebrew(hy, HebrewCalendar.TISHRI, 10), "Yom Kippur");
            add(days, hebrew(hy, HebrewCalendar.TISHRI, 15), "Sukkot");
            add(days, hebrew(hy, HebrewCalendar.TISHRI, 22), "Shemini Atzeret");
            add(days, hebrew(hy, HebrewCalendar.NISAN, 15), "Pesach");
            add(days, hebrew(hy, HebrewCalendar.NISAN, 21), "Seventh day of Pesach");
            add(days, hebrew(hy, HebrewCalendar.SIVAN, 6), "Shavuot");
            LocalDate independence = hebrew(hy, HebrewCalendar.IYAR, 5);
            DayOfWeek dow = independence.getDayOfWeek();
            if (dow == DayOfWeek.FRIDAY) {
                independence = independence.minusDays(1);
            } else if (dow == DayOfWeek.SATURDAY) {
                independence = independence.minusDays(2);
            } else if (dow == DayOfWeek.MONDAY && year >= 2004) {
                independence = independence.plusDays(1);
            }
            add(days, independence, "Independence Day");
        }
    }

    private static void add(List<CountryHolidays.Day> days, LocalDate date, String name) {
        days.add(new CountryHolidays.Day(date, name));
    }

    private static LocalDate lunisolar(String kind, int extendedYear, int month, int day) {
        Calendar cal = Calendar.getInstance(TimeZone.GMT_ZONE, new ULocale("@calendar=" + kind));
        cal.clear();
        cal.set(Calendar.EXTENDED_YEAR, extendedYear);
        cal.set(Calendar.MONTH, month);
        cal.set(Calendar.IS_LEAP_MONTH, 0);
        cal.set(Calendar.DAY_OF_MONTH, day);
        return date(cal);
    }

    private static LocalDate persian(int year, int month, int day) {
        Calendar cal = Calendar.getInstance(TimeZone.GMT_ZONE, new ULocale("@calendar=persian"));
        cal.clear();
        cal.set(Calendar.YEAR, year);
        cal.set(Calendar.MONTH, month);
        cal.set(Calendar.DAY_OF_MONTH, day);
        return date(cal);
    }

    private static LocalDate islamic(int year, int month, int day) {
        IslamicCalendar cal = new IslamicCalendar(TimeZone.GMT_ZONE, ULocale.ROOT);
        cal.setCalculationType(IslamicCalendar.CalculationType.ISLAMIC_UMALQURA);
        cal.clear();
        cal.set(Calendar.YEAR, year);
        cal.set(Calendar.MONTH, month);
        cal.set(Calendar.DAY_OF_MONTH, day);
        return date(cal);
    }

    private static LocalDate hebrew(int year, int month, int day) {
        HebrewCalendar cal = new HebrewCalendar(TimeZone.GMT_ZONE, ULocale.ROOT);
        cal.clear();
        cal.set(Calendar.YEAR, year);
        cal.set(Calendar.MONTH, month);
        cal.set(Calendar.DAY_OF_MONTH, day);
        return date(cal);
    }

    private static LocalDate date(Calendar cal) {
        return Instant.ofEpochMilli(cal.getTimeInMillis())
                .atZone(ZoneOffset.UTC)
                .toLocalDate();
    }
}
