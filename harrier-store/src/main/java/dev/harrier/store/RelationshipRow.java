package dev.harrier.store;

/**
 * The indexed facts of one relationship object (latest version).
 *
 * @param id the relationship's id
 * @param relationshipType e.g. {@code uses}, {@code attributed-to}
 * @param sourceRef the source object's id
 * @param targetRef the target object's id
 * @param active neither revoked nor deprecated
 */
public record RelationshipRow(String id, String relationshipType, String sourceRef, String targetRef, boolean active) {}
