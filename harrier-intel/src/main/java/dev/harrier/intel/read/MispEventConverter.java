package dev.harrier.intel.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.StixIds;
import dev.harrier.core.StixTimestamps;
import dev.harrier.core.Tlp;
import dev.harrier.store.IncomingObject;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns one complete MISP event into STIX 2.1 objects, all derived and with the source name {@code MISP event
 * <uuid>}:
 *
 * <ul>
 *   <li>the event: a {@code report} (id from the event uuid, name from {@code info}, {@code published} from {@code
 *       publish_timestamp} or {@code date}) whose {@code object_refs} lists everything below;
 *   <li>the creator organisation ({@code Orgc}): an {@code identity}, the {@code created_by_ref} of the rest;
 *   <li>an attribute with {@code to_ids}: an {@code indicator} with a STIX pattern for its type (or a YARA, Sigma,
 *       Snort, Suricata rule as its own pattern type); without {@code to_ids}: {@code observed-data} with its
 *       cyber-observables; a value that is not an observable: a {@code note};
 *   <li>a MISP object: one indicator whose pattern ANDs its {@code to_ids} attributes (else observed-data, else a
 *       note);
 *   <li>{@code tlp:*} tags: {@code object_marking_refs} to the TLP 2.0 marking definitions (emitted too); an
 *       attribute carries the more restrictive of its own and the event's level;
 *   <li>galaxy tags and clusters: intrusion-sets, attack-patterns, malware and tools; indicators {@code indicates}
 *       them, observed-data is {@code related-to} the attribute's own ones, and clusters relate to each other only as
 *       the clusters themselves state ({@code uses}, else {@code related-to}): co-occurrence in an event is not
 *       taken to mean that an actor uses a technique;
 *   <li>other tags: {@code labels}.
 * </ul>
 *
 * Times come from MISP's epoch-second {@code timestamp} fields, ids from MISP uuids where present.
 */
final class MispEventConverter {
    private static final Pattern UUID_PATTERN =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final int NAME_MAX = 300;

    private final ReadContext ctx;
    private final MispEvent ev;
    private final String eventUuid;
    private final String source;
    private final String eventTime;
    private final String reportId;
    private final MispTags eventTags;
    private final @Nullable String identityId;
    private final MispGalaxyEntities entities;
    private final List<String> eventEntities = new ArrayList<>();
    private final List<String> reportLabels = new ArrayList<>();
    private final LongHashSet emitted = new LongHashSet();
    private final Set<Tlp> markings = EnumSet.noneOf(Tlp.class);
    private final Set<String> refs = new LinkedHashSet<>();
    private final int maxRefs;
    private long refsDropped;

    MispEventConverter(ReadContext ctx, MispEvent ev) {
        this.ctx = ctx;
        this.ev = ev;
        this.eventUuid = ev.uuid != null && UUID_PATTERN.matcher(ev.uuid).matches()
                ? ev.uuid.toLowerCase(Locale.ROOT)
                : StixIds.uuid5(StixIds.HARRIER_NAMESPACE, "misp-event|" + ev.info + "|" + ev.date + "|" + ev.timestamp)
                        .toString();
        this.source = "MISP event " + eventUuid;
        this.eventTime = epoch(ev.timestamp).or(() -> date(ev.date)).orElse(DerivedObjects.UNKNOWN_TIME);
        this.reportId = StixIds.withUuid("report", eventUuid);
        this.eventTags = MispTags.of(ev.tags);
        this.identityId = identityId(ev);
        this.entities = new MispGalaxyEntities(identityId, eventTags.tlp, eventTime);
        this.maxRefs = Math.max(1, ctx.limits().maxObjectProperties() - 64);
    }

    void convert() throws IOException {
        emitMarking(eventTags.tlp);
        identity();
        reportLabels.addAll(eventTags.labels);
        for (String tag : eventTags.galaxyTags) {
            Optional<MispGalaxyEntities.Entity> e = entities.fromTag(tag);
            if (e.isPresent()) {
                eventEntities.add(e.get().id());
            } else {
                reportLabels.add(tag);
            }
        }
        List<ObjectNode> clusters = new ArrayList<>();
        for (ObjectNode galaxy : ev.galaxies) {
            collectClusters(galaxy, clusters, eventEntities);
        }
        entities.relateClusters(clusters);
        entities.drain().forEach(this::emit);
        ev.entries.forEach(e -> {
            if (e.kind().equals(MispEventReader.ATTRIBUTE)) {
                attribute(e);
            } else {
                object(e);
            }
        });
        report();
    }

