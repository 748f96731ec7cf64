package dev.harrier.intel;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One actor as the knowledge base understands it: the objects of several sources that describe the same actor,
 * merged because the sources link them explicitly (the same ATT&amp;CK group id, a MISP galaxy cross-reference) or
 * share the same primary name.
 *
 * @param primary the member whose name and description lead (ATT&amp;CK first, then MISP, then others)
 * @param members every member, primary first
 * @param mergeReasons why members were merged, one line per link
 */
public record ActorCluster(ActorMember primary, List<ActorMember> members, List<String> mergeReasons) {
    /** The ids of all members. */
    public Set<String> ids() {
        return members.stream().map(ActorMember::id).collect(Collectors.toUnmodifiableSet());
    }
}
