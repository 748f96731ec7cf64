package dev.harrier.analysis.attribution;

/** Builds the graded, explained {@link EvidenceItem}s of one candidate. */
final class EvidenceExplainer {
    private EvidenceExplainer() {}

    /** The item x for actor g, with its calibrated weight against the unknown actor. */
    static EvidenceItem item(ProfileModel model, int g, int x, double w) {
        KnowledgeSnapshot kb = model.kb;
        KnowledgeSnapshot.Group group = kb.groups.get(g);
        KnowledgeSnapshot.Item it = kb.items.get(x);
        EvidenceItem.Kind kind =
                it.kind() == KnowledgeSnapshot.Kind.SOFTWARE ? EvidenceItem.Kind.SOFTWARE : EvidenceItem.Kind.TECHNIQUE;
        String what = it.label();
        ProfileModel.Relation rel = model.relation(g, x, w);
        return switch (rel) {
            case DIRECT -> {
                String src = group.sourceOf(x);
                yield new EvidenceItem(
                        kind,
                        it.key(),
                        it.name(),
                        w,
                        EvidenceItem.Link.DIRECT,
                        group.name() + " uses " + what + " (" + src + ")",
                        src,
                        new Grade(Grade.reliabilityOf(src), 2));
            }
            case HIERARCHY -> {
                KnowledgeSnapshot.Item hi = kb.items.get(model.firstUsed(g, model.hierarchy(x)));
                String src = group.sourceOf(kb.byKey.get(hi.key()));
                yield new EvidenceItem(
                        kind,
                        it.key(),
                        it.name(),
                        w,
                        EvidenceItem.Link.HIERARCHY,
                        group.name() + " is not known for " + it.key() + " but uses the related technique " + hi.label()
                                + " (" + src + ")",
                        src,
                        new Grade(Grade.reliabilityOf(src), 3));
            }
            case SOFTWARE -> {
                KnowledgeSnapshot.Item hi = kb.items.get(model.firstUsed(g, model.software(x)));
                String src = group.sourceOf(kb.byKey.get(hi.key()));
                String text = kind == EvidenceItem.Kind.SOFTWARE
                        ? group.name() + " is not known for " + what + ", but uses " + hi.label()
                                + ", which it implements (" + src + ")"
                        : group.name() + " is not known for " + what + ", but uses " + hi.label()
                                + ", which implements it (" + src + ")";
                yield new EvidenceItem(
                        kind,
                        it.key(),
                        it.name(),
                        w,
                        EvidenceItem.Link.SOFTWARE,
                        text,
                        src,
                        new Grade(Grade.reliabilityOf(src), 3));
            }
            case COOCCURRENCE ->
                new EvidenceItem(
                        kind,
                        it.key(),
                        it.name(),
                        w,
                        EvidenceItem.Link.COOCCURRENCE,
                        "other actors that use what " + group.name() + " uses also use " + what,
                        "knowledge base (inferred)",
                        new Grade(Grade.reliabilityOf(group.source()), 4));
            case NOT_KNOWN ->
                new EvidenceItem(
                        kind,
                        it.key(),
                        it.name(),
                        w,
                        EvidenceItem.Link.NOT_KNOWN,
                        "nothing in the knowledge base links " + group.name() + " to " + what + " (" + model.df[x]
                                + " of " + kb.groups.size() + " actors use it)",
                        group.source(),
                        new Grade(Grade.reliabilityOf(group.source()), 6));
        };
    }

    static EvidenceItem place(
            KnowledgeSnapshot.Group group,
            EvidenceItem.Kind kind,
            String key,
            String name,
            double w,
            boolean hasAny,
            boolean hit) {
        String noun = kind == EvidenceItem.Kind.COUNTRY ? "country" : "sector";
        if (!hasAny) {
            return new EvidenceItem(
                    kind,
                    key,
                    name,
                    0,
                    EvidenceItem.Link.NO_VICTIMOLOGY,
                    "the knowledge base has no targeted " + noun + " for " + group.name() + " (neutral)",
                    group.source(),
                    new Grade(Grade.reliabilityOf(group.source()), 6));
        }
        if (hit) {
            return new EvidenceItem(
                    kind,
                    key,
                    name,
                    w,
                    EvidenceItem.Link.DIRECT,
                    group.name() + " is known to target " + noun + " " + name,
                    group.source(),
                    new Grade(Grade.reliabilityOf(group.source()), 2));
        }
        return new EvidenceItem(
                kind,
                key,
                name,
                w,
                EvidenceItem.Link.NOT_KNOWN,
                group.name() + " is not known to target " + noun + " " + name,
                group.source(),
                new Grade(Grade.reliabilityOf(group.source()), 6));
    }
}
