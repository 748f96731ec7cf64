/**
 * Streaming readers for Windows event logs written as JSON, mapped to Sigma field names.
 *
 * <p>{@link dev.harrier.telemetry.EventSources#open} takes a file or a directory (walked in sorted order, hidden
 * files skipped), reads gzip and zstd compressed files directly, detects each file's {@link
 * dev.harrier.telemetry.TelemetryFormat} from its content, and returns an {@link dev.harrier.telemetry.EventSource}:
 * a stream of {@link dev.harrier.telemetry.Event} views read one record at a time. Each event answers Sigma field
 * names ({@code EventID}, {@code Channel}, {@code Provider_Name}, {@code Computer}, {@code Image},
 * {@code CommandLine}, ...) whatever the input format, plus the dotted paths of the original record. Malformed
 * records are counted in {@link dev.harrier.telemetry.ReadStats} with source, line and reason; reading goes on.
 * Every size limit comes from {@link dev.harrier.core.Limits}.
 *
 * <pre>{@code
 * try (EventSource src = EventSources.open(Path.of("logs/"), Limits.defaults())) {
 *     for (Event e = src.next(); e != null; e = src.next()) {
 *         if (e.eventId() == 1 && "Microsoft-Windows-Sysmon".equals(e.provider())) {
 *             System.out.println(e.host() + " " + e.get("CommandLine"));
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
