package dev.harrier.telemetry;

/** The JSON shapes of Windows event logs that {@link EventSources} reads; detected from content. */
public enum TelemetryFormat {
    /**
     * evtx_dump-style JSON: {@code {"Event":{"System":{...},"EventData":{...}}}} objects, concatenated without
     * separators, pretty-printed across lines, or one per line.
     */
    EVTX_JSON,
    /** Winlogbeat / Elastic Common Schema NDJSON: {@code winlog.*}, {@code event.code}, {@code host.name}. */
    ECS_NDJSON,
    /** Flat JSON lines as NXLog or Logstash write them: {@code Channel}, {@code EventID}, {@code Hostname}, .... */
    FLAT_JSON
}
