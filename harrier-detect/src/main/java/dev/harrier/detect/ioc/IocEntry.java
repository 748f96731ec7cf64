package dev.harrier.detect.ioc;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One indexed observable of an indicator.
 *
 * @param indicatorId the STIX id of the indicator
 * @param name the indicator's name (or its pattern when it has none)
 * @param kind what the value is
 * @param value the normalised value ({@link IocNormalizer}); for {@link IocKind#IP} an address or CIDR
 * @param validFrom the indicator's {@code valid_from}, null when absent
 * @param validUntil the indicator's {@code valid_until}, null when absent
 */
public record IocEntry(
        String indicatorId,
        String name,
        IocKind kind,
        String value,
        @Nullable Instant validFrom,
        @Nullable Instant validUntil) {
    /** Whether the indicator was valid at {@code t} (always, when {@code t} is unknown). */
    public boolean validAt(@Nullable Instant t) {
        if (t == null) {
            return true;
        }
        if (validFrom != null && t.isBefore(validFrom)) {
            return false;
        }
        return validUntil == null || t.isBefore(validUntil);
    }
}
