package dev.harrier.store;

import java.util.Set;

/**
 * Selects relationships. Empty sets mean "any"; at least one of {@code sourceRefs}/{@code targetRefs} should be set
 * for large stores.
 *
 * @param sourceRefs source ids
 * @param targetRefs target ids
 * @param relationshipTypes relationship types
 * @param includeInactive whether revoked or deprecated relationships are included
 */
public record RelationshipQuery(
        Set<String> sourceRefs, Set<String> targetRefs, Set<String> relationshipTypes, boolean includeInactive) {

    /** Active relationships from any of these sources. */
    public static RelationshipQuery from(Set<String> sources, String... types) {
        return new RelationshipQuery(Set.copyOf(sources), Set.of(), Set.of(types), false);
    }

    /** Active relationships to any of these targets. */
    public static RelationshipQuery to(Set<String> targets, String... types) {
        return new RelationshipQuery(Set.of(), Set.copyOf(targets), Set.of(types), false);
    }
}
