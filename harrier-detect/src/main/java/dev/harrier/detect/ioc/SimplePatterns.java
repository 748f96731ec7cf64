package dev.harrier.detect.ioc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the observables out of "simple" STIX patterns: one or more comparisons {@code type:path = 'value'} (or
 * {@code ISSUBSET 'cidr'} for addresses) joined by {@code OR}, inside or across observation brackets. Such a pattern
 * matches when any of its observables is seen, so each becomes an {@link IocEntry}. Anything else (AND, qualifiers,
 * other operators) is left to the full STIX pattern matcher.
 */
final class SimplePatterns {
    /** One observable of a simple pattern. */
    record Observable(IocKind kind, String value) {}

    private static final Pattern COMPARISON = Pattern.compile(
            "([a-z0-9-]+):([A-Za-z0-9_.\\-]+(?:\\.'[^']*')?)\\s*(=|ISSUBSET)\\s*'((?:[^'\\\\]|\\\\.)*)'");
    private static final Pattern REST = Pattern.compile("[\\s\\[\\]]*|(?:[\\s\\[\\]]*OR[\\s\\[\\]]*)+");

    private SimplePatterns() {}

    /** The observables, or null when the pattern is not simple (or names a property that is not an observable). */
    static @Nullable List<Observable> observables(String pattern) {
        Matcher m = COMPARISON.matcher(pattern);
        List<Observable> out = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            rest.append(pattern, last, m.start()).append(' ');
            last = m.end();
            IocKind kind = kind(m.group(1), m.group(2), m.group(3));
            if (kind == null) {
                return null;
            }
            out.add(new Observable(kind, unescape(m.group(4))));
        }
        rest.append(pattern, last, pattern.length());
        if (out.isEmpty()
                || !REST.matcher(rest.toString().replaceAll("\\s+", " ")).matches()) {
            return null;
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("\\'", "'").replace("\\\\", "\\");
    }

    static @Nullable IocKind kind(String type, String path, String op) {
        String p = path.replace("'", "").toLowerCase(Locale.ROOT);
        if (op.equals("ISSUBSET")) {
            return type.equals("ipv4-addr") || type.equals("ipv6-addr") ? IocKind.IP : null;
        }
        return switch (type) {
            case "ipv4-addr", "ipv6-addr" -> p.equals("value") ? IocKind.IP : null;
            case "domain-name" -> p.equals("value") ? IocKind.DOMAIN : null;
            case "url" -> p.equals("value") ? IocKind.URL : null;
            case "email-addr" -> p.equals("value") ? IocKind.EMAIL : null;
            case "file", "artifact" ->
                switch (p) {
                    case "hashes.md5" -> IocKind.MD5;
                    case "hashes.sha-1", "hashes.sha1" -> IocKind.SHA1;
                    case "hashes.sha-256", "hashes.sha256" -> IocKind.SHA256;
                    case "hashes.sha-512", "hashes.sha512" -> IocKind.SHA512;
                    case "hashes.ssdeep" -> IocKind.SSDEEP;
                    case "hashes.tlsh" -> IocKind.TLSH;
                    case "name" -> type.equals("file") ? IocKind.FILENAME : null;
                    default -> null;
                };
            case "x509-certificate" ->
                switch (p) {
                    case "serial_number" -> IocKind.X509_SERIAL;
                    case "hashes.sha-1", "hashes.sha1" -> IocKind.X509_SHA1;
                    case "hashes.sha-256", "hashes.sha256" -> IocKind.X509_SHA256;
                    default -> null;
                };
            default -> null;
        };
    }
}
