package dev.harrier.analysis.campaign;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One of the defender's assets: a host, a set of address ranges, or both, owned by an organisation.
 *
 * @param host the host name as it appears in events (compared ignoring case), or null for a network-only asset
 * @param ipRanges CIDR ranges in canonical form ({@code 10.20.0.0/16}, {@code 2001:db8:14::/48}); a single address
 *     is a /32 or /128
 * @param organisation the owning organisation's name
 * @param sector the organisation's sector (lower case, e.g. {@code government}), or null
 * @param country ISO 3166 alpha-2 code (upper case) where the asset is, or null
 * @param region region or province within the country, or null
 */
public record Asset(
        @Nullable String host,
        List<String> ipRanges,
        String organisation,
        @Nullable String sector,
        @Nullable String country,
        @Nullable String region) {
    public Asset {
        ipRanges = List.copyOf(ipRanges);
    }

    /** A stable key of this asset: the lower-case host, else its first range. */
    public String key() {
        if (host != null) {
            return host.toLowerCase(java.util.Locale.ROOT);
        }
        return ipRanges.isEmpty() ? organisation : ipRanges.get(0);
    }
}
