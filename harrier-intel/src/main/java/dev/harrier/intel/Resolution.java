package dev.harrier.intel;

import dev.harrier.core.StixObject;
import java.util.List;

/**
 * The answer to "which actor is NAME-OR-ID?".
 *
 * @param query what was asked
 * @param kind how it resolved
 * @param candidates the matching actor(s): one for {@link Kind#ACTOR}, several for {@link Kind#CONFLICT}
 * @param objects non-actor objects (techniques, software, campaigns) matching the query when no actor does
 * @param suggestions close names when nothing matched
 */
public record Resolution(
        String query, Kind kind, List<ActorCluster> candidates, List<StixObject> objects, List<String> suggestions) {

    /** How a query resolved. */
    public enum Kind {
        /** Exactly one actor. */
        ACTOR,
        /** The name is an alias of several actors that no source links: shown, not merged. */
        CONFLICT,
        /** No actor, but other objects have that name or ATT&amp;CK id. */
        OBJECT,
        /** Nothing. */
        NONE
    }
}
