package dev.harrier.store.sql;

import dev.harrier.core.StixObject;
import dev.harrier.store.Aliases;
import dev.harrier.store.RelationshipRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The index rows that the latest version of an object contributes: its relationship row (for relationship objects)
 * and its alias rows.
 *
 * <p>An object's aliases are its {@link StixObject#aliases() name, aliases and x_mitre_aliases} and its {@linkplain
 * StixObject#attackId() ATT&amp;CK id}, keyed by {@link Aliases#normalize normal form}; when two spellings share a
 * normal form the first one is kept, and names with an empty normal form are left out.
 */
final class IndexRows {
    /** One row of the alias index. */
    record AliasRow(String objectId, String norm, String type, String alias, String sourceName) {}

    private IndexRows() {}

    /** The alias rows of {@code object}, stored with {@code sourceName}. */
    static List<AliasRow> aliases(StixObject object, String sourceName) {
        Map<String, String> byNorm = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(object.aliases());
        object.attackId().ifPresent(names::add);
        for (String name : names) {
            String norm = Aliases.normalize(name);
            if (!norm.isEmpty()) {
                byNorm.putIfAbsent(norm, name);
            }
        }
        List<AliasRow> out = new ArrayList<>(byNorm.size());
        byNorm.forEach((norm, alias) -> out.add(new AliasRow(object.id(), norm, object.type(), alias, sourceName)));
        return out;
    }

    /** The relationship row of a relationship object that names its type, source and target. */
    static Optional<RelationshipRow> relationship(StixObject object) {
        if (!"relationship".equals(object.type())) {
            return Optional.empty();
        }
        Optional<String> type = object.text("relationship_type");
        Optional<String> source = object.text("source_ref");
        Optional<String> target = object.text("target_ref");
        if (type.isEmpty() || source.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RelationshipRow(object.id(), type.get(), source.get(), target.get(), object.active()));
    }
}
