package dev.harrier.analysis.campaign;

/**
 * A feature several incidents share.
 *
 * @param kind the feature's {@link FeatureKind#label() kind}
 * @param value the indicator id, address, domain, rule id or technique id
 * @param label a readable name (the rule's or indicator's title), or the value
 * @param incidents how many incidents (of the campaign, or of the case for ignored features) share it
 * @param weight its linking weight; 0 for a feature too common to be evidence
 */
public record SharedFeature(String kind, String value, String label, int incidents, double weight) {}
