package dev.harrier.intel.read;

/** The intel file formats Harrier reads. */
public enum IntelFormat {
    /** A STIX 2.0 or 2.1 bundle ({@code {"type": "bundle", "objects": [...]}}), ATT&amp;CK included. */
    STIX_BUNDLE,
    /** A MISP event export: {@code {"Event": {...}}}, a bare event, or {@code {"response": [{"Event": ...}]}}. */
    MISP_EVENT,
    /** A MISP galaxy cluster file ({@code {"type": ..., "uuid": ..., "values": [...]}}). */
    MISP_GALAXY_CLUSTER,
    /** A plain list of indicators, one a line, or CSV with or without a header. */
    IOC_LIST
}
