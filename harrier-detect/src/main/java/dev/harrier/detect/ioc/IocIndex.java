package dev.harrier.detect.ioc;

import dev.harrier.core.IpAddresses;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, thread-safe index of indicator observables: exact values per {@link IocKind}, domains matched with
 * every parent domain (so {@code evil.example} matches {@code a.b.evil.example}), and IP networks kept per prefix
 * length so an address is checked against each length present, longest first.
 *
 * <p>Layout: entries in columns ({@link IocEntries}); IPv4 addresses and networks as {@code int} keys in
 * open-addressing tables (one per prefix length, consulted only when a 64 Ki-bit map of /16 blocks says a network
 * touches the address's block; a second such map, of blocks holding any IPv4 indicator, comes first); domains by a 64-bit hash of each label suffix, computed from the right of the
 * observed name without building substrings, with every inner suffix of an indicator domain marked so that a walk
 * stops at the first suffix no indicator ends with; other values by string hash. Hash hits are confirmed against the
 * stored value.
 */
public final class IocIndex {
    private final IocEntries entries;
    private final Map<IocKind, KeyTables.Texts> exact;
    private final KeyTables.Ints v4;
    /** IPv4 networks: prefix lengths present, longest first, and a table per length. */
    private final int[] v4Prefixes;

    private final KeyTables.Ints[] v4Networks;
    /** Bit {@code a >>> 16} set when some IPv4 network overlaps the /16 block of address {@code a}. */
    private final long[] v4Blocks;
    /**
     * Bit {@code a >>> 16} set when some IPv4 address or network lies in (or overlaps) the /16 block of {@code a}:
     * 8 KiB that answer for most addresses no indicator is near (internal clients, for a start) without touching
     * the large tables.
     */
    private final long[] v4AnyBlocks;
    /** IPv6 addresses (prefix 128) and networks: prefix length, longest first, then masked bytes as Latin-1 text. */
    private final TreeMap<Integer, Map<String, Integer>> v6;

    private final KeyTables.Longs domains;
    private final boolean anyIp;

    private IocIndex(Builder b) {
        this.entries = b.entries;
        this.exact = b.exact;
        this.v4 = b.v4;
        List<Integer> lengths = new ArrayList<>();
        for (int p = 32; p >= 0; p--) {
            if (b.v4Networks[p] != null) {
                lengths.add(p);
            }
        }
        this.v4Prefixes = lengths.stream().mapToInt(Integer::intValue).toArray();
        this.v4Networks = new KeyTables.Ints[v4Prefixes.length];
        for (int k = 0; k < v4Prefixes.length; k++) {
            v4Networks[k] = b.v4Networks[v4Prefixes[k]];
        }
        this.v4Blocks = b.v4Blocks;
        this.v4AnyBlocks = b.v4AnyBlocks;
        this.v6 = b.v6;
        this.domains = b.domains;
        this.anyIp = !v4.isEmpty() || v4Prefixes.length > 0 || !v6.isEmpty();
        v4.freeze();
        for (KeyTables.Ints t : v4Networks) {
            t.freeze();
        }
        domains.freeze();
        entries.trim();
    }

    /** Builds an index; entries whose value does not normalise are returned in {@code rejected} if given. */
    public static IocIndex build(Iterable<IocEntry> entries, @Nullable List<IocEntry> rejected) {
        Builder b = new Builder();
        for (IocEntry e : entries) {
            if (!b.add(e) && rejected != null) {
                rejected.add(e);
            }
        }
        return new IocIndex(b);
    }

    /** Collects the entries into the tables. */
    private static final class Builder {
        final IocEntries entries = new IocEntries();
        final Map<IocKind, KeyTables.Texts> exact = new EnumMap<>(IocKind.class);
        final KeyTables.Ints v4 = new KeyTables.Ints();
        final KeyTables.@Nullable Ints[] v4Networks = new KeyTables.Ints[33];
        final long[] v4Blocks = new long[1 << 10];
        final long[] v4AnyBlocks = new long[1 << 10];
        final TreeMap<Integer, Map<String, Integer>> v6 = new TreeMap<>(java.util.Comparator.reverseOrder());
        final KeyTables.Longs domains = new KeyTables.Longs();

        boolean add(IocEntry e) {
            String v = IocNormalizer.normalize(e.kind(), e.value());
            if (v == null) {
                return false;
            }
            IocEntry norm = v.equals(e.value())
                    ? e
                    : new IocEntry(e.indicatorId(), e.name(), e.kind(), v, e.validFrom(), e.validUntil());
            int i = entries.add(norm);
            switch (e.kind()) {
                case IP -> addAddress(v, i);
                case DOMAIN -> addDomain(v, i);
                default -> {
                    int head = exact.computeIfAbsent(e.kind(), k -> new KeyTables.Texts(entries.values()))
                            .putIfAbsent(v, i);
                    if (head >= 0) {
                        entries.chain(head, i);
                    }
                }
            }
            return true;
        }

        private void addAddress(String v, int i) {
            int slash = v.indexOf('/');
            byte[] a = IpAddresses.parse(slash < 0 ? v : v.substring(0, slash));
            if (a == null) {
                throw new IllegalStateException("normalised address does not parse: " + v);
            }
            int prefix = slash < 0 ? a.length * 8 : Integer.parseInt(v.substring(slash + 1));
            if (a.length == 4) {
                int key = toInt(a);
                KeyTables.Ints t;
                if (prefix == 32) {
                    t = v4;
                } else {
                    t = v4Networks[prefix];
                    if (t == null) {
                        t = new KeyTables.Ints();
                        v4Networks[prefix] = t;
                    }
                    int first = key >>> 16;
                    int last = prefix >= 16 ? first : first | ((1 << (16 - prefix)) - 1);
                    for (int block = first; block <= last; block++) {
                        v4Blocks[block >>> 6] |= 1L << block;
                        v4AnyBlocks[block >>> 6] |= 1L << block;
                    }
                }
                int block = key >>> 16;
                v4AnyBlocks[block >>> 6] |= 1L << block;
                int head = t.putIfAbsent(key, i);
                if (head >= 0) {
                    entries.chain(head, i);
                }
            } else {
                Map<String, Integer> byKey = v6.computeIfAbsent(prefix, k -> new HashMap<>());
                Integer head = byKey.putIfAbsent(v6Key(a, prefix), i);
                if (head != null) {
                    entries.chain(head, i);
                }
            }
        }

        private void addDomain(String v, int i) {
            int n = v.length();
            long h = DomainHash.SEED;
            for (int s = n - 1; s >= 0; s--) {
                char c = v.charAt(s);
                if (c == '.') {
                    domains.put(h, KeyTables.Longs.INNER); // the suffix after this dot
                }
                h = DomainHash.step(h, c);
            }
            int head = domains.put(h, i);
            if (head >= 0) {
                entries.chain(head, i);
            }
        }
    }

    /** Number of indexed entries. */
    public int size() {
        return entries.size();
    }

    /** Whether the index holds any entry of {@code kind} (lets matchers skip extraction). */
    public boolean has(IocKind kind) {
        return switch (kind) {
            case IP -> anyIp;
            case DOMAIN -> !domains.isEmpty();
            default -> exact.containsKey(kind);
        };
    }

    /**
     * Calls {@code sink} with every entry that {@code observed} (a raw value of the given kind) matches and that was
     * valid at {@code time}: the exact value, a parent domain, or a network containing the address.
     */
    public void lookup(IocKind kind, String observed, @Nullable Instant time, Consumer<IocEntry> sink) {
        find(kind, observed, i -> {
            IocEntry e = entries.get(i);
            if (e.validAt(time)) {
                sink.accept(e);
            }
        });
    }

    /** The entries {@link #find} reports, by number. */
    IocEntries entries() {
        return entries;
    }

    /** Calls {@code sink} with the number of every entry {@code observed} matches, whatever its validity. */
    void find(IocKind kind, String observed, IntConsumer sink) {
        switch (kind) {
            case IP -> {
                if (anyIp) {
                    findAddress(observed, sink);
                }
            }
            case DOMAIN -> {
                if (!domains.isEmpty()) {
                    findDomain(observed, sink);
                }
            }
            default -> {
                KeyTables.Texts t = exact.get(kind);
                if (t != null) {
                    String v = IocNormalizer.normalize(kind, observed);
                    if (v != null) {
                        emit(t.get(v), sink);
                    }
                }
            }
        }
    }

    private void emit(int head, IntConsumer sink) {
        for (int i = head; i >= 0; i = entries.next(i)) {
            sink.accept(i);
        }
    }

    /**
     * An observed address: parsed once (IPv4 dotted quads without any allocation), looked up exactly, then against
     * each network prefix length of its family, longest first.
     */
    private void findAddress(String observed, IntConsumer sink) {
        int from = 0;
        int to = observed.length();
        while (from < to && observed.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && observed.charAt(to - 1) <= ' ') {
            to--;
        }
        if (from == to) {
            return;
        }
        long quad = to - from <= 64 ? DottedQuad.parse(observed, from, to) : -1;
        if (quad >= 0) {
            findV4((int) quad, sink);
            return;
        }
        String o = observed.substring(from, to);
        if (o.indexOf('/') >= 0) {
            return; // observations are addresses, not networks
        }
        byte[] a = IpAddresses.parse(o);
        if (a == null) {
            return;
        }
        a = IocNormalizer.unmap(a);
        if (a.length == 4) {
            findV4(toInt(a), sink);
            return;
        }
        for (Map.Entry<Integer, Map<String, Integer>> e : v6.entrySet()) {
            Integer head = e.getValue().get(v6Key(a, e.getKey()));
            if (head != null) {
                emit(head, sink);
            }
        }
    }

    private void findV4(int a, IntConsumer sink) {
        int block = a >>> 16;
        if ((v4AnyBlocks[block >>> 6] & (1L << block)) == 0) {
            return;
        }
        emit(v4.get(a), sink);
        if ((v4Blocks[block >>> 6] & (1L << block)) == 0) {
            return;
        }
        for (int k = 0; k < v4Prefixes.length; k++) {
            int p = v4Prefixes[k];
            int mask = p == 0 ? 0 : -1 << (32 - p);
            emit(v4Networks[k].get(a & mask), sink);
        }
    }

    /**
     * An observed domain, normalised as {@link IocNormalizer} does (trimmed, lower case, trailing dots dropped; no
     * {@code /} or space), walked from the right label by label; matches come longest first.
     */
    private void findDomain(String observed, IntConsumer sink) {
        int from = 0;
        int to = observed.length();
        while (from < to && observed.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && observed.charAt(to - 1) <= ' ') {
            to--;
        }
        while (to > from && observed.charAt(to - 1) == '.') {
            to--;
        }
        String s = observed;
        boolean ascii = true;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c == '/' || c == ' ') {
                return;
            }
            if (c >= 0x80) {
                // outside ASCII lower-casing may change lengths: walk the normalised text instead
                String v = IocNormalizer.normalize(IocKind.DOMAIN, observed);
                if (v == null) {
                    return;
                }
                s = v;
                from = 0;
                to = v.length();
                ascii = false;
                break;
            }
        }
        if (from == to) {
            return;
        }
        int[] found = null;
        int[] starts = null;
        int count = 0;
        long h = DomainHash.SEED;
        for (int k = to - 1; k >= from - 1; k--) {
            char c = k >= from ? s.charAt(k) : '.';
            if (c == '.') {
                int head = domains.get(h); // the suffix s[k + 1, to)
                if (head == KeyTables.Longs.MISSING) {
                    break; // no indicator ends with this suffix, nor with any longer one
                }
                if (head >= 0) {
                    if (found == null) {
                        found = new int[4];
                        starts = new int[4];
                    } else if (count == found.length) {
                        found = java.util.Arrays.copyOf(found, count * 2);
                        starts = java.util.Arrays.copyOf(starts, count * 2);
                    }
                    found[count] = head;
                    starts[count++] = k + 1;
                }
            }
            if (k >= from) {
                h = DomainHash.step(h, TextPool.lower(c));
            }
        }
        for (int k = count - 1; k >= 0; k--) {
            int head = found[k]; // longest first
            int start = starts[k];
            for (int i = head; i >= 0; i = entries.next(i)) {
                boolean same = ascii
                        ? entries.values().equalsAsciiLower(i, s, start, to)
                        : entries.values().equalsAt(i, s.substring(start, to));
                if (same) {
                    sink.accept(i); // confirmed: a 64-bit hash collision would chain another value
                }
            }
        }
    }

    static int toInt(byte[] a) {
        return ((a[0] & 0xff) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
    }

    /** The key of an IPv6 network: its address masked to {@code prefix} bits, one char per byte. */
    private static String v6Key(byte[] address, int prefix) {
        return new String(IocNormalizer.mask(address, prefix), StandardCharsets.ISO_8859_1);
    }

    /** The hash of a domain's label suffixes, fed characters from the right. */
    static final class DomainHash {
        static final long SEED = 0xcbf29ce484222325L;

        private DomainHash() {}

        static long step(long h, char c) {
            long x = (h ^ c) * 0x100000001b3L;
            return x ^ (x >>> 29);
        }
    }

    /** IPv4 dotted quads parsed as {@link IpAddresses#parse} reads them, without allocating. */
    static final class DottedQuad {
        private DottedQuad() {}

        /** The address in {@code s[from, to)} as an unsigned int in a long, or -1 when it is not a dotted quad. */
        static long parse(String s, int from, int to) {
            long out = 0;
            int part = 0;
            int value = -1;
            for (int i = from; i <= to; i++) {
                char c = i < to ? s.charAt(i) : '.';
                if (c >= '0' && c <= '9') {
                    value = (value < 0 ? 0 : value * 10) + (c - '0');
                    if (value > 255) {
                        return -1;
                    }
                } else if (c == '.') {
                    if (value < 0 || part >= 4) {
                        return -1;
                    }
                    out = (out << 8) | value;
                    part++;
                    value = -1;
                } else {
                    return -1;
                }
            }
            return part == 4 ? out : -1;
        }
    }
}
