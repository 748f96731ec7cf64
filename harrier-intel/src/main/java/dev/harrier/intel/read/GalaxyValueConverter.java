package dev.harrier.intel.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.StixIds;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns the values of one MISP galaxy into STIX 2.1 objects, all derived, with the source name {@code MISP galaxy
 * <type>}.
 *
 * <p>An actor galaxy's value ({@code threat-actor}, {@code mitre-intrusion-set}, ...) becomes an {@code
 * intrusion-set} whose id is derived from the galaxy type and the value's uuid (MISP's {@code mitre-intrusion-set}
 * reuses ATT&amp;CK's uuids, so taking them as ids would overwrite ATT&amp;CK's own objects); the uuid stays in
 * {@code x_misp_uuid}. Name, synonyms ({@code aliases}, the name included), description and references map to their
 * STIX properties, an ATT&amp;CK group number ({@code meta.external_id} or a synonym such as {@code G0016}) becomes a
 * {@code mitre-attack} external reference, and the rest of the value is kept raw in {@code x_misp_*} properties.
 * What the value says about the actor becomes objects and relationships:
 *
 * <ul>
 *   <li>{@code meta.cfr-suspected-state-sponsor}: a nation-state {@code threat-actor} ("China (suspected state
 *       sponsor)"), {@code attributed-to};
 *   <li>{@code meta.country}: a country {@code location}, {@code originates-from};
 *   <li>{@code meta.cfr-suspected-victims}: country or region {@code location}s, {@code targets}; a victim that is
 *       neither (a company, an organisation, a group of people) becomes an {@code identity} of class {@code
 *       unknown}, since a STIX location needs a country or region;
 *   <li>{@code meta.cfr-target-category}: sector {@code identity} objects (class {@code class}, {@code sectors} from
 *       the STIX industry vocabulary where one fits), {@code targets}.
 * </ul>
 *
 * Values of malware, tool and attack-pattern galaxies become those types; values of other galaxies a custom {@code
 * x-misp-galaxy-cluster} object. Related-cluster links stay raw in {@code x_misp_related}: deciding which are the
 * same actor is the knowledge base's business.
 */
final class GalaxyValueConverter {
    private static final Pattern UUID_PATTERN =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern ATTACK_ID = Pattern.compile("^[TGSCM]\\d{4}(\\.\\d{3})?$");
    private static final Pattern GROUP_ID = Pattern.compile("^G\\d{4}$");
    private static final Set<String> MAPPED_META = Set.of(
            "synonyms",
            "refs",
            "country",
            "attribution-confidence",
            "name-attribution",
            "external_id",
            "cfr-suspected-state-sponsor",
            "cfr-suspected-victims",
            "cfr-target-category",
            "cfr-type-of-incident");
    private static final String TIME = DerivedObjects.UNKNOWN_TIME;

    private final ReadContext ctx;
    private final String galaxyType;
    private final String stixType;
    private final String source;
    private final Set<String> emitted = new HashSet<>();

    GalaxyValueConverter(ReadContext ctx, String galaxyType, @Nullable String category) {
        this.ctx = ctx;
        this.galaxyType = galaxyType;
        String t = MispGalaxyEntities.stixType(galaxyType);
        if (t == null && "actor".equalsIgnoreCase(category)) {
            t = "intrusion-set";
        }
        this.stixType = t == null ? "x-misp-galaxy-cluster" : t;
        this.source = "MISP galaxy " + galaxyType;
    }

    void convert(ObjectNode v, String path, long line, long column) {
        Optional<String> problem = check(v, path);
        if (problem.isPresent()) {
            int sep = problem.get().indexOf('\u0000');
            ctx.reject(
                    problem.get().substring(0, sep), line, column, problem.get().substring(sep + 1));
            return;
        }
        String value = v.path("value").asText().strip();
        String uuid = v.path("uuid").asText().toLowerCase(Locale.ROOT);
        JsonNode meta = v.path("meta");
        String id = StixIds.derived(stixType, "misp-galaxy:" + galaxyType + ":" + uuid);
        ObjectNode n = DerivedObjects.sdo(stixType, id, TIME, TIME);
        n.put("name", value);
        JsonNode description = v.get("description");
        if (description != null
                && description.isTextual()
                && !description.asText().isBlank()) {
            n.put("description", description.asText());
        }
        List<String> synonyms = strings(meta.path("synonyms"));
        if (!stixType.equals("attack-pattern")) {
            Set<String> aliases = new LinkedHashSet<>();
            aliases.add(value);
            synonyms.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(aliases::add);
            n.set("aliases", DerivedObjects.strings(aliases));
        }
        if (stixType.equals("malware")) {
            n.put("is_family", true);
        }
        if (v.path("revoked").asBoolean(false)) {
            n.put("revoked", true);
        }
        n.set("external_references", references(uuid, value, meta, synonyms));
        n.put("x_misp_galaxy", galaxyType);
        n.put("x_misp_uuid", uuid);
        text(meta, "country").ifPresent(c -> n.put("x_misp_country", c));
        text(meta, "attribution-confidence").ifPresent(c -> n.put("x_misp_attribution_confidence", c));
        nonEmpty(meta.get("name-attribution")).ifPresent(a -> n.set("x_misp_name_attribution", a));
        nonEmpty(v.get("related")).ifPresent(r -> n.set("x_misp_related", r));
        nonEmpty(meta.get("cfr-type-of-incident")).ifPresent(c -> n.set("x_misp_cfr_type_of_incident", c));
        ObjectNode rest = DerivedObjects.object();
        for (Map.Entry<String, JsonNode> e : meta.properties()) {
            if (!MAPPED_META.contains(e.getKey())) {
                rest.set(e.getKey(), e.getValue());
            }
        }
        if (!rest.isEmpty()) {
            n.set("x_misp_meta", rest);
        }
        emit(n);
        if (stixType.equals("intrusion-set")) {
            actorContext(id, meta);
        }
    }

