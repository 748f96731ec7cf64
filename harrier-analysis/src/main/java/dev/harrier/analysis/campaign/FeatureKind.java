package dev.harrier.analysis.campaign;

import java.util.Locale;

/** What two incidents can share, and how much sharing it says. */
public enum FeatureKind {
    /** An indicator (IOC sighting's rule id): specific by definition, one shared indicator links. */
    INDICATOR(1.0, false),
    /**
     * An external address or domain in the matched fields of a sighting: one links, unless most of many incidents
     * share it (a resolver, an update server).
     */
    INFRASTRUCTURE(1.0, false),
    /** A detection rule (the tool or behaviour it describes): weak, weighted by rarity. */
    RULE(0.5, true),
    /** An ATT&amp;CK technique: weak, weighted by rarity. */
    TECHNIQUE(0.5, true);

    private final double base;
    private final boolean discounted;

    FeatureKind(double base, boolean discounted) {
        this.base = base;
        this.discounted = discounted;
    }

    /** Whether a feature of this kind is no evidence when most incidents share it. */
    public boolean ubiquityIgnored() {
        return this != INDICATOR;
    }

    /** The weight of a feature of this kind shared by incidents that share nothing else. */
    public double base() {
        return base;
    }

    /** Whether a feature of this kind loses weight as more incidents share it. */
    public boolean discounted() {
        return discounted;
    }

    /** Whether one shared feature of this kind is enough to link two incidents. */
    public boolean strong() {
        return base >= 1.0;
    }

    /** The lower-case name used in output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
