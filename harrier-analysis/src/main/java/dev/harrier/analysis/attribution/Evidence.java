package dev.harrier.analysis.attribution;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What was observed about an intrusion or a campaign, as attribution consumes it. An ad-hoc question fills the
 * lists by hand; a campaign's analysis fills them from its sightings, samples and victims.
 *
 * @param techniques ATT&amp;CK technique ids ({@code T1059.001}, {@code T1105})
 * @param software ATT&amp;CK software ids ({@code S0154}) or software names and aliases ({@code Cobalt Strike})
 * @param indicators indicator values (IPs, domains, hashes) seen in the activity
 * @param countries victim countries (ISO 3166 codes or names)
 * @param sectors victim sectors ({@code government}, {@code energy}, ...)
 * @param utcOffsetMinutes the operators' UTC offset from the activity clock, when known
 * @param source who observed it ("analyst", "case sightings", ...), shown with each evidence item
 */
public record Evidence(
        List<String> techniques,
        List<String> software,
        List<String> indicators,
        List<String> countries,
        List<String> sectors,
        @Nullable Integer utcOffsetMinutes,
        String source) {

    /** Copies the lists. */
    public Evidence {
        techniques = List.copyOf(techniques);
        software = List.copyOf(software);
        indicators = List.copyOf(indicators);
        countries = List.copyOf(countries);
        sectors = List.copyOf(sectors);
    }

    /** Behaviour only: techniques and software, observed by an analyst. */
    public static Evidence of(List<String> techniques, List<String> software) {
        return new Evidence(techniques, software, List.of(), List.of(), List.of(), null, "analyst");
    }

    /** This evidence with victimology added. */
    public Evidence withVictims(List<String> victimCountries, List<String> victimSectors) {
        return new Evidence(techniques, software, indicators, victimCountries, victimSectors, utcOffsetMinutes, source);
    }

    /** Whether nothing at all was observed. */
    public boolean isEmpty() {
        return techniques.isEmpty()
                && software.isEmpty()
                && indicators.isEmpty()
                && countries.isEmpty()
                && sectors.isEmpty()
                && utcOffsetMinutes == null;
    }
}
