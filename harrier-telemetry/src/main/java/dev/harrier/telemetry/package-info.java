/**
 * Streaming readers for telemetry: Windows event logs written as JSON (mapped to Sigma field names), Zeek and
 * Suricata network logs, and CSV or JSON-lines exports read with a column mapping.
 *
 * <p>{@link dev.harrier.telemetry.EventSources#open} takes a file or a directory (walked in sorted order, hidden
 * files skipped), reads gzip and zstd compressed files directly, detects each file's {@link
 * dev.harrier.telemetry.TelemetryFormat} from its content, and returns an {@link dev.harrier.telemetry.EventSource}:
 * a stream of {@link dev.harrier.telemetry.Event} views read one record at a time. Formats may be mixed in one
 * directory. Malformed records are counted in {@link dev.harrier.telemetry.ReadStats} with source, line and reason;
 * reading goes on. Every size limit comes from {@link dev.harrier.core.Limits}.
 *
 * <h2>Formats</h2>
 *
 * <table>
 *   <caption>What is read, and how it is recognized</caption>
 *   <tr><th>format</th><th>detected by</th><th>{@code product()}</th><th>{@code channel()}</th></tr>
 *   <tr><td>{@link dev.harrier.telemetry.TelemetryFormat#EVTX_JSON evtx_dump JSON}</td>
 *       <td>an {@code Event} object</td><td>{@code windows}</td><td>{@code Channel}</td></tr>
 *   <tr><td>{@link dev.harrier.telemetry.TelemetryFormat#ECS_NDJSON Winlogbeat / ECS}</td>
 *       <td>{@code winlog} or {@code ecs} keys</td><td>{@code windows}</td><td>{@code winlog.channel}</td></tr>
 *   <tr><td>{@link dev.harrier.telemetry.TelemetryFormat#FLAT_JSON flat NXLog / Logstash JSON}</td>
 *       <td>any other JSON object</td><td>{@code windows}</td><td>{@code Channel}</td></tr>
 *   <tr><td>{@link dev.harrier.telemetry.TelemetryFormat#ZEEK_TSV Zeek TSV}</td>
 *       <td>a first line {@code #separator ...} (or another Zeek header line)</td><td>{@code zeek}</td>
 *       <td>{@code zeek/<#path>}</td></tr>
 *   <tr><td>{@link dev.harrier.telemetry.TelemetryFormat#ZEEK_JSON Zeek JSON}</td>
 *       <td>{@code ts} plus a Zeek key ({@code _path}, {@code uid}, {@code fuid}, {@code id.*}, ...)</td>
 *       <td>{@code zeek}</td><td>{@code zeek/<_path>}</td></tr>
 *   <tr><td>{@link dev.harrier.telemetry.TelemetryFormat#SURICATA_EVE Suricata EVE JSON}</td>
 *       <td>a string {@code event_type} plus {@code timestamp}, {@code flow_id}, {@code src_ip}, ...</td>
 *       <td>{@code suricata}</td><td>{@code suricata/<event_type>}</td></tr>
 *   <tr><td>CSV or JSON lines with a {@link dev.harrier.telemetry.ColumnMapping}</td>
 *       <td>never detected: {@link dev.harrier.telemetry.EventSources#open(java.nio.file.Path,
 *       dev.harrier.telemetry.ColumnMapping, dev.harrier.core.Limits)}</td>
 *       <td>the mapping's {@code product}</td><td>the mapping's {@code channel}</td></tr>
 * </table>
 *
 * <p>Windows events answer Sigma field names ({@code EventID}, {@code Channel}, {@code Provider_Name}, {@code
 * Computer}, {@code Image}, {@code CommandLine}, ...) whatever the input format, plus the dotted paths of the
 * original record.
 *
 * <p>Network events keep the record's own field names, so Sigma rules for {@code product: zeek} (written with
 * Zeek's names) match: Zeek {@code id.orig_h}, {@code query}, {@code answers}, {@code uri}, ...; Suricata's nested
 * objects flattened to dotted paths, {@code src_ip}, {@code dns.rrname}, {@code http.hostname}, {@code tls.sni},
 * {@code fileinfo.sha256}, .... Their {@code eventId()} is -1, {@code provider()} null, {@code host()} the sensor if
 * the record names it, {@code timestamp()} from {@code ts} or {@code timestamp}. Zeek TSV values are typed from the
 * {@code #types} header ({@code time} as {@link java.time.Instant}, {@code count}/{@code int}/{@code port} as
 * {@link java.lang.Long}, {@code double}/{@code interval} as {@link java.lang.Double}, {@code bool} from {@code T}/
 * {@code F}, {@code set[..]}/{@code vector[..]} as lists split on the {@code #set_separator}); an unset value
 * ({@code -}) is absent, an empty one ({@code (empty)}) an empty string or list, {@code \xHH} escapes are decoded. A
 * Zeek log's type comes from {@code #path} or {@code _path}; when the log does not say, from the file name up to its
 * first dot ({@code conn.log} → {@code conn}, {@code dns.05:00:00-06:00:00.log.gz} → {@code dns}), else {@code
 * unknown}. A Zeek TSV line with the wrong number of columns or a value its type cannot hold, and a broken JSON line,
 * are reported with source and line and skipped. See {@link dev.harrier.telemetry.Event} for the details.
 *
 * <pre>{@code
 * try (EventSource src = EventSources.open(Path.of("logs/"), Limits.defaults())) {
 *     for (Event e = src.next(); e != null; e = src.next()) {
 *         if (e.eventId() == 1 && "Microsoft-Windows-Sysmon".equals(e.provider())) {
 *             System.out.println(e.host() + " " + e.get("CommandLine"));
 *         } else if ("zeek/dns".equals(e.channel())) {
 *             System.out.println(e.get("id.orig_h") + " asked " + e.get("query"));
 *         }
 *     }
 *     for (ReadError err : src.stats().errors()) {
 *         System.err.println(err);            // logs/day2.json.gz:17: bad JSON: Unexpected character ...
 *     }
 * }
 * }</pre>
 */
@NullMarked
package dev.harrier.telemetry;

import org.jspecify.annotations.NullMarked;
