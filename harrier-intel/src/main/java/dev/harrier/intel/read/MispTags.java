package dev.harrier.intel.read;

import dev.harrier.core.Tlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The tags of a MISP event or attribute, sorted by what they become: the most restrictive {@code tlp:*} tag a
 * marking, {@code misp-galaxy:*} tags objects, everything else labels.
 */
final class MispTags {
    final @Nullable Tlp tlp;
    final List<String> galaxyTags;
    final List<String> labels;

    private MispTags(@Nullable Tlp tlp, List<String> galaxyTags, List<String> labels) {
        this.tlp = tlp;
        this.galaxyTags = galaxyTags;
        this.labels = labels;
    }

    static MispTags of(Iterable<String> tags) {
        Tlp tlp = null;
        List<String> galaxy = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String raw : tags) {
            String tag = raw.strip();
            if (tag.isEmpty()) {
                continue;
            }
            String lower = tag.toLowerCase(Locale.ROOT);
            if (lower.startsWith("tlp:")) {
                Optional<Tlp> t = Tlp.parse(lower);
                if (t.isPresent()) {
                    tlp = max(tlp, t.get());
                    continue;
                }
            }
            if (lower.startsWith("misp-galaxy:")) {
                galaxy.add(tag);
            } else if (!labels.contains(tag)) {
                labels.add(tag);
            }
        }
        return new MispTags(tlp, galaxy, labels);
    }

    /** The more restrictive of two levels (null means none). */
    static @Nullable Tlp max(@Nullable Tlp a, @Nullable Tlp b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
