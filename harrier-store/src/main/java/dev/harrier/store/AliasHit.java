package dev.harrier.store;

/**
 * One object found by alias.
 *
 * @param objectId the object's id
 * @param type the object's type
 * @param alias the alias as the object spells it
 * @param sourceName the source the object (and so the alias) came from
 */
public record AliasHit(String objectId, String type, String alias, String sourceName) {}
