package dev.harrier.intel.read;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Country names (as MISP's galaxies write them: "Russia", "Iran (Islamic Republic of)", "South Korea") to ISO 3166
 * alpha-2 codes, from the JDK's English display names plus a table of the names those do not give; and the names of
 * world regions to the STIX {@code region-ov} vocabulary.
 */
final class CountryNames {
    private static final Map<String, String> BY_NAME = new HashMap<>();
    private static final Map<String, String> REGIONS = new HashMap<>();

    static {
        for (String code : Locale.getISOCountries()) {
            BY_NAME.put(normalize(new Locale("", code).getDisplayCountry(Locale.ENGLISH)), code);
        }
        String[][] aliases = {
            {"russia", "RU"},
            {"russian federation", "RU"},
            {"south korea", "KR"},
            {"korea (republic of)", "KR"},
            {"republic of korea", "KR"},
            {"korea", "KR"},
            {"north korea", "KP"},
            {"korea (democratic people's republic of)", "KP"},
            {"dprk", "KP"},
            {"democratic people's republic of korea", "KP"},
            {"taiwan", "TW"},
            {"taiwan, province of china", "TW"},
            {"vietnam", "VN"},
            {"viet nam", "VN"},
            {"iran", "IR"},
            {"iran (islamic republic of)", "IR"},
            {"islamic republic of iran", "IR"},
            {"syria", "SY"},
            {"syrian arab republic", "SY"},
            {"united states", "US"},
            {"united states of america", "US"},
            {"us", "US"},
            {"usa", "US"},
            {"u.s.", "US"},
            {"united kingdom", "GB"},
            {"uk", "GB"},
            {"great britain", "GB"},
            {"britain", "GB"},
            {"china", "CN"},
            {"people's republic of china", "CN"},
            {"prc", "CN"},
            {"hong kong", "HK"},
            {"macao", "MO"},
            {"macau", "MO"},
            {"ivory coast", "CI"},
            {"cote d'ivoire", "CI"},
            {"czech republic", "CZ"},
            {"czechia", "CZ"},
            {"palestine", "PS"},
            {"state of palestine", "PS"},
            {"palestinian territories", "PS"},
            {"gaza", "PS"},
            {"philippines", "PH"},
            {"lebanon", "LB"},
            {"lebonon", "LB"},
            {"laos", "LA"},
            {"lao people's democratic republic", "LA"},
            {"moldova", "MD"},
            {"republic of moldova", "MD"},
            {"brunei", "BN"},
            {"brunei darussalam", "BN"},
            {"myanmar", "MM"},
            {"burma", "MM"},
            {"turkey", "TR"},
            {"turkiye", "TR"},
            {"türkiye", "TR"},
            {"venezuela", "VE"},
            {"bolivia", "BO"},
            {"tanzania", "TZ"},
            {"uae", "AE"},
            {"united arab emirates", "AE"},
            {"the netherlands", "NL"},
            {"holland", "NL"},
            {"macedonia", "MK"},
            {"north macedonia", "MK"},
            {"democratic republic of the congo", "CD"},
            {"republic of the congo", "CG"},
            {"eswatini", "SZ"},
            {"swaziland", "SZ"},
            {"cape verde", "CV"},
            {"vatican", "VA"},
        };
        for (String[] a : aliases) {
            BY_NAME.put(normalize(a[0]), a[1]);
        }
        String[][] regions = {
            {"africa", "africa"},
            {"eastern africa", "eastern-africa"},
            {"east africa", "eastern-africa"},
            {"middle africa", "middle-africa"},
            {"central africa", "middle-africa"},
            {"northern africa", "northern-africa"},
            {"north africa", "northern-africa"},
            {"southern africa", "southern-africa"},
            {"western africa", "western-africa"},
            {"west africa", "western-africa"},
            {"americas", "americas"},
            {"caribbean", "caribbean"},
            {"central america", "central-america"},
            {"latin america", "latin-america-caribbean"},
            {"north america", "northern-america"},
            {"northern america", "northern-america"},
            {"south america", "south-america"},
            {"asia", "asia"},
            {"central asia", "central-asia"},
            {"east asia", "eastern-asia"},
            {"eastern asia", "eastern-asia"},
            {"south asia", "southern-asia"},
            {"southern asia", "southern-asia"},
            {"southeast asia", "south-eastern-asia"},
            {"south-east asia", "south-eastern-asia"},
            {"south-eastern asia", "south-eastern-asia"},
            {"southeast asian", "south-eastern-asia"},
            {"western asia", "western-asia"},
            {"middle east", "western-asia"},
            {"europe", "europe"},
            {"eastern europe", "eastern-europe"},
            {"northern europe", "northern-europe"},
            {"southern europe", "southern-europe"},
            {"western europe", "western-europe"},
            {"oceania", "oceania"},
            {"antarctica", "antarctica"},
        };
        for (String[] r : regions) {
            REGIONS.put(normalize(r[0]), r[1]);
        }
    }

    private CountryNames() {}

    /** The ISO alpha-2 code of a country name. */
    static Optional<String> code(String name) {
        return Optional.ofNullable(BY_NAME.get(normalize(name)));
    }

    /** The STIX region ({@code region-ov}) of a region name. */
    static Optional<String> region(String name) {
        return Optional.ofNullable(REGIONS.get(normalize(name)));
    }

    /** The English name of an ISO alpha-2 code; the code itself when the JDK does not know it. */
    static String englishName(String code) {
        String n = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
        return n.isEmpty() || n.equals(code) ? code : n;
    }

    /** Whether {@code code} is an ISO 3166 alpha-2 code. */
    static boolean isCode(String code) {
        for (String c : Locale.getISOCountries()) {
            if (c.equals(code)) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("\\s+", " ");
        return t.startsWith("the ") ? t.substring(4) : t;
    }
}
