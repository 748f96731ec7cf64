package dev.harrier.detect.sigma;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 network for the {@code cidr} modifier. Addresses are parsed by hand from their literal text, so a
 * value that is not an address never causes a DNS lookup. IPv4-mapped IPv6 addresses ({@code ::ffff:10.1.2.3}) match
 * IPv4 networks.
 */
final class Cidr {
    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** Parses {@code a.b.c.d/n}, {@code x:y::/n} or a bare address (a host network). */
    static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] a = address(addr);
        if (a == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 network");
        }
        int max = a.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + max);
            }
        }
        return new Cidr(mask(a, prefix), prefix);
    }

    boolean contains(String value) {
        byte[] a = address(value.trim());
        if (a == null) {
            return false;
        }
        if (a.length != network.length) {
            if (a.length == 16 && network.length == 4 && isMapped(a)) {
                a = java.util.Arrays.copyOfRange(a, 12, 16);
            } else {
                return false;
            }
        }
        byte[] m = mask(a, prefix);
        return java.util.Arrays.equals(m, network);
    }

    private static boolean isMapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] a, int prefix) {
        byte[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bits)));
        }
        return out;
    }

    /** The address bytes (4 or 16), or null when {@code s} is not an address literal. */
    static byte @Nullable [] address(String s) {
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        return s.indexOf(':') >= 0 ? v6(s.toLowerCase(Locale.ROOT)) : v4(s);
    }

    private static byte @Nullable [] v4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.') {
                if (value < 0 || part >= 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte @Nullable [] v6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        byte[] h = groups(head);
        byte[] t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        if (dbl < 0 ? h.length != 16 : h.length + t.length > 14) {
            return null;
        }
        byte[] out = new byte[16];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(t, 0, out, 16 - t.length, t.length);
        return out;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Colon-separated hex groups, the last of which may be a dotted IPv4 address. */
    private static byte @Nullable [] groups(String s) {
        if (s.isEmpty()) {
            return new byte[0];
        }
        String[] g = s.split(":", -1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < g.length; i++) {
            String x = g[i];
            if (i == g.length - 1 && x.indexOf('.') >= 0) {
                byte[] v4 = v4(x);
                if (v4 == null) {
                    return null;
                }
                out.write(v4, 0, 4);
                continue;
            }
            if (x.isEmpty() || x.length() > 4 || !x.chars().allMatch(Cidr::isHex)) {
                return null;
            }
            int v;
            try {
                v = Integer.parseInt(x, 16);
            } catch (NumberFormatException e) {
                return null;
            }
            out.write(v >> 8);
            out.write(v & 0xff);
        }
        return out.size() > 16 ? null : out.toByteArray();
    }
}
