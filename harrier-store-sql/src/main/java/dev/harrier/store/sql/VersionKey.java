package dev.harrier.store.sql;

import dev.harrier.core.StixObject;
import dev.harrier.core.StixTimestamps;
import dev.harrier.core.StixTypes;
import java.util.Optional;

/**
 * The version key of a stored object: the {@link StixTimestamps#sortKey sort key} of its {@code modified} timestamp,
 * so that two spellings of the same instant are the same version.
 *
 * <p>Objects that STIX does not version by timestamp (SCOs, marking definitions) and objects that carry neither
 * {@code modified} nor {@code created} all get {@link #UNVERSIONED}, a fixed key that sorts before every real one.
 * Such an object has one stored row: putting it again is "unchanged" when its content is equal, and replaces the row
 * (counted as "updated") when it differs.
 */
final class VersionKey {
    /** The key of objects without a version timestamp. */
    static final String UNVERSIONED = "0000-00-00T00:00:00.000000000Z";

    private VersionKey() {}

    /** The key of {@code object}; throws {@link IllegalArgumentException} for an unreadable timestamp. */
    static String of(StixObject object) {
        if (!StixTypes.isVersioned(object.type())) {
            return UNVERSIONED;
        }
        Optional<String> modified = object.modified();
        if (modified.isEmpty()) {
            return UNVERSIONED;
        }
        try {
            return StixTimestamps.sortKey(modified.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(object.id() + ": 'modified' is not a timestamp: " + modified.get(), e);
        }
    }
}
