package dev.harrier.telemetry;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A read-only field view over one telemetry record, with Sigma-taxonomy field names.
 *
 * <p>{@link #get} answers case-sensitive Sigma names ({@code Image}, {@code CommandLine}, {@code EventID},
 * {@code Channel}, {@code Provider_Name}, {@code Computer}, ...) and also the dotted paths of the original record
 * ({@code Event.System.Execution.#attributes.ProcessID}, {@code winlog.event_data.Image}, {@code host.name}).
 * Values keep their JSON type: {@link String}, {@link Long}, {@link Double} or {@link java.math.BigDecimal},
 * {@link Boolean}, an unmodifiable {@link java.util.List} for arrays and an unmodifiable {@link java.util.Map} for
 * objects. {@code EventID} is always a {@link Long} when the record's value is an integer or a string of digits.
 *
 * <p>Events are immutable and independent of their source, so they may be kept after the source moved on.
 */
public interface Event {
    /** The value of a Sigma field or an original dotted path; {@code null} when absent or JSON null. */
    @Nullable
    Object get(String field);

    /**
     * The Sigma-named fields only (no dotted paths of the original record), in record order, unmodifiable. Detection
     * engines scan these for keywords and literal needles.
     */
    java.util.Map<String, @Nullable Object> fields();

    /** The Sigma field names first, then the dotted paths of every leaf of the original record. */
    Iterable<String> fieldNames();

    /** When the event was created ({@code SystemTime}, {@code @timestamp}, {@code EventTime}, ...), if known. */
    @Nullable
    Instant timestamp();

    /** The host ({@code Computer}), if known. */
    @Nullable
    String host();

    /** The event log channel ({@code Channel}), if known. */
    @Nullable
    String channel();

    /** The provider ({@code Provider_Name}), if known. */
    @Nullable
    String provider();

    /** The event id, or -1 when absent or not an integer. */
    int eventId();

    /** The file (or other input) the event came from, for messages. */
    String source();

    /** The 1-based line where the record starts in its (decompressed) source, for messages. */
    long line();
}
