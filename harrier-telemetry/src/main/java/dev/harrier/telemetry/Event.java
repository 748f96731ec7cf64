package dev.harrier.telemetry;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A read-only field view over one telemetry record.
 *
 * <h2>Windows events ({@link #product()} {@code windows})</h2>
 *
 * <p>{@link #get} answers case-sensitive Sigma names ({@code Image}, {@code CommandLine}, {@code EventID},
 * {@code Channel}, {@code Provider_Name}, {@code Computer}, ...) and also the dotted paths of the original record
 * ({@code Event.System.Execution.#attributes.ProcessID}, {@code winlog.event_data.Image}, {@code host.name}).
 * Values keep their JSON type: {@link String}, {@link Long}, {@link Double} or {@link java.math.BigDecimal},
 * {@link Boolean}, an unmodifiable {@link java.util.List} for arrays and an unmodifiable {@link java.util.Map} for
 * objects. {@code EventID} is always a {@link Long} when the record's value is an integer or a string of digits.
 *
 * <h2>Network events ({@link #product()} {@code zeek}, {@code suricata} or a column mapping's product)</h2>
 *
 * <p>{@link #fields()} holds the record's own field names as the sensor wrote them, so Sigma rules for that product
 * (which use those names) match directly:
 *
 * <ul>
 *   <li>Zeek: {@code ts}, {@code uid}, {@code id.orig_h}, {@code id.resp_p}, {@code query}, {@code answers},
 *       {@code host}, {@code uri}, ... In TSV logs values are typed from the {@code #types} header: {@code time}
 *       as {@link Instant}, {@code count}/{@code int}/{@code port} as {@link Long} (a {@code count} above
 *       {@link Long#MAX_VALUE} as {@link java.math.BigDecimal}), {@code double}/{@code interval} as {@link Double},
 *       {@code bool} as {@link Boolean}, {@code set[...]}/{@code vector[...]} as an unmodifiable {@link
 *       java.util.List} of the element type, everything else ({@code string}, {@code addr}, {@code enum}, ...) as
 *       {@link String}; an unset field ({@code -}) is absent, an empty one ({@code (empty)}) is {@code ""} or an
 *       empty list. In JSON logs values keep their JSON type, except that {@code ts} and the other time fields
 *       ({@code _write_ts}, {@code certificate.not_valid_before}, {@code certificate.not_valid_after}) are
 *       {@link Instant}s.
 *   <li>Suricata EVE: the record flattened to dotted paths, arrays kept as lists: {@code timestamp},
 *       {@code src_ip}, {@code dest_port}, {@code alert.signature_id}, {@code dns.rrname}, {@code http.hostname},
 *       {@code tls.sni}, {@code fileinfo.sha256}, ...; values keep their JSON type.
 *   <li>Column-mapped CSV or JSON lines ({@link EventSources#open(java.nio.file.Path, ColumnMapping,
 *       dev.harrier.core.Limits)}): every column (CSV, as strings) or flattened field (JSON) under its own name,
 *       plus the standard names the mapping assigns ({@code src_ip}, {@code dst_port}, {@code url}, ...).
 * </ul>
 *
 * <p>For these events {@link #channel()} is {@code zeek/<path>} ({@code zeek/conn}, {@code zeek/dns}, ...),
 * {@code suricata/<event_type>} ({@code suricata/alert}, {@code suricata/dns}, ...) or the mapping's channel;
 * {@link #eventId()} is -1; {@link #provider()} is null; {@link #host()} is the sensor that wrote the record if the
 * record names it (Suricata {@code host}; Zeek {@code _system_name}, {@code _node_name} or {@code _node}); and
 * {@link #timestamp()} comes from {@code ts} (Zeek), {@code timestamp} (Suricata) or the mapped timestamp column.
 *
 * <p>Events are immutable and independent of their source, so they may be kept after the source moved on.
 */
public interface Event {
    /** The value of a field or an original dotted path; {@code null} when absent or JSON null. */
    @Nullable
    Object get(String field);

    /**
     * The record's named fields only (for Windows events the Sigma names, no dotted paths of the original record),
     * in record order, unmodifiable. Detection engines scan these for keywords and literal needles.
     */
    java.util.Map<String, @Nullable Object> fields();

    /** The names of {@link #fields()} first, then the dotted paths of every leaf of the original record. */
    Iterable<String> fieldNames();

    /** When the event was created ({@code SystemTime}, {@code @timestamp}, {@code ts}, {@code timestamp}, ...). */
    @Nullable
    Instant timestamp();

    /** The host ({@code Computer}; for network events the sensor), if known. */
    @Nullable
    String host();

    /**
     * The event log channel ({@code Channel}); for network events {@code zeek/<path>}, {@code
     * suricata/<event_type>} or the column mapping's channel; null if unknown.
     */
    @Nullable
    String channel();

    /** The provider ({@code Provider_Name}), if known; null for network events. */
    @Nullable
    String provider();

    /** The event id, or -1 when absent or not an integer (always -1 for network events). */
    int eventId();

    /** The file (or other input) the event came from, for messages. */
    String source();

    /** The 1-based line where the record starts in its (decompressed) source, for messages. */
    long line();

    /**
     * The Sigma {@code logsource.product} the record belongs to, lower case: {@code windows} for the Windows formats
     * ({@link TelemetryFormat#EVTX_JSON}, {@link TelemetryFormat#ECS_NDJSON}, {@link TelemetryFormat#FLAT_JSON}),
     * {@code zeek} for {@link TelemetryFormat#ZEEK_TSV} and {@link TelemetryFormat#ZEEK_JSON}, {@code suricata} for
     * {@link TelemetryFormat#SURICATA_EVE}, and the mapping's {@code product} for column-mapped inputs. The default
     * answers {@code windows}, what every implementation meant before network formats existed.
     */
    default String product() {
        return "windows";
    }

    /**
     * An object shared by every event whose {@link #fields()} have the same names in the same order and whose
     * {@link #get} answers exactly those names (one per Zeek TSV header, for example), so that a consumer can work out
     * once per layout which fields it needs and then read only those with {@link #get}; null when the event has no
     * such layout (the default).
     */
    default @Nullable Object fieldLayout() {
        return null;
    }
}
