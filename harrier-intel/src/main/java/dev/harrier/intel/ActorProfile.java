package dev.harrier.intel;

import java.util.List;

/**
 * Everything the knowledge base says about one actor, with the source of each statement.
 *
 * @param cluster the merged actor
 * @param description the primary member's description
 * @param aliases every name with the sources that give it
 * @param conflicts aliases of this actor that another, unlinked actor also claims
 * @param attribution the attributed-to chain (actor, sponsor, ...), in order
 * @param techniques techniques used, with tactics
 * @param software malware and tools used
 * @param campaigns campaigns attributed to the actor
 * @param targetedCountries countries the intel says the actor targets
 * @param targetedSectors sectors the intel says the actor targets
 * @param originCountries countries the actor is said to operate from
 */
public record ActorProfile(
        ActorCluster cluster,
        String description,
        List<AliasRow> aliases,
        List<AliasConflict> conflicts,
        List<ChainLink> attribution,
        List<TechniqueRow> techniques,
        List<SoftwareRow> software,
        List<CampaignRow> campaigns,
        List<PlaceRow> targetedCountries,
        List<PlaceRow> targetedSectors,
        List<PlaceRow> originCountries) {

    /** A name and who uses it. */
    public record AliasRow(String alias, List<String> sources) {}

    /** An alias this actor shares with another actor no source links to it. */
    public record AliasConflict(String alias, String otherActorId, String otherActorName, String otherSource) {}

    /** One {@code attributed-to} step. */
    public record ChainLink(String fromId, String fromName, String toId, String toName, String toType, String source) {}

    /** One technique. */
    public record TechniqueRow(String attackId, String name, List<String> tactics, String id, List<String> sources) {}

    /** One piece of software. */
    public record SoftwareRow(String attackId, String name, String type, String id, List<String> sources) {}

    /** One campaign. */
    public record CampaignRow(String attackId, String name, String firstSeen, String lastSeen, String id) {}

    /** A country or sector, with the sources that say so. */
    public record PlaceRow(String code, String name, List<String> sources) {}
}
