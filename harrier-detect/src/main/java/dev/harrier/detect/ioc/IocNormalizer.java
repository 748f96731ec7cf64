package dev.harrier.detect.ioc;

import dev.harrier.core.IpAddresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Brings indicator values and observed values to one form so that equal things compare equal: hashes and domains
 * lower case (a trailing dot dropped), IP addresses canonical (IPv4-mapped IPv6 as IPv4), URLs with scheme and host
 * lower-cased, default ports, fragments and dot segments removed.
 */
public final class IocNormalizer {
    private IocNormalizer() {}

    /** The normal form of {@code value} as a {@code kind}, or null when it is not one (a bad IP, an empty hash). */
    public static @Nullable String normalize(IocKind kind, String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return null;
        }
        return switch (kind) {
            case MD5, SHA1, SHA256, SHA512, X509_SHA1, X509_SHA256, JA3, JA3S -> hex(v);
            case IP -> ip(v);
            case DOMAIN -> domain(v);
            case URL -> url(v);
            case EMAIL -> v.toLowerCase(Locale.ROOT);
            case X509_SERIAL -> v.replace(":", "").toLowerCase(Locale.ROOT).replaceFirst("^0+(?=.)", "");
            case FILENAME -> v.toLowerCase(Locale.ROOT);
            default -> v;
        };
    }

    private static @Nullable String hex(String v) {
        String h = v.replace(":", "").toLowerCase(Locale.ROOT);
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return null;
            }
        }
        return h;
    }

    /** An address or a network: canonical address text, with {@code /prefix} for a network. */
    static @Nullable String ip(String v) {
        int slash = v.indexOf('/');
        byte[] a = IpAddresses.parse(slash < 0 ? v : v.substring(0, slash));
        if (a == null) {
            return null;
        }
        a = unmap(a);
        if (slash < 0) {
            return IpAddresses.format(a);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(v.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (prefix < 0 || prefix > a.length * 8) {
            return null;
        }
        return IpAddresses.format(mask(a, prefix)) + "/" + prefix;
    }

    static byte[] unmap(byte[] a) {
        if (a.length != 16) {
            return a;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return a;
            }
        }
        if (a[10] == (byte) 0xff && a[11] == (byte) 0xff) {
            return new byte[] {a[12], a[13], a[14], a[15]};
        }
        return a;
    }

    static byte[] mask(byte[] a, int prefix) {
        byte[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bits)));
        }
        return out;
    }

    static @Nullable String domain(String v) {
        String d = v.toLowerCase(Locale.ROOT);
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty() || d.indexOf('/') >= 0 || d.indexOf(' ') >= 0) {
            return null;
        }
        return d;
    }

    static @Nullable String url(String v) {
        String s = v;
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        try {
            URI u = new URI(s).normalize();
            String scheme = u.getScheme() == null ? "http" : u.getScheme().toLowerCase(Locale.ROOT);
            String host = u.getHost() == null ? u.getAuthority() : u.getHost();
            if (host == null) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean defaultPort =
                    port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
            return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path + query;
        } catch (URISyntaxException e) {
            return v.toLowerCase(Locale.ROOT);
        }
    }
}
