package dev.harrier.store;

import java.util.Set;

/**
 * Which latest objects a read returns.
 *
 * @param types object types to include; empty means all
 * @param includeRevoked whether revoked objects are included
 * @param includeDeprecated whether deprecated objects are included
 */
public record ObjectFilter(Set<String> types, boolean includeRevoked, boolean includeDeprecated) {
    /** Every latest object, revoked and deprecated ones included. */
    public static final ObjectFilter ALL = new ObjectFilter(Set.of(), true, true);

    /** Latest objects that are neither revoked nor deprecated. */
    public static final ObjectFilter ACTIVE = new ObjectFilter(Set.of(), false, false);

    /** This filter restricted to the given types. */
    public ObjectFilter ofTypes(String... t) {
        return new ObjectFilter(Set.of(t), includeRevoked, includeDeprecated);
    }

    /** This filter restricted to the given types. */
    public ObjectFilter ofTypes(Set<String> t) {
        return new ObjectFilter(Set.copyOf(t), includeRevoked, includeDeprecated);
    }
}
