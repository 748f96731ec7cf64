package dev.harrier.detect.sigma;

import org.jspecify.annotations.Nullable;

/** The {@code logsource} section: which events a rule applies to. Absent keys are {@code null}. */
public record LogSource(
        @Nullable String product,
        @Nullable String category,
        @Nullable String service,
        @Nullable String definition) {}