    private ArrayNode references(String uuid, String value, JsonNode meta, List<String> synonyms) {
        ArrayNode refs = DerivedObjects.object().arrayNode();
        ObjectNode misp = refs.addObject();
        misp.put("source_name", "misp-galaxy");
        misp.put("external_id", uuid);
        misp.put("description", galaxyType + ": " + value);
        String attackId = null;
        JsonNode ext = meta.get("external_id");
        if (ext != null
                && ext.isTextual()
                && ATTACK_ID.matcher(ext.asText().strip()).matches()) {
            attackId = ext.asText().strip();
        } else if (ext != null && ext.isArray()) {
            for (JsonNode x : ext) {
                if (x.isTextual() && ATTACK_ID.matcher(x.asText().strip()).matches()) {
                    attackId = x.asText().strip();
                    break;
                }
            }
        }
        if (attackId == null && stixType.equals("intrusion-set")) {
            for (String s : synonyms) {
                if (GROUP_ID.matcher(s.strip()).matches()) {
                    attackId = s.strip();
                    break;
                }
            }
        }
        if (attackId != null) {
            ObjectNode a = refs.addObject();
            a.put("source_name", "mitre-attack");
            a.put("external_id", attackId);
            a.put("url", MispGalaxyEntities.attackUrl(attackId));
        }
        Set<String> seen = new HashSet<>();
        for (String ref : strings(meta.path("refs"))) {
            String r = ref.strip();
            if (r.isEmpty() || !seen.add(r)) {
                continue;
            }
            ObjectNode o = refs.addObject();
            Optional<String> host = httpHost(r);
            if (host.isPresent()) {
                o.put("source_name", host.get());
                o.put("url", r);
            } else {
                o.put("source_name", "misp-galaxy-reference");
                o.put("description", r);
            }
        }
        return refs;
    }

    private void actorContext(String actorId, JsonNode meta) {
        for (String sponsor : stringOrStrings(meta.get("cfr-suspected-state-sponsor"))) {
            String s = sponsor.strip();
            if (s.isEmpty() || s.equalsIgnoreCase("unknown")) {
                continue;
            }
            String taId = StixIds.derived("threat-actor", "misp-galaxy:state-sponsor:" + s.toLowerCase(Locale.ROOT));
            if (!emitted.contains(taId)) {
                ObjectNode ta = DerivedObjects.sdo("threat-actor", taId, TIME, TIME);
                ta.put("name", s + " (suspected state sponsor)");
                ta.putArray("threat_actor_types").add("nation-state");
                ta.put("x_misp_galaxy", galaxyType);
                emit(ta);
            }
            relate("attributed-to", actorId, taId);
        }
        Optional<String> country = text(meta, "country").map(c -> c.strip().toUpperCase(Locale.ROOT));
        if (country.isPresent() && CountryNames.isCode(country.get())) {
            relate("originates-from", actorId, countryLocation(country.get()));
        }
        for (String victim : strings(meta.path("cfr-suspected-victims"))) {
            String name = victim.strip();
            if (name.isEmpty()) {
                continue;
            }
            Optional<String> code = CountryNames.code(name);
            Optional<String> region = CountryNames.region(name);
            String target;
            if (code.isPresent()) {
                target = countryLocation(code.get());
            } else if (region.isPresent()) {
                target = StixIds.derived("location", "region:" + region.get());
                if (!emitted.contains(target)) {
                    ObjectNode loc = DerivedObjects.sdo("location", target, TIME, TIME);
                    loc.put("name", name);
                    loc.put("region", region.get());
                    emit(loc);
                }
            } else {
                target = StixIds.derived("identity", "misp-victim:" + name.toLowerCase(Locale.ROOT));
                if (!emitted.contains(target)) {
                    ObjectNode who = DerivedObjects.sdo("identity", target, TIME, TIME);
                    who.put("name", name);
                    who.put("identity_class", "unknown");
                    emit(who);
                }
            }
            relate("targets", actorId, target);
        }
        for (String category : strings(meta.path("cfr-target-category"))) {
            String name = category.strip();
            if (name.isEmpty()) {
                continue;
            }
            String target = StixIds.derived("identity", "sector:" + name.toLowerCase(Locale.ROOT));
            if (!emitted.contains(target)) {
                ObjectNode sector = DerivedObjects.sdo("identity", target, TIME, TIME);
                sector.put("name", name);
                sector.put("identity_class", "class");
                IndustrySectors.sector(name)
                        .ifPresent(s -> sector.putArray("sectors").add(s));
                emit(sector);
            }
            relate("targets", actorId, target);
        }
    }

