package dev.harrier.store;

import dev.harrier.core.StixObject;
import org.jspecify.annotations.Nullable;

/**
 * One stored version of an object.
 *
 * @param object the STIX 2.1 form
 * @param original the original JSON when the object was converted on read (STIX 2.0), else null
 * @param latest whether this is the latest version
 * @param sourceName where this version came from
 */
public record StoredVersion(StixObject object, @Nullable String original, boolean latest, String sourceName) {}
