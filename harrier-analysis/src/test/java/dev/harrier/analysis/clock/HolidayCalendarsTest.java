package dev.harrier.analysis.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Holiday calendars: published dates of lunar, lunisolar and solar-hijri holidays, and Jollyday countries. */
class HolidayCalendarsTest {
    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    private static final LocalDate TO = LocalDate.of(2025, 12, 31);

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "CN, 2024-02-10, Spring Festival",
        "CN, 2025-01-29, Spring Festival",
        "CN, 2025-01-28, Spring Festival Eve",
        "CN, 2024-04-04, Qingming Festival",
        "CN, 2025-04-04, Qingming Festival",
        "CN, 2024-06-10, Dragon Boat Festival",
        "CN, 2025-05-31, Dragon Boat Festival",
        "CN, 2024-09-17, Mid-Autumn Festival",
        "CN, 2025-10-06, Mid-Autumn Festival",
        "CN, 2024-10-01, National Day",
        "KR, 2024-02-09, Seollal",
        "KR, 2024-02-10, Seollal",
        "KR, 2024-05-15, Buddha's Birthday",
        "KR, 2024-09-17, Chuseok",
        "KR, 2025-10-06, Chuseok",
        "KR, 2024-10-09, Hangul Day",
        "KP, 2024-04-15, Day of the Sun",
        "KP, 2024-02-10, Lunar New Year",
        "IR, 2024-03-20, Nowruz",
        "IR, 2025-03-21, Nowruz",
        "IR, 2024-02-11, Revolution Day",
        "IR, 2024-04-10, Eid al-Fitr",
        "IR, 2024-07-16, Ashura",
        // Iran observed Eid al-Adha 2024 on 06-17 (moon sighting); Umm al-Qura gives 06-16: the documented caveat
        "IR, 2024-06-16, Eid al-Adha",
        "IL, 2024-10-03, Rosh Hashanah",
        "IL, 2024-10-12, Yom Kippur",
        "IL, 2024-04-23, Pesach",
        "IL, 2025-04-13, Pesach",
        "IL, 2024-05-14, Independence Day",
        "IL, 2025-05-01, Independence Day",
        "IL, 2024-06-12, Shavuot",
        "RU, 2024-06-12, Independence Day",
        "US, 2024-07-04, Independence Day",
        "DE, 2024-10-03, German Unity"
    })
    void publishedDates(String country, LocalDate date, String name) {
        CountryHolidays h = HolidayCalendars.lookup(country, FROM, TO);
        assertThat(h).isNotNull();
        assertThat(h.days())
                .as("%s holidays", country)
                .anyMatch(d -> d.date().equals(date) && d.name().contains(name));
    }

    @Test
    void everyIcuCountryHasANoteAndPlausibleCounts() {
        for (String c : IcuHolidays.COUNTRIES) {
            CountryHolidays h = HolidayCalendars.lookup(c, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
            assertThat(h).isNotNull();
            assertThat(h.note()).isNotBlank();
            assertThat(h.source()).contains("ICU4J");
            long days =
                    h.days().stream().map(CountryHolidays.Day::date).distinct().count();
            assertThat(days).as(c).isBetween(8L, 40L);
            assertThat(h.days()).allMatch(d -> d.date().getYear() == 2024);
        }
    }

    @Test
    void jollydayCountriesAreAvailableAndOthersAreNot() {
        assertThat(HolidayCalendars.available("US")).isTrue();
        assertThat(HolidayCalendars.available("cn")).isTrue();
        assertThat(HolidayCalendars.available("BD")).isFalse();
        assertThat(HolidayCalendars.lookup("BD", FROM, TO)).isNull();
        assertThat(ActivityClock.holidayDates("BD", FROM, TO)).isEmpty();
        List<LocalDate> us = ActivityClock.holidayDates("US", FROM, LocalDate.of(2024, 12, 31));
        assertThat(us).contains(LocalDate.of(2024, 12, 25)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void quietDaysAllowForBackgroundNoise() {
        assertThat(HolidayGapAnalysis.quiet(0, 100, 0)).isTrue();
        assertThat(HolidayGapAnalysis.quiet(8, 100, 5)).isTrue();
        assertThat(HolidayGapAnalysis.quiet(40, 100, 5)).isFalse();
        assertThat(HolidayGapAnalysis.binomialUpperTail(10, 0, 0.3)).isEqualTo(1.0);
        assertThat(HolidayGapAnalysis.binomialUpperTail(10, 10, 0.5))
                .isCloseTo(Math.pow(0.5, 10), org.assertj.core.data.Offset.offset(1e-12));
    }
}