    private String countryLocation(String code) {
        String id = StixIds.derived("location", "country:" + code);
        if (!emitted.contains(id)) {
            ObjectNode loc = DerivedObjects.sdo("location", id, TIME, TIME);
            loc.put("name", CountryNames.englishName(code));
            loc.put("country", code);
            emit(loc);
        }
        return id;
    }

    private void relate(String type, String from, String to) {
        ObjectNode r = DerivedObjects.relationship(type, from, to, TIME, TIME);
        emit(r);
    }

    private void emit(ObjectNode n) {
        if (emitted.add(n.path("id").asText())) {
            ctx.accept(DerivedObjects.incoming(n, source));
        }
    }

    /** The first problem of a value, as {@code path NUL message}; empty when the value can be converted. */
    private static Optional<String> check(ObjectNode v, String path) {
        JsonNode value = v.get("value");
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return at(JsonInput.field(path, "value"), "a galaxy value needs a non-empty string 'value'");
        }
        JsonNode uuid = v.get("uuid");
        if (uuid == null
                || !uuid.isTextual()
                || !UUID_PATTERN.matcher(uuid.asText()).matches()) {
            return at(JsonInput.field(path, "uuid"), "a galaxy value needs a 'uuid'");
        }
        JsonNode description = v.get("description");
        if (description != null && !description.isTextual() && !description.isNull()) {
            return at(JsonInput.field(path, "description"), "'description' must be a string");
        }
        JsonNode related = v.get("related");
        if (related != null && !related.isArray()) {
            return at(JsonInput.field(path, "related"), "'related' must be a list");
        }
        JsonNode meta = v.get("meta");
        if (meta == null) {
            return Optional.empty();
        }
        String mp = JsonInput.field(path, "meta");
        if (!meta.isObject()) {
            return at(mp, "'meta' must be an object");
        }
        for (String list :
                new String[] {"synonyms", "refs", "cfr-suspected-victims", "cfr-target-category", "name-attribution"}) {
            JsonNode l = meta.get(list);
            if (l == null) {
                continue;
            }
            String lp = JsonInput.field(mp, list);
            if (!l.isArray()) {
                return at(lp, "'" + list + "' must be a list of strings");
            }
            for (int i = 0; i < l.size(); i++) {
                if (!l.get(i).isTextual()) {
                    return at(JsonInput.index(lp, i), "'" + list + "' must be a list of strings");
                }
            }
        }
        for (String s : new String[] {"country", "attribution-confidence"}) {
            JsonNode x = meta.get(s);
            if (x != null && !x.isTextual()) {
                return at(JsonInput.field(mp, s), "'" + s + "' must be a string");
            }
        }
        JsonNode sponsor = meta.get("cfr-suspected-state-sponsor");
        if (sponsor != null && !sponsor.isTextual() && !isStringList(sponsor)) {
            return at(JsonInput.field(mp, "cfr-suspected-state-sponsor"), "must be a string or a list of strings");
        }
        return Optional.empty();
    }

    private static boolean isStringList(JsonNode n) {
        if (!n.isArray()) {
            return false;
        }
        for (JsonNode x : n) {
            if (!x.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> at(String path, String message) {
        return Optional.of(path + '\u0000' + message);
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode x : list) {
            if (x.isTextual()) {
                out.add(x.asText());
            }
        }
        return out;
    }

    private static List<String> stringOrStrings(@Nullable JsonNode n) {
        if (n == null) {
            return List.of();
        }
        if (n.isTextual()) {
            return List.of(n.asText());
        }
        return strings(n);
    }

    private static Optional<String> text(JsonNode n, String property) {
        JsonNode v = n.get(property);
        return v != null && v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    /** The node, unless it is absent, null, empty or an empty list (STIX forbids empty lists). */
    private static Optional<JsonNode> nonEmpty(@Nullable JsonNode n) {
        if (n == null
                || n.isNull()
                || (n.isContainerNode() && n.isEmpty())
                || (n.isTextual() && n.asText().isBlank())) {
            return Optional.empty();
        }
        return Optional.of(n);
    }

    private static Optional<String> httpHost(String ref) {
        if (!ref.startsWith("http://") && !ref.startsWith("https://")) {
            return Optional.empty();
        }
        try {
            URI u = new URI(ref);
            String host = u.getHost();
            return host == null || host.isEmpty() ? Optional.empty() : Optional.of(host.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
