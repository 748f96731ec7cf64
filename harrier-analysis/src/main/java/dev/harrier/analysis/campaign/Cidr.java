package dev.harrier.analysis.campaign;

import dev.harrier.core.IpAddresses;
import org.jspecify.annotations.Nullable;

/** An address range: the network's bytes (host bits cleared) and the prefix length. */
final class Cidr {
    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** The prefix length. */
    int prefix() {
        return prefix;
    }

    /** Whether the range is IPv4. */
    boolean v4() {
        return network.length == 4;
    }

    /** The network's bytes (host bits cleared), shared: callers do not change them. */
    byte[] network() {
        return network;
    }

    /** Parses {@code a.b.c.d/n}, {@code v6/n} or a single address; null when it is neither. */
    static @Nullable Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        byte[] addr = IpAddresses.parse(slash < 0 ? t : t.substring(0, slash));
        if (addr == null) {
            return null;
        }
        int max = addr.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                return null;
            }
        }
        return new Cidr(mask(addr, prefix), prefix);
    }

    /** A copy of {@code addr} with every bit after the first {@code prefix} cleared. */
    static byte[] mask(byte[] addr, int prefix) {
        byte[] out = addr.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            out[i] = (byte) (out[i] & (0xff00 >> keep));
        }
        return out;
    }

    /** Canonical text: the network address and the prefix length. */
    String text() {
        return IpAddresses.format(network) + "/" + prefix;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return text();
    }

    /**
     * Whether an address is not publicly routed: RFC 1918, loopback, link-local, CGNAT, unspecified and IPv6 unique-
     * local, link-local and loopback addresses. Such addresses are the defender's own, never external infrastructure.
     */
    static boolean isPrivate(byte[] a) {
        if (a.length == 4) {
            int b0 = a[0] & 0xff;
            int b1 = a[1] & 0xff;
            return b0 == 10
                    || b0 == 127
                    || b0 == 0
                    || (b0 == 172 && b1 >= 16 && b1 < 32)
                    || (b0 == 192 && b1 == 168)
                    || (b0 == 169 && b1 == 254)
                    || (b0 == 100 && b1 >= 64 && b1 < 128);
        }
        int b0 = a[0] & 0xff;
        if ((b0 & 0xfe) == 0xfc) {
            return true; // fc00::/7 unique local
        }
        if (b0 == 0xfe && (a[1] & 0xc0) == 0x80) {
            return true; // fe80::/10 link local
        }
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true; // :: and ::1
    }
}
