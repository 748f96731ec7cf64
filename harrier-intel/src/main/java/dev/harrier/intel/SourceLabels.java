package dev.harrier.intel;

import dev.harrier.core.StixObject;
import java.util.Map;

/** Names the source of an object from its content: ATT&amp;CK, a MISP galaxy, or the identity that created it. */
final class SourceLabels {
    static final String ATTACK = "MITRE ATT&CK";

    private final Map<String, String> identityNames;

    SourceLabels(Map<String, String> identityNames) {
        this.identityNames = identityNames;
    }

    String of(StixObject o) {
        if (AttackData.isAttack(o)) {
            return ATTACK;
        }
        String galaxy = o.text("x_misp_galaxy").orElse("");
        if (!galaxy.isEmpty()) {
            return "MISP galaxy " + galaxy;
        }
        String creator = o.text("created_by_ref").orElse("");
        String name = identityNames.get(creator);
        if (name != null) {
            return name;
        }
        return o.text("x_harrier_source").orElse(creator.isEmpty() ? "unattributed source" : creator);
    }
}
