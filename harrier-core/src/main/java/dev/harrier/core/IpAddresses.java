package dev.harrier.core;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * IPv4 and IPv6 address literals, parsed by hand so that a value which is not an address never causes a DNS lookup
 * (unlike {@link java.net.InetAddress#getByName}). Accepts dotted IPv4, IPv6 with {@code ::} compression and an
 * embedded IPv4 tail, brackets and a zone id ({@code %eth0}, ignored).
 */
public final class IpAddresses {
    private IpAddresses() {}

    /** The address bytes (4 or 16), or null when {@code s} is not an address literal. */
    public static byte @Nullable [] parse(String s) {
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
        return Hex.digit(c) >= 0;
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
            if (x.isEmpty() || x.length() > 4 || !x.chars().allMatch(IpAddresses::isHex)) {
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

    /** The canonical text of an address: dotted IPv4, or RFC 5952 IPv6 (lower case, longest zero run as ::). */
    public static String format(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(g[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
