package dev.harrier.analysis.campaign;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.StixIds;
import dev.harrier.core.StixObject;
import dev.harrier.core.StixTimestamps;
import dev.harrier.store.ImportCounts;
import dev.harrier.store.ImportSession;
import dev.harrier.store.ImportSource;
import dev.harrier.store.IncomingObject;
import dev.harrier.store.ObjectFilter;
import dev.harrier.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Stores assets in a case and reads them back.
 *
 * <p>Each organisation becomes a STIX 2.1 {@code identity} ({@code identity_class} {@code organization}, {@code
 * sectors}, {@code x_harrier_country} and {@code x_harrier_region} of its first asset), with an id derived from its
 * name. Each asset becomes a custom object of type {@value #ASSET_TYPE} with {@code host}, {@code ip_ranges}, {@code
 * organization_ref} (the identity), {@code organization_name}, {@code sector}, {@code country} and {@code region}, with
 * an id derived from the lower-case host (or, for a network-only asset, its first range). Both are stored as derived
 * objects, so importing the same file again changes nothing and a changed row becomes a new version.
 */
public final class AssetRegistry {
    /** The STIX type of a stored asset. */
    public static final String ASSET_TYPE = "x-harrier-asset";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AssetRegistry() {}

    /** The id of an organisation's identity. */
    public static String organisationId(String organisation) {
        return StixIds.derived("identity", "harrier-asset-organisation:" + organisation.toLowerCase(Locale.ROOT));
    }

    /** The id of an asset's stored object. */
    public static String assetId(Asset asset) {
        return StixIds.derived(ASSET_TYPE, asset.key());
    }

    /**
     * Stores {@code assets} in one import session.
     *
     * @param sourceName the file name, recorded in the import history
     * @param sha256 the file's SHA-256 (hex), recorded in the import history
     */
    public static ImportCounts save(Store store, List<Asset> assets, String sourceName, String sha256) {
        String now = StixTimestamps.format(Instant.now());
        Map<String, List<Asset>> byOrg = new LinkedHashMap<>();
        for (Asset a : assets) {
            byOrg.computeIfAbsent(a.organisation(), k -> new ArrayList<>()).add(a);
        }
        try (ImportSession session = store.beginImport(new ImportSource(sourceName, "harrier-assets-csv", sha256))) {
            for (Map.Entry<String, List<Asset>> e : byOrg.entrySet()) {
                session.put(new IncomingObject(organisation(e.getKey(), e.getValue(), now), null, true, sourceName));
            }
            for (Asset a : assets) {
                session.put(new IncomingObject(asset(a, now), null, true, sourceName));
            }
            return session.commit();
        }
    }

    private static StixObject organisation(String name, List<Asset> assets, String now) {
        ObjectNode n = shell("identity", organisationId(name), now);
        n.put("name", name);
        n.put("identity_class", "organization");
        Set<String> sectors = new LinkedHashSet<>();
        for (Asset a : assets) {
            if (a.sector() != null) {
                sectors.add(a.sector());
            }
        }
        if (!sectors.isEmpty()) {
            ArrayNode s = n.putArray("sectors");
            sectors.forEach(s::add);
        }
        Asset first = assets.get(0);
        putIfSet(n, "x_harrier_country", first.country());
        putIfSet(n, "x_harrier_region", first.region());
        return StixObject.adopt(n);
    }

    private static StixObject asset(Asset a, String now) {
        ObjectNode n = shell(ASSET_TYPE, assetId(a), now);
        n.put("name", a.host() != null ? a.host() : a.key());
        putIfSet(n, "host", a.host());
        ArrayNode r = n.putArray("ip_ranges");
        a.ipRanges().forEach(r::add);
        n.put("organization_ref", organisationId(a.organisation()));
        n.put("organization_name", a.organisation());
        putIfSet(n, "sector", a.sector());
        putIfSet(n, "country", a.country());
        putIfSet(n, "region", a.region());
        return StixObject.adopt(n);
    }

    private static ObjectNode shell(String type, String id, String now) {
        ObjectNode n = NODES.objectNode();
        n.put("type", type);
        n.put("spec_version", "2.1");
        n.put("id", id);
        n.put("created", now);
        n.put("modified", now);
        return n;
    }

    private static void putIfSet(ObjectNode n, String property, @Nullable String value) {
        if (value != null) {
            n.put(property, value);
        }
    }

    /** The assets stored in a case (active latest versions), in id order. */
    public static List<Asset> load(Store store) {
        List<Asset> out = new ArrayList<>();
        store.forEachLatest(ObjectFilter.ACTIVE.ofTypes(ASSET_TYPE), o -> {
            String org = o.text("organization_name").orElse(null);
            if (org == null) {
                return;
            }
            out.add(new Asset(
                    o.text("host").orElse(null),
                    o.strings("ip_ranges"),
                    org,
                    o.text("sector").orElse(null),
                    o.text("country").orElse(null),
                    o.text("region").orElse(null)));
        });
        return out;
    }
}
