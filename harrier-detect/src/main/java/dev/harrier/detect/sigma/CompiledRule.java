package dev.harrier.detect.sigma;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A rule of a {@link CompiledRuleSet}: its parsed form and the metadata every hit carries.
 *
 * <p>{@code id} is the rule's Sigma id, or a stable id derived from its source and title when it has none.
 * {@code standalone} is false when the rule is only a building block of correlations ({@code generate: false}, the
 * default): its hits feed the correlations but are not alerts on their own.
 */
public final class CompiledRule {
    private final int index;
    private final String id;
    private final SigmaRule rule;
    private final boolean standalone;

    CompiledRule(int index, String id, SigmaRule rule, boolean standalone) {
        this.index = index;
        this.id = id;
        this.rule = rule;
        this.standalone = standalone;
    }

    int index() {
        return index;
    }

    /** The rule id (Sigma {@code id}, or derived). */
    public String id() {
        return id;
    }

    /** The parsed rule. */
    public SigmaRule rule() {
        return rule;
    }

    /** The title. */
    public String title() {
        return rule.title();
    }

    /** The level as written, lower-cased, or null. */
    public @Nullable String level() {
        return rule.level() == null ? null : rule.level().toLowerCase(Locale.ROOT);
    }

    /** The level's rank: 0 informational or none, 1 low, 2 medium, 3 high, 4 critical. */
    public int levelRank() {
        return Levels.rank(rule.level());
    }

    /** The author, as the Detection Rule License requires it in every alert; null when the rule names none. */
    public @Nullable String author() {
        return rule.author();
    }

    /** ATT&amp;CK technique ids from the tags. */
    public List<String> techniques() {
        return rule.attackTechniques();
    }

    /** Whether hits are alerts by themselves (false for correlation building blocks). */
    public boolean standalone() {
        return standalone;
    }

    @Override
    public String toString() {
        return id + " " + rule.title();
    }
}
