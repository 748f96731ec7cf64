package dev.harrier.detect.pattern;

import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address or CIDR network: 128 address bits (IPv4 in the low 32) and a prefix length. A bare address
 * is a network of prefix 32 (IPv4) or 128 (IPv6). Host bits of a CIDR ({@code 192.168.0.1/24}) are cleared.
 *
 * <p>Parsing is strict and never consults DNS: dotted quads of decimal octets without leading zeros, the RFC 4291
 * text forms of IPv6 (with {@code ::} and an embedded dotted quad), no zone ids.
 */
final class IpNet {
    final boolean v6;
    final long hi;
    final long lo;
    final int prefix;

    private IpNet(boolean v6, long hi, long lo, int prefix) {
        this.v6 = v6;
        this.prefix = prefix;
        long[] m = masked(hi, lo, v6 ? prefix : prefix + 96);
        this.hi = m[0];
        this.lo = m[1];
    }

    /** This network's address widened (masked) to the shorter prefix {@code p}. */
    IpNet widened(int p) {
        return new IpNet(v6, hi, lo, p);
    }

    /** Parses an address or CIDR; null when {@code s} is neither. */
    static @Nullable IpNet parse(String s) {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        Integer prefix = null;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            prefix = v;
        }
        if (addr.indexOf(':') >= 0) {
            long[] a = parse6(addr);
            if (a == null || (prefix != null && prefix > 128)) {
                return null;
            }
            return new IpNet(true, a[0], a[1], prefix == null ? 128 : prefix);
        }
        long v4 = parse4(addr);
        if (v4 < 0 || (prefix != null && prefix > 32)) {
            return null;
        }
        return new IpNet(false, 0, v4, prefix == null ? 32 : prefix);
    }

    /** Whether every address of this network is in {@code outer} (same family; equal networks count). */
    boolean within(IpNet outer) {
        if (v6 != outer.v6 || prefix < outer.prefix) {
            return false;
        }
        long[] m = masked(hi, lo, v6 ? outer.prefix : outer.prefix + 96);
        return m[0] == outer.hi && m[1] == outer.lo;
    }

    /** This network's address bits masked to {@code bits} (of the 128-bit form). */
    long[] maskedTo(int familyPrefix) {
        return masked(hi, lo, v6 ? familyPrefix : familyPrefix + 96);
    }

    private static long[] masked(long hi, long lo, int bits) {
        long mh;
        long ml;
        if (bits <= 0) {
            mh = 0;
            ml = 0;
        } else if (bits < 64) {
            mh = -1L << (64 - bits);
            ml = 0;
        } else if (bits == 64) {
            mh = -1L;
            ml = 0;
        } else if (bits < 128) {
            mh = -1L;
            ml = -1L << (128 - bits);
        } else {
            mh = -1L;
            ml = -1L;
        }
        return new long[] {hi & mh, lo & ml};
    }

    /** A dotted quad as an unsigned 32-bit value, or -1. */
    static long parse4(String s) {
        long v = 0;
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (parts < 4) {
            int start = i;
            int octet = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                octet = octet * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || octet > 255 || (len > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            v = (v << 8) | octet;
            parts++;
            if (parts < 4) {
                if (i >= n || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == n ? v : -1;
    }

    private static long @Nullable [] parse6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        int[] groups = new int[8];
        int count;
        if (dbl < 0) {
            count = groups(s, groups, 0, true);
            if (count != 8) {
                return null;
            }
        } else {
            int[] head = new int[8];
            int[] tail = new int[8];
            String h = s.substring(0, dbl);
            String t = s.substring(dbl + 2);
            int hc = h.isEmpty() ? 0 : groups(h, head, 0, false);
            int tc = t.isEmpty() ? 0 : groups(t, tail, 0, true);
            if (hc < 0 || tc < 0 || hc + tc > 7) {
                return null;
            }
            System.arraycopy(head, 0, groups, 0, hc);
            System.arraycopy(tail, 0, groups, 8 - tc, tc);
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | groups[g];
            lo = (lo << 16) | groups[g + 4];
        }
        return new long[] {hi, lo};
    }

    /** Reads colon-separated hex groups (an IPv4 tail counts as two) into {@code out}; the count, or -1. */
    private static int groups(String s, int[] out, int from, boolean allowV4Tail) {
        String[] parts = s.split(":", -1);
        int k = from;
        for (int p = 0; p < parts.length; p++) {
            String part = parts[p];
            if (allowV4Tail && p == parts.length - 1 && part.indexOf('.') >= 0) {
                long v4 = parse4(part);
                if (v4 < 0 || k + 2 > 8) {
                    return -1;
                }
                out[k++] = (int) (v4 >>> 16);
                out[k++] = (int) (v4 & 0xffff);
                continue;
            }
            if (part.isEmpty() || part.length() > 4 || k >= 8) {
                return -1;
            }
            int v = 0;
            for (int i = 0; i < part.length(); i++) {
                int d = Values.hexDigit(part.charAt(i));
                if (d < 0) {
                    return -1;
                }
                v = (v << 4) | d;
            }
            out[k++] = v;
        }
        return k;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof IpNet
                && ((IpNet) o).v6 == v6
                && ((IpNet) o).hi == hi
                && ((IpNet) o).lo == lo
                && ((IpNet) o).prefix == prefix;
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(hi) * 31 + Long.hashCode(lo)) * 31 + prefix + (v6 ? 1000 : 0);
    }

    @Override
    public String toString() {
        return (v6 ? "v6:" : "v4:") + Long.toHexString(hi) + ":" + Long.toHexString(lo) + "/" + prefix;
    }
}
