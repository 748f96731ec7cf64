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
import org.jspecify.annotations.Nullable;

/**
 * An immutable, thread-safe index of indicator observables: a hash map per {@link IocKind} for exact values,
 * domains matched with every parent domain (so {@code evil.example} matches {@code a.b.evil.example}), and IP
 * networks kept per prefix length so an address is checked against each length present, longest first.
 */
public final class IocIndex {
    private final Map<IocKind, Map<String, List<IocEntry>>> exact;
    /** Networks by family (4 or 16 bytes), then prefix length (longest first), then masked address text. */
    private final Map<Integer, TreeMap<Integer, Map<String, List<IocEntry>>>> networks;

    private final int size;

    private IocIndex(
            Map<IocKind, Map<String, List<IocEntry>>> exact,
            Map<Integer, TreeMap<Integer, Map<String, List<IocEntry>>>> networks,
            int size) {
        this.exact = exact;
        this.networks = networks;
        this.size = size;
    }

    /** Builds an index; entries whose value does not normalise are returned in {@code rejected} if given. */
    public static IocIndex build(Iterable<IocEntry> entries, @Nullable List<IocEntry> rejected) {
        Map<IocKind, Map<String, List<IocEntry>>> exact = new EnumMap<>(IocKind.class);
        Map<Integer, TreeMap<Integer, Map<String, List<IocEntry>>>> networks = new HashMap<>();
        int n = 0;
        for (IocEntry e : entries) {
            String v = IocNormalizer.normalize(e.kind(), e.value());
            if (v == null) {
                if (rejected != null) {
                    rejected.add(e);
                }
                continue;
            }
            IocEntry norm = v.equals(e.value())
                    ? e
                    : new IocEntry(e.indicatorId(), e.name(), e.kind(), v, e.validFrom(), e.validUntil());
            n++;
            int slash = e.kind() == IocKind.IP ? v.indexOf('/') : -1;
            if (slash >= 0) {
                byte[] a = IpAddresses.parse(v.substring(0, slash));
                int prefix = Integer.parseInt(v.substring(slash + 1));
                if (a != null && prefix == a.length * 8) {
                    exact.computeIfAbsent(IocKind.IP, k -> new HashMap<>())
                            .computeIfAbsent(v.substring(0, slash), k -> new ArrayList<>(1))
                            .add(norm);
                    continue;
                }
                networks.computeIfAbsent(
                                a == null ? 4 : a.length, k -> new TreeMap<>(java.util.Comparator.reverseOrder()))
                        .computeIfAbsent(prefix, k -> new HashMap<>())
                        .computeIfAbsent(networkKey(a == null ? new byte[0] : a, prefix), k -> new ArrayList<>(1))
                        .add(norm);
            } else {
                exact.computeIfAbsent(e.kind(), k -> new HashMap<>())
                        .computeIfAbsent(v, k -> new ArrayList<>(1))
                        .add(norm);
            }
        }
        return new IocIndex(exact, networks, n);
    }

    /** Number of indexed entries. */
    public int size() {
        return size;
    }

    /**
     * Calls {@code sink} with every entry that {@code observed} (a raw value of the given kind) matches and that was
     * valid at {@code time}: the exact value, a parent domain, or a network containing the address.
     */
    public void lookup(IocKind kind, String observed, @Nullable Instant time, Consumer<IocEntry> sink) {
        Map<String, List<IocEntry>> byValue = exact.get(kind);
        if (byValue == null && !(kind == IocKind.IP && !networks.isEmpty())) {
            return;
        }
        if (kind == IocKind.IP) {
            lookupAddress(byValue, observed, time, sink);
            return;
        }
        String v = IocNormalizer.normalize(kind, observed);
        if (v == null) {
            return;
        }
        switch (kind) {
            case DOMAIN -> {
                if (byValue == null) {
                    return;
                }
                String d = v;
                while (true) {
                    emit(byValue.get(d), time, sink);
                    int dot = d.indexOf('.');
                    if (dot < 0) {
                        break;
                    }
                    d = d.substring(dot + 1);
                }
            }
            default -> {
                if (byValue != null) {
                    emit(byValue.get(v), time, sink);
                }
            }
        }
    }

    /**
     * An observed address: parsed once, looked up exactly by its canonical text, then against each network prefix
     * length of its family by the masked bytes (no text formatting per prefix).
     */
    private void lookupAddress(
            @Nullable Map<String, List<IocEntry>> byValue,
            String observed,
            @Nullable Instant time,
            Consumer<IocEntry> sink) {
        String o = observed.trim();
        if (o.isEmpty() || o.indexOf('/') >= 0) {
            return; // observations are addresses, not networks
        }
        byte[] a = IpAddresses.parse(o);
        if (a == null) {
            return;
        }
        a = IocNormalizer.unmap(a);
        if (byValue != null) {
            emit(byValue.get(IpAddresses.format(a)), time, sink);
        }
        TreeMap<Integer, Map<String, List<IocEntry>>> fam = networks.get(a.length);
        if (fam != null) {
            for (Map.Entry<Integer, Map<String, List<IocEntry>>> e : fam.entrySet()) {
                emit(e.getValue().get(networkKey(a, e.getKey())), time, sink);
            }
        }
    }

    /** The key of a network: its address masked to {@code prefix} bits, one char per byte. */
    private static String networkKey(byte[] address, int prefix) {
        return new String(IocNormalizer.mask(address, prefix), StandardCharsets.ISO_8859_1);
    }

    /** Whether the index holds any entry of {@code kind} (lets matchers skip extraction). */
    public boolean has(IocKind kind) {
        return exact.containsKey(kind) || (kind == IocKind.IP && !networks.isEmpty());
    }

    private static void emit(@Nullable List<IocEntry> list, @Nullable Instant time, Consumer<IocEntry> sink) {
        if (list == null) {
            return;
        }
        for (IocEntry e : list) {
            if (e.validAt(time)) {
                sink.accept(e);
            }
        }
    }
}
