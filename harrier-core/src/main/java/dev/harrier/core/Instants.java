package dev.harrier.core;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads the timestamps that logs write: ISO-8601 with an offset or {@code Z}, or a local date-time taken as UTC. */
public final class Instants {
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private Instants() {}

    /**
     * {@code 2026-03-02T09:41:52.930Z}, {@code 2026-03-02T09:41:52+01:00}, {@code 2026-03-02 09:41:52.930} (UTC) and
     * the like, with up to nine fraction digits; null for anything else (or text over 64 characters).
     */
    public static @Nullable Instant parseLenient(String text) {
        String s = text.trim();
        if (s.length() < 19 || s.length() > 64) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.indexOf(' ') == 10 ? s.replaceFirst(" ", "T") : s)
                    .toInstant();
        } catch (DateTimeParseException e) {
            // a local time, next
        }
        try {
            return LocalDateTime.parse(s, LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