    private void collectClusters(ObjectNode galaxy, List<ObjectNode> clusters, List<String> ids) {
        String galaxyType = galaxy.path("type").asText("");
        for (JsonNode c : galaxy.path("GalaxyCluster")) {
            if (c.isObject()) {
                clusters.add((ObjectNode) c);
                entities.fromCluster((ObjectNode) c, galaxyType).ifPresent(e -> ids.add(e.id()));
            }
        }
    }

    private static @Nullable String identityId(MispEvent ev) {
        ObjectNode org = ev.orgc != null ? ev.orgc : ev.org;
        if (org == null
                || !org.path("name").isTextual()
                || org.path("name").asText().isBlank()) {
            return null;
        }
        String uuid = org.path("uuid").asText("");
        return UUID_PATTERN.matcher(uuid).matches()
                ? StixIds.withUuid("identity", uuid)
                : StixIds.derived(
                        "identity",
                        "misp-org:" + org.path("name").asText().strip().toLowerCase(Locale.ROOT));
    }

    private void identity() {
        ObjectNode org = ev.orgc != null ? ev.orgc : ev.org;
        if (identityId == null || org == null) {
            return;
        }
        ObjectNode n =
                DerivedObjects.sdo("identity", identityId, DerivedObjects.UNKNOWN_TIME, DerivedObjects.UNKNOWN_TIME);
        n.put("name", org.path("name").asText().strip());
        n.put("identity_class", "organization");
        emit(n);
    }

    /** The context of one attribute: its time, level, labels and the galaxy objects it names. */
    private record AttributeContext(
            String time,
            @Nullable String firstSeen,
            @Nullable String lastSeen,
            @Nullable Tlp tlp,
            List<String> labels,
            List<String> ownEntities) {}

    private AttributeContext context(ObjectNode a, String fallbackTime, @Nullable Tlp floor) {
        String time = epoch(text(a, "timestamp")).orElse(fallbackTime);
        List<String> tagNames = new ArrayList<>();
        for (JsonNode t : a.path("Tag")) {
            JsonNode name = t.isTextual() ? t : t.path("name");
            if (name.isTextual()) {
                tagNames.add(name.asText());
            }
        }
        MispTags tags = MispTags.of(tagNames);
        List<String> labels = new ArrayList<>(tags.labels);
        List<String> own = new ArrayList<>();
        for (String g : tags.galaxyTags) {
            Optional<MispGalaxyEntities.Entity> e = entities.fromTag(g);
            if (e.isPresent()) {
                own.add(e.get().id());
            } else {
                labels.add(g);
            }
        }
        List<ObjectNode> clusters = new ArrayList<>();
        for (JsonNode galaxy : a.path("Galaxy")) {
            if (galaxy.isObject()) {
                collectClusters((ObjectNode) galaxy, clusters, own);
            }
        }
        entities.relateClusters(clusters);
        entities.drain().forEach(this::emit);
        String first = iso(text(a, "first_seen")).orElse(null);
        String last = iso(text(a, "last_seen")).orElse(null);
        return new AttributeContext(time, first, last, MispTags.max(floor, tags.tlp), labels, own);
    }

    private void attribute(Spool.Entry e) {
        ObjectNode a = e.node();
        if (truthy(a.get("deleted"))) {
            return;
        }
        JsonNode typeNode = a.get("type");
        JsonNode valueNode = a.get("value");
        if (typeNode == null || !typeNode.isTextual()) {
            reject(e, JsonInput.field(e.path(), "type"), "an attribute needs a string 'type'");
            return;
        }
        if (valueNode == null || !(valueNode.isTextual() || valueNode.isNumber())) {
            reject(e, JsonInput.field(e.path(), "value"), "an attribute needs a string 'value'");
            return;
        }
        String type = typeNode.asText();
        String value = valueNode.asText();
        MispObservables.Mapped m;
        try {
            m = MispObservables.map(type, value);
        } catch (MispObservables.InvalidValue ex) {
            reject(
                    e,
                    JsonInput.field(e.path(), "value"),
                    "invalid " + type + " value '" + clip(value, 100) + "': " + ex.getMessage());
            return;
        }
        AttributeContext ac = context(a, eventTime, eventTags.tlp);
        String uuid = text(a, "uuid");
        boolean toIds = truthy(a.get("to_ids"));
        String category = text(a, "category");
        String comment = text(a, "comment");
        if (m != null
                && toIds
                && (!m.comparisons().isEmpty() || !m.patternType().equals("stix"))) {
            String id = id("indicator", uuid, type + ":" + value);
            ObjectNode ind = indicator(id, ac, clip(value, NAME_MAX), comment);
            if (m.patternType().equals("stix")) {
                ind.put("pattern", StixPattern.of(m.comparisons()));
                ind.put("pattern_type", "stix");
            } else {
                ind.put("pattern", m.rule());
                ind.put("pattern_type", m.patternType());
            }
            finishIndicator(ind, ac);
            misp(ind, type, category, null);
            emit(ind);
            indicates(id, ac);
        } else if (m != null && !m.scos().isEmpty()) {
            observedData(id("observed-data", uuid, type + ":" + value), m.scos(), ac, type, category, comment);
        } else {
            note(id("note", uuid, type + ":" + value), ac, type, category, value, comment);
        }
    }

