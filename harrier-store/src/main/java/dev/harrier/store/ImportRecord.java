package dev.harrier.store;

import java.time.Instant;

/**
 * One completed import, as kept in the store's history.
 *
 * @param source what was read
 * @param finishedAt when it committed
 * @param added objects added
 * @param updated objects updated
 * @param unchanged objects unchanged
 */
public record ImportRecord(ImportSource source, Instant finishedAt, int added, int updated, int unchanged) {}
