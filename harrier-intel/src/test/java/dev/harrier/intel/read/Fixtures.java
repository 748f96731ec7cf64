package dev.harrier.intel.read;

import java.util.LinkedHashMap;
import java.util.Map;

/** The fixtures under {@code src/test/resources/read} and the format each is read as. */
final class Fixtures {
    private Fixtures() {}

    static final Map<String, IntelFormat> ALL = new LinkedHashMap<>();

    static {
        ALL.put("stix21-small.json", IntelFormat.STIX_BUNDLE);
        ALL.put("stix20-small.json", IntelFormat.STIX_BUNDLE);
        ALL.put("stix-bad-objects.json", IntelFormat.STIX_BUNDLE);
        ALL.put("stix-truncated.json", IntelFormat.STIX_BUNDLE);
        ALL.put("stix-malformed.json", IntelFormat.STIX_BUNDLE);
        ALL.put("stix-single-object.json", IntelFormat.STIX_BUNDLE);
        ALL.put("stix-trailing.json", IntelFormat.STIX_BUNDLE);
        ALL.put("misp-event.json", IntelFormat.MISP_EVENT);
        ALL.put("misp-response.json", IntelFormat.MISP_EVENT);
        ALL.put("misp-bare-event.json", IntelFormat.MISP_EVENT);
        ALL.put("misp-event-list.json", IntelFormat.MISP_EVENT);
        ALL.put("galaxy-threat-actor.json", IntelFormat.MISP_GALAXY_CLUSTER);
        ALL.put("galaxy-values-first.json", IntelFormat.MISP_GALAXY_CLUSTER);
        ALL.put("iocs-plain.txt", IntelFormat.IOC_LIST);
        ALL.put("iocs-defanged.txt", IntelFormat.IOC_LIST);
        ALL.put("iocs.csv", IntelFormat.IOC_LIST);
        ALL.put("iocs-noheader.csv", IntelFormat.IOC_LIST);
        ALL.put("binary.bin", IntelFormat.IOC_LIST);
        ALL.put("latin1.txt", IntelFormat.IOC_LIST);
    }

    /** The valid fixtures, one or two per format: the inputs the fuzzer mutates. */
    static final Map<String, IntelFormat> VALID = new LinkedHashMap<>();

    static {
        VALID.put("stix21-small.json", IntelFormat.STIX_BUNDLE);
        VALID.put("stix20-small.json", IntelFormat.STIX_BUNDLE);
        VALID.put("misp-event.json", IntelFormat.MISP_EVENT);
        VALID.put("misp-response.json", IntelFormat.MISP_EVENT);
        VALID.put("galaxy-threat-actor.json", IntelFormat.MISP_GALAXY_CLUSTER);
        VALID.put("galaxy-values-first.json", IntelFormat.MISP_GALAXY_CLUSTER);
        VALID.put("iocs.csv", IntelFormat.IOC_LIST);
        VALID.put("iocs-defanged.txt", IntelFormat.IOC_LIST);
    }
}