    private void object(Spool.Entry e) {
        ObjectNode o = e.node();
        if (truthy(o.get("deleted"))) {
            return;
        }
        String name = o.path("name").isTextual() ? o.path("name").asText() : "object";
        AttributeContext oc = context(o, eventTime, eventTags.tlp);
        Tlp tlp = oc.tlp();
        List<String> labels = new ArrayList<>(oc.labels());
        List<String> own = new ArrayList<>(oc.ownEntities());
        List<StixPattern.Comparison> comparisons = new ArrayList<>();
        List<ObjectNode> scos = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        String firstIdsValue = null;
        Long size = null;
        JsonNode attrs = o.path("Attribute");
        if (!attrs.isArray() && !attrs.isMissingNode()) {
            reject(e, JsonInput.field(e.path(), "Attribute"), "'Attribute' must be a list");
            return;
        }
        for (int k = 0; k < attrs.size(); k++) {
            JsonNode an = attrs.get(k);
            String at = JsonInput.index(JsonInput.field(e.path(), "Attribute"), k);
            if (!an.isObject() || truthy(an.get("deleted"))) {
                continue;
            }
            ObjectNode a = (ObjectNode) an;
            String type = text(a, "type");
            JsonNode valueNode = a.get("value");
            if (type == null || valueNode == null || !(valueNode.isTextual() || valueNode.isNumber())) {
                reject(e, at, "an attribute needs a string 'type' and 'value'");
                continue;
            }
            String value = valueNode.asText();
            String relation = a.path("object_relation").isTextual()
                    ? a.path("object_relation").asText()
                    : type;
            AttributeContext ac = context(a, oc.time(), oc.tlp());
            tlp = MispTags.max(tlp, ac.tlp());
            ac.labels().stream().filter(l -> !labels.contains(l)).forEach(labels::add);
            own.addAll(ac.ownEntities());
            lines.add(relation + ": " + value);
            boolean toIds = truthy(a.get("to_ids"));
            try {
                MispObservables.Mapped m = MispObservables.map(type, value);
                List<StixPattern.Comparison> inObject = MispObservables.inObject(name, relation, value);
                if (toIds && inObject != null) {
                    comparisons.addAll(inObject);
                } else if (toIds && m != null && m.patternType().equals("stix")) {
                    comparisons.addAll(m.comparisons());
                }
                if (toIds && firstIdsValue == null && (inObject != null || m != null)) {
                    firstIdsValue = value;
                }
                if (m != null) {
                    scos.addAll(m.scos());
                }
                if (name.equals("file") && relation.equals("size-in-bytes")) {
                    size = MispObservables.size(value.strip());
                }
            } catch (MispObservables.InvalidValue ex) {
                reject(
                        e,
                        JsonInput.field(at, "value"),
                        "invalid " + type + " value '" + clip(value, 100) + "': " + ex.getMessage());
            }
        }
        AttributeContext merged = new AttributeContext(oc.time(), oc.firstSeen(), oc.lastSeen(), tlp, labels, own);
        String uuid = text(o, "uuid");
        String category = text(o, "meta-category");
        String comment = text(o, "comment");
        if (!comparisons.isEmpty()) {
            String id = id("indicator", uuid, name + ":" + String.join("|", lines));
            ObjectNode ind = indicator(id, merged, clip(name + ": " + firstIdsValue, NAME_MAX), comment);
            ind.put("pattern", StixPattern.of(comparisons));
            ind.put("pattern_type", "stix");
            finishIndicator(ind, merged);
            misp(ind, null, category, name);
            emit(ind);
            indicates(id, merged);
        } else if (!scos.isEmpty()) {
            List<ObjectNode> observables = name.equals("file") ? mergeFile(scos, size) : scos;
            observedData(
                    id("observed-data", uuid, name + ":" + String.join("|", lines)),
                    observables,
                    merged,
                    null,
                    category,
                    comment);
        } else if (!lines.isEmpty()) {
            note(
                    id("note", uuid, name + ":" + String.join("|", lines)),
                    merged,
                    name,
                    category,
                    name + "\n" + String.join("\n", lines),
                    comment);
        }
    }

