package dev.harrier.intel;

/**
 * One STIX object that describes an actor (an {@code intrusion-set} or {@code threat-actor}) as one source sees it.
 *
 * @param id the object's id
 * @param type {@code intrusion-set} or {@code threat-actor}
 * @param name its name
 * @param source who published it ("MITRE ATT&amp;CK", "MISP galaxy threat-actor", ...)
 * @param active neither revoked nor deprecated
 */
public record ActorMember(String id, String type, String name, String source, boolean active) {}
