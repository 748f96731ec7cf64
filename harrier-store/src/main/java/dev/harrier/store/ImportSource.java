package dev.harrier.store;

/**
 * What an import session reads from.
 *
 * @param name a display name (file path, URL)
 * @param format the detected format, e.g. {@code stix-2.1}, {@code misp-event}, {@code ioc-list}
 * @param sha256 the SHA-256 of the content, hex
 */
public record ImportSource(String name, String format, String sha256) {}