    /** The file observables of a MISP {@code file} object as one file (name, hashes, size). */
    private static List<ObjectNode> mergeFile(List<ObjectNode> scos, @Nullable Long size) {
        List<ObjectNode> out = new ArrayList<>();
        ObjectNode props = DerivedObjects.object();
        ObjectNode hashes = DerivedObjects.object();
        for (ObjectNode s : scos) {
            if (!s.path("type").asText().equals("file")) {
                out.add(s);
                continue;
            }
            if (s.path("name").isTextual() && !props.has("name")) {
                props.put("name", s.path("name").asText());
            }
            s.path("hashes").properties().forEach(h -> hashes.set(h.getKey(), h.getValue()));
        }
        if (!hashes.isEmpty()) {
            props.set("hashes", hashes);
        }
        if (size != null) {
            props.put("size", size);
        }
        if (!props.isEmpty()) {
            out.add(0, DerivedObjects.sco("file", props));
        }
        return out;
    }

    private ObjectNode indicator(String id, AttributeContext ac, String name, @Nullable String comment) {
        ObjectNode ind = DerivedObjects.sdo("indicator", id, ac.time(), ac.time());
        ind.put("name", name);
        if (comment != null && !comment.isBlank()) {
            ind.put("description", comment);
        }
        ind.putArray("indicator_types").add("malicious-activity");
        return ind;
    }

    private void finishIndicator(ObjectNode ind, AttributeContext ac) {
        String validFrom = ac.firstSeen() != null ? ac.firstSeen() : ac.time();
        ind.put("valid_from", validFrom);
        if (ac.lastSeen() != null
                && StixTimestamps.sortKey(ac.lastSeen()).compareTo(StixTimestamps.sortKey(validFrom)) > 0) {
            ind.put("valid_until", ac.lastSeen());
        }
        common(ind, ac);
    }

    private void common(ObjectNode n, AttributeContext ac) {
        if (!ac.labels().isEmpty()) {
            n.set("labels", DerivedObjects.strings(ac.labels()));
        }
        if (identityId != null) {
            n.put("created_by_ref", identityId);
        }
        emitMarking(ac.tlp());
        DerivedObjects.mark(n, ac.tlp());
    }

    private static void misp(ObjectNode n, @Nullable String type, @Nullable String category, @Nullable String object) {
        if (type != null) {
            n.put("x_misp_type", type);
        }
        if (category != null && !category.isBlank()) {
            n.put("x_misp_category", category);
        }
        if (object != null) {
            n.put("x_misp_object", object);
        }
    }

    private void indicates(String indicatorId, AttributeContext ac) {
        Set<String> targets = new LinkedHashSet<>(eventEntities);
        targets.addAll(ac.ownEntities());
        for (String target : targets) {
            relationship("indicates", indicatorId, target, ac);
        }
    }

    private void relationship(String type, String from, String to, AttributeContext ac) {
        ObjectNode r = DerivedObjects.relationship(type, from, to, ac.time(), ac.time());
        if (identityId != null) {
            r.put("created_by_ref", identityId);
        }
        DerivedObjects.mark(r, ac.tlp());
        emit(r);
    }

    private void observedData(
            String id,
            List<ObjectNode> scos,
            AttributeContext ac,
            @Nullable String type,
            @Nullable String category,
            @Nullable String comment) {
        emitMarking(ac.tlp());
        Set<String> refIds = new LinkedHashSet<>();
        for (ObjectNode s : scos) {
            DerivedObjects.mark(s, ac.tlp());
            emit(s);
            refIds.add(s.path("id").asText());
        }
        String first = ac.firstSeen() != null ? ac.firstSeen() : ac.time();
        String last = ac.lastSeen() != null
                        && StixTimestamps.sortKey(ac.lastSeen()).compareTo(StixTimestamps.sortKey(first)) >= 0
                ? ac.lastSeen()
                : first;
        ObjectNode od = DerivedObjects.sdo("observed-data", id, ac.time(), ac.time());
        od.put("first_observed", first);
        od.put("last_observed", last);
        od.put("number_observed", 1);
        od.set("object_refs", DerivedObjects.strings(refIds));
        common(od, ac);
        misp(od, type, category, null);
        if (comment != null && !comment.isBlank()) {
            od.put("x_misp_comment", comment);
        }
        emit(od);
        for (String target : ac.ownEntities()) {
            relationship("related-to", id, target, ac);
        }
    }

