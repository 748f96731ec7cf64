package dev.harrier.analysis.campaign;

import dev.harrier.core.IpAddresses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The defender's assets, indexed for lookups by host name and by address, with an optional GeoIP fallback for
 * addresses that belong to no asset. Immutable and thread-safe (the GeoIP database is read-only).
 */
public final class AssetBook {
    private final List<Asset> assets;
    private final Map<String, Asset> byHost = new HashMap<>();
    private final Map<String, Asset> byShortHost = new HashMap<>();
    private final NavigableMap<Integer, Map<Key, Asset>> v4 = new TreeMap<>(java.util.Comparator.reverseOrder());
    private final NavigableMap<Integer, Map<Key, Asset>> v6 = new TreeMap<>(java.util.Comparator.reverseOrder());
    private final Set<String> internalSuffixes = new LinkedHashSet<>();
    private final @Nullable GeoIp geoIp;

    private record Key(long hi, long lo) {
        static Key of(byte[] a) {
            long hi = 0;
            long lo = 0;
            if (a.length == 4) {
                for (byte b : a) {
                    lo = (lo << 8) | (b & 0xff);
                }
            } else {
                for (int i = 0; i < 8; i++) {
                    hi = (hi << 8) | (a[i] & 0xff);
                    lo = (lo << 8) | (a[8 + i] & 0xff);
                }
            }
            return new Key(hi, lo);
        }
    }

    /** A book of {@code assets}; {@code geoIp} (may be null) answers for addresses of no asset. */
    public AssetBook(Collection<Asset> assets, @Nullable GeoIp geoIp) {
        this.assets = List.copyOf(assets);
        this.geoIp = geoIp;
        for (Asset a : this.assets) {
            if (a.host() != null) {
                String h = a.host().toLowerCase(Locale.ROOT);
                byHost.putIfAbsent(h, a);
                int dot = h.indexOf('.');
                if (dot > 0) {
                    byShortHost.putIfAbsent(h.substring(0, dot), a);
                    internalSuffixes.add(h.substring(dot + 1));
                } else {
                    byShortHost.putIfAbsent(h, a);
                }
            }
            for (String r : a.ipRanges()) {
                Cidr c = Cidr.parse(r);
                if (c != null) {
                    (c.v4() ? v4 : v6)
                            .computeIfAbsent(c.prefix(), k -> new HashMap<>())
                            .putIfAbsent(Key.of(c.network()), a);
                }
            }
        }
    }

    /** An empty book (no assets, no GeoIP). */
    public static AssetBook empty() {
        return new AssetBook(List.of(), null);
    }

    /** This book with a GeoIP database as the fallback for unknown addresses. */
    public AssetBook withGeoIp(@Nullable GeoIp db) {
        return new AssetBook(assets, db);
    }

    /** Every asset, in the order given. */
    public List<Asset> assets() {
        return assets;
    }

    /** Whether a GeoIP database is configured. */
    public Optional<GeoIp> geoIp() {
        return Optional.ofNullable(geoIp);
    }

    /**
     * The asset of a host name: exact match ignoring case, else a match of the first label ({@code WS-PL-014} for
     * {@code ws-pl-014.corp.example} and the other way round).
     */
    public Optional<Asset> byHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        Asset a = byHost.get(h);
        if (a == null) {
            int dot = h.indexOf('.');
            a = byShortHost.get(dot > 0 ? h.substring(0, dot) : h);
        }
        return Optional.ofNullable(a);
    }

    /**
     * The asset with a host whose ranges list this single address (a /32 or /128 range): the address is that host's
     * own. A wider range is a network, whose addresses are not the host's.
     */
    public Optional<Asset> hostByAddress(byte[] address) {
        Map<Key, Asset> single = (address.length == 4 ? v4 : v6).get(address.length * 8);
        Asset a = single == null ? null : single.get(Key.of(address));
        return a != null && a.host() != null ? Optional.of(a) : Optional.empty();
    }

    /** The asset whose most specific range holds the address (4 or 16 bytes). */
    public Optional<Asset> byAddress(byte[] address) {
        NavigableMap<Integer, Map<Key, Asset>> index = address.length == 4 ? v4 : v6;
        for (Map.Entry<Integer, Map<Key, Asset>> e : index.entrySet()) {
            Asset a = e.getValue().get(Key.of(Cidr.mask(address, e.getKey())));
            if (a != null) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The asset of an address literal; empty when the text is no address or no range holds it. */
    public Optional<Asset> byAddress(String address) {
        byte[] a = IpAddresses.parse(address);
        return a == null ? Optional.empty() : byAddress(a);
    }

    /**
     * Whether an address is the defender's own: in an asset range, or private (RFC 1918, loopback, link-local,
     * unique-local).
     */
    public boolean isInternal(byte[] address) {
        return Cidr.isPrivate(address) || byAddress(address).isPresent();
    }

    /**
     * Whether a domain is the defender's own: an asset host, or in the DNS suffix of an asset host ({@code
     * intranet.corp.example} when {@code ws-pl-014.corp.example} is an asset).
     */
    public boolean isInternalDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (byHost.containsKey(d)) {
            return true;
        }
        for (String s : internalSuffixes) {
            if (d.equals(s) || d.endsWith("." + s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The country of an address: the asset's when an asset range holds it, else the GeoIP database's, else empty.
     */
    public Optional<String> country(byte[] address) {
        Optional<Asset> a = byAddress(address);
        if (a.isPresent() && a.get().country() != null) {
            return Optional.of(a.get().country());
        }
        return geoIp == null ? Optional.empty() : geoIp.country(address);
    }

    /** The distinct organisations of the assets, in order of first appearance. */
    public List<String> organisations() {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Asset a : assets) {
            if (seen.add(a.organisation())) {
                out.add(a.organisation());
            }
        }
        return out;
    }
}
