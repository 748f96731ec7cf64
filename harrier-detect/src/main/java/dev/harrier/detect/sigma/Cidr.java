package dev.harrier.detect.sigma;

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

    static byte @Nullable [] address(String s) {
        return dev.harrier.core.IpAddresses.parse(s);
    }
}
