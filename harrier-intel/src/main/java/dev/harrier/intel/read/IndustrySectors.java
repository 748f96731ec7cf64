package dev.harrier.intel.read;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Target categories as MISP's galaxies write them ("Government", "Telecoms", "Defense industrial base") to the STIX
 * {@code industry-sector-ov} vocabulary, where one fits.
 */
final class IndustrySectors {
    private static final Map<String, String> SECTORS = new HashMap<>();

    static {
        String[][] table = {
            {"government", "government"},
            {"government agencies and services", "government"},
            {"government institutions", "government"},
            {"intergovernmental", "government"},
            {"military", "defense"},
            {"defense", "defense"},
            {"defence", "defense"},
            {"defense industrial base", "defense"},
            {"defense contractor", "defense"},
            {"civil society", "non-profit"},
            {"ngos", "non-profit"},
            {"ngo", "non-profit"},
            {"religious organization", "non-profit"},
            {"religious organizations", "non-profit"},
            {"education", "education"},
            {"universities", "education"},
            {"scientific research", "education"},
            {"energy", "energy"},
            {"energy company", "energy"},
            {"petroleum", "energy"},
            {"oil and gas", "energy"},
            {"healthcare", "healthcare"},
            {"health", "healthcare"},
            {"medical", "healthcare"},
            {"biomedical", "healthcare"},
            {"pharmaceuticals", "pharmaceuticals"},
            {"pharmaceutical", "pharmaceuticals"},
            {"finance", "financial-services"},
            {"financial", "financial-services"},
            {"financial services", "financial-services"},
            {"banking", "financial-services"},
            {"cryptocurrency", "financial-services"},
            {"high-tech", "technology"},
            {"information technology", "technology"},
            {"technology", "technology"},
            {"semiconductor industry", "technology"},
            {"telecommunications", "telecommunications"},
            {"telecoms", "telecommunications"},
            {"telecomms", "telecommunications"},
            {"telecom", "telecommunications"},
            {"media", "communications"},
            {"communications", "communications"},
            {"media and entertainment", "entertainment"},
            {"entertainment", "entertainment"},
            {"gaming", "entertainment"},
            {"gambling companies", "entertainment"},
            {"gambling websites", "entertainment"},
            {"transportation", "transportation"},
            {"transportation systems", "transportation"},
            {"rail", "transportation"},
            {"aviation", "transportation"},
            {"logistics", "transportation"},
            {"retail", "retail"},
            {"manufacturing", "manufacturing"},
            {"critical manufacturing", "manufacturing"},
            {"electronics manufacturers", "manufacturing"},
            {"automotive", "automotive"},
            {"aerospace", "aerospace"},
            {"construction", "construction"},
            {"civil engineering", "construction"},
            {"food and agriculture", "agriculture"},
            {"agriculture", "agriculture"},
            {"hospitality", "hospitality-leisure"},
            {"travel", "hospitality-leisure"},
            {"insurance", "insurance"},
            {"utilities", "utilities"},
            {"chemical", "chemical"},
            {"mining", "mining"},
            {"infrastructure", "infrastructure"},
        };
        for (String[] t : table) {
            SECTORS.put(t[0], t[1]);
        }
    }

    private IndustrySectors() {}

    static Optional<String> sector(String category) {
        return Optional.ofNullable(
                SECTORS.get(category.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")));
    }
}
