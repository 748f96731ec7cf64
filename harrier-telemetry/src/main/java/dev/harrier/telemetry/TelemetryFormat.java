package dev.harrier.telemetry;

/**
 * The input formats {@link EventSources} detects from content: Windows event logs as JSON, and Zeek and Suricata
 * network logs. (Column-mapped CSV and JSON lines are read with a {@link ColumnMapping} instead; they are never
 * detected.)
 */
public enum TelemetryFormat {
    /**
     * evtx_dump-style JSON: {@code {"Event":{"System":{...},"EventData":{...}}}} objects, concatenated without
     * separators, pretty-printed across lines, or one per line.
     */
    EVTX_JSON("windows"),
    /** Winlogbeat / Elastic Common Schema NDJSON: {@code winlog.*}, {@code event.code}, {@code host.name}. */
    ECS_NDJSON("windows"),
    /** Flat JSON lines as NXLog or Logstash write them: {@code Channel}, {@code EventID}, {@code Hostname}, .... */
    FLAT_JSON("windows"),
    /**
     * Zeek's tab-separated ASCII logs: a {@code #separator}, {@code #set_separator}, {@code #empty_field},
     * {@code #unset_field}, {@code #path}, {@code #open}, {@code #fields}, {@code #types} header, one record per
     * line, {@code #close} at the end. Values are typed from {@code #types}.
     */
    ZEEK_TSV("zeek"),
    /**
     * Zeek's JSON logs ({@code LogAscii::use_json}): one object per line with {@code ts} (epoch seconds or ISO
     * 8601) and Zeek's dotted field names ({@code uid}, {@code id.orig_h}, ...); the log type from {@code _path}
     * or else from the file name.
     */
    ZEEK_JSON("zeek"),
    /**
     * Suricata EVE JSON: one object per line with {@code timestamp} (ISO 8601 with an offset such as
     * {@code +0000}) and {@code event_type} ({@code alert}, {@code dns}, {@code http}, {@code tls}, {@code flow},
     * {@code fileinfo}, {@code smtp}, ...).
     */
    SURICATA_EVE("suricata");

    private final String product;

    TelemetryFormat(String product) {
        this.product = product;
    }

    /** The Sigma {@code logsource.product} of this format's events: {@code windows}, {@code zeek} or {@code suricata}. */
    public String product() {
        return product;
    }
}
