package dev.harrier.analysis.campaign;

/**
 * One piece of evidence that two incidents belong to the same campaign.
 *
 * @param kind {@code indicator}, {@code infrastructure}, or {@code rules} / {@code techniques} for a link made by
 *     several weak features of that kind together
 * @param value the shared indicator id, address or domain, or the shared rules and techniques joined by {@code ", "}
 * @param from the earlier incident's id
 * @param to the later incident's id
 * @param weight the link's weight (1 for one strong feature; the summed weights of weak ones)
 */
public record Link(String kind, String value, String from, String to, double weight) {}
