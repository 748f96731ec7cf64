package dev.harrier.analysis.campaign;

import dev.harrier.core.IpAddresses;
import dev.harrier.store.Sighting;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What one sighting says: which asset it happened on, and which features (indicator, infrastructure, ...) it has. */
final class SightingFeatures {
    /** Receives one feature of a sighting. */
    interface Sink {
        void feature(FeatureKind kind, String value, String label);
    }

    /** Field names (lower case, parts of) whose values may be a host name or URL of the other end. */
    private static final String[] NETWORK_FIELDS = {
        "host", "domain", "query", "sni", "server", "rrname", "url", "dest", "answers", "uri", "remote"
    };

    /** File extensions that look like top-level domains but are file names in process and file events. */
    private static final Set<String> FILE_ENDINGS = Set.of(
            "exe", "dll", "sys", "ps1", "bat", "cmd", "vbs", "js", "zip", "7z", "rar", "doc", "docx", "xls", "xlsx",
            "pdf", "txt", "log", "tmp", "dat", "lnk", "hta", "msi", "iso", "jpg", "png", "gz", "tar", "py", "sh");

    private final AssetBook book;

    SightingFeatures(AssetBook book) {
        this.book = book;
    }

    /**
     * The asset a sighting happened on: its host (the asset's key when the assets know the host), else the first
     * internal address among its fields (the host's key when an asset lists that single address), else {@code
     * unattributed:} and the directory of its event source.
     */
    String assetKey(Sighting s) {
        String host = s.host();
        if (host != null && !host.isBlank()) {
            Optional<Asset> a = book.byHost(host);
            return a.isPresent() ? a.get().key() : host.toLowerCase(Locale.ROOT);
        }
        for (Map.Entry<String, String> f : s.fields().entrySet()) {
            if (isIndicatorField(f.getKey())) {
                continue;
            }
            byte[] ip = address(f.getValue());
            if (ip != null && book.isInternal(ip)) {
                Optional<Asset> a = book.hostByAddress(ip);
                if (a.isPresent()) {
                    return a.get().key();
                }
                return IpAddresses.format(ip);
            }
        }
        String src = s.eventSource().replace('\\', '/');
        int slash = src.lastIndexOf('/');
        String dir = slash > 0 ? src.substring(0, slash) : src;
        int prev = dir.lastIndexOf('/');
        return Incident.UNATTRIBUTED + (prev >= 0 ? dir.substring(prev + 1) : dir);
    }

    /** Sends every feature of {@code s} to {@code sink}. */
    void features(Sighting s, Sink sink) {
        boolean ioc = "ioc".equals(s.kind());
        if (ioc) {
            String indicator = s.fields().get("indicator");
            sink.feature(FeatureKind.INDICATOR, s.ruleId(), indicator != null ? indicator : s.ruleTitle());
        } else {
            sink.feature(FeatureKind.RULE, s.ruleId(), s.ruleTitle());
        }
        for (String t : s.techniques()) {
            sink.feature(FeatureKind.TECHNIQUE, t, t);
        }
        for (Map.Entry<String, String> f : s.fields().entrySet()) {
            String name = f.getKey();
            if (isIndicatorField(name)) {
                continue;
            }
            String value = f.getValue();
            if (value == null || value.isEmpty() || value.length() > 2048) {
                continue;
            }
            byte[] ip = address(value);
            if (ip != null) {
                if (!book.isInternal(ip)) {
                    String text = IpAddresses.format(ip);
                    sink.feature(FeatureKind.INFRASTRUCTURE, text, text);
                }
                continue;
            }
            if (ioc || networkField(name)) {
                String d = domain(value);
                if (d != null && !book.isInternalDomain(d)) {
                    sink.feature(FeatureKind.INFRASTRUCTURE, d, d);
                }
            }
        }
    }

    private static boolean isIndicatorField(String name) {
        return name.equals("indicator") || name.equals("indicators");
    }

    private static boolean networkField(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String k : NETWORK_FIELDS) {
            if (n.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /** The address in a value: an address literal, optionally with a port ({@code 1.2.3.4:443}). */
    static byte @Nullable [] address(String value) {
        int n = value.length();
        if (n < 2 || n > 64) {
            return null;
        }
        char c = value.charAt(0);
        if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '[')) {
            return null;
        }
        byte[] a = IpAddresses.parse(value);
        if (a == null) {
            int colon = value.lastIndexOf(':');
            if (colon > 0 && value.indexOf(':') == colon) {
                a = IpAddresses.parse(value.substring(0, colon));
            }
        }
        return a == null ? null : unmapped(a);
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:203.0.113.45}) as the IPv4 address; others unchanged. */
    static byte[] unmapped(byte[] a) {
        if (a.length != 16 || (a[10] & 0xff) != 0xff || (a[11] & 0xff) != 0xff) {
            return a;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return a;
            }
        }
        return java.util.Arrays.copyOfRange(a, 12, 16);
    }

    /** The host name of a value that is a domain or URL, lower case; null for anything else. */
    static @Nullable String domain(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        int scheme = v.indexOf("://");
        if (scheme > 0) {
            v = v.substring(scheme + 3);
            int end = 0;
            while (end < v.length() && "/?#:".indexOf(v.charAt(end)) < 0) {
                end++;
            }
            v = v.substring(0, end);
            int at = v.lastIndexOf('@');
            if (at >= 0) {
                v = v.substring(at + 1);
            }
        }
        if (v.endsWith(".")) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.length() < 4 || v.length() > 253 || v.indexOf('.') < 0) {
            return null;
        }
        int labelStart = 0;
        for (int i = 0; i <= v.length(); i++) {
            char c = i < v.length() ? v.charAt(i) : '.';
            if (c == '.') {
                int len = i - labelStart;
                if (len == 0 || len > 63 || v.charAt(labelStart) == '-' || v.charAt(i - 1) == '-') {
                    return null;
                }
                labelStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return null;
            }
        }
        String tld = v.substring(v.lastIndexOf('.') + 1);
        if (tld.length() < 2 || !tld.chars().allMatch(ch -> ch >= 'a' && ch <= 'z') || FILE_ENDINGS.contains(tld)) {
            return null;
        }
        return v;
    }
}
