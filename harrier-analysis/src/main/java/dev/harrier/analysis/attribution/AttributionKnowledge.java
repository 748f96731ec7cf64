package dev.harrier.analysis.attribution;

import dev.harrier.store.Store;

/**
 * The knowledge attribution scores against, read once from a case: every actor the intel knows (aliases merged as
 * {@link dev.harrier.intel.KnowledgeBase} merges them) with the techniques and software the intel says it uses, its
 * targeted countries and sectors and its attributed-to chain; the techniques and software with the sub-technique
 * hierarchy and the techniques each piece of software implements. Immutable and thread-safe.
 */
public final class AttributionKnowledge {
    final KnowledgeSnapshot snapshot;

    AttributionKnowledge(KnowledgeSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** Reads the knowledge from a case's store. */
    public static AttributionKnowledge load(Store store) {
        return new AttributionKnowledge(KnowledgeLoader.load(store));
    }

    /** Number of actors (alias-merged). */
    public int actors() {
        return snapshot.groups.size();
    }

    /** Number of actors with at least one known technique or piece of software: the ones that can be ranked. */
    public int profiledActors() {
        return (int) snapshot.groups.stream().filter(g -> g.items().length > 0).count();
    }

    /** Number of techniques and pieces of software known. */
    public int items() {
        return snapshot.size();
    }
}