    private void note(
            String id,
            AttributeContext ac,
            String type,
            @Nullable String category,
            String content,
            @Nullable String comment) {
        ObjectNode n = DerivedObjects.sdo("note", id, ac.time(), ac.time());
        n.put(
                "abstract",
                clip("MISP " + (category == null || category.isBlank() ? "" : category + " ") + type, NAME_MAX));
        n.put("content", content);
        n.putArray("object_refs").add(reportId);
        common(n, ac);
        misp(n, type, category, null);
        if (comment != null && !comment.isBlank()) {
            n.put("x_misp_comment", comment);
        }
        emit(n);
    }

    private void report() {
        if (refs.isEmpty() && identityId != null) {
            refs.add(identityId);
        }
        if (refs.isEmpty()) {
            return;
        }
        ObjectNode r = DerivedObjects.sdo("report", reportId, eventTime, eventTime);
        String info = ev.info;
        r.put("name", info != null && !info.isBlank() ? clip(info.strip(), 1000) : source);
        r.putArray("report_types").add("threat-report");
        String published = epoch(ev.publishTimestamp).or(() -> date(ev.date)).orElse(eventTime);
        r.put("published", published);
        ArrayNode refArray = r.putArray("object_refs");
        refs.forEach(refArray::add);
        if (!reportLabels.isEmpty()) {
            r.set("labels", DerivedObjects.strings(reportLabels));
        }
        if (identityId != null) {
            r.put("created_by_ref", identityId);
        }
        DerivedObjects.mark(r, eventTags.tlp);
        if (ev.threatLevel != null) {
            r.put("x_misp_threat_level_id", ev.threatLevel);
        }
        if (ev.analysis != null) {
            r.put("x_misp_analysis", ev.analysis);
        }
        if (ev.published != null) {
            r.put("x_misp_published", ev.published);
        }
        emit(r);
        if (refsDropped > 0) {
            ctx.reject(
                    ev.path,
                    ev.line,
                    ev.column,
                    String.format(
                            Locale.ROOT,
                            "the report lists %,d objects; %,d more are imported but not listed in object_refs "
                                    + "(maxObjectProperties)",
                            refs.size(),
                            refsDropped));
        }
    }

    private void emit(ObjectNode n) {
        String id = n.path("id").asText();
        if (!emitted.add(DerivedObjects.idKey(id))) {
            return;
        }
        ctx.accept(DerivedObjects.incoming(n, source));
        String type = n.path("type").asText();
        if (!type.equals("report") && !type.equals("marking-definition")) {
            if (refs.size() < maxRefs) {
                refs.add(id);
            } else {
                refsDropped++;
            }
        }
    }

    private void emitMarking(@Nullable Tlp tlp) {
        if (tlp != null && markings.add(tlp)) {
            ctx.accept(new IncomingObject(tlp.definition(), null, true, source));
        }
    }

    private void reject(Spool.Entry e, String path, String message) {
        ctx.reject(path, e.line(), e.column(), message);
    }

    private String id(String type, @Nullable String uuid, String key) {
        if (uuid != null && UUID_PATTERN.matcher(uuid).matches()) {
            return StixIds.withUuid(type, uuid);
        }
        return StixIds.derived(type, "misp:" + eventUuid + ":" + key);
    }

    private static @Nullable String text(ObjectNode n, String property) {
        JsonNode v = n.get(property);
        return v != null && (v.isTextual() || v.isNumber()) ? v.asText() : null;
    }

    private static boolean truthy(@Nullable JsonNode v) {
        if (v == null) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        String s = v.asText("");
        return s.equals("1") || s.equalsIgnoreCase("true");
    }

    /** An epoch-seconds MISP timestamp as a STIX timestamp. */
    static Optional<String> epoch(@Nullable String s) {
        if (s == null || !s.matches("\\d{1,12}")) {
            return Optional.empty();
        }
        long v = Long.parseLong(s);
        if (v <= 0 || v > 253_402_300_799L) {
            return Optional.empty();
        }
        return Optional.of(StixTimestamps.format(Instant.ofEpochSecond(v)));
    }

    private static Optional<String> date(@Nullable String s) {
        if (s == null || !s.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    StixTimestamps.format(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> iso(@Nullable String s) {
        if (s == null || s.isBlank() || s.length() > 64) {
            return Optional.empty();
        }
        return StixTimestamps.parse(s.strip()).map(StixTimestamps::format).filter(StixTimestamps::isValid);
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }
}
