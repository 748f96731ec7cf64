package dev.harrier.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.Json;
import dev.harrier.core.StixObject;
import dev.harrier.core.Tlp;
import dev.harrier.store.AliasHit;
import dev.harrier.store.Aliases;
import dev.harrier.store.ImportCounts;
import dev.harrier.store.ImportRecord;
import dev.harrier.store.ImportSession;
import dev.harrier.store.ImportSource;
import dev.harrier.store.IncomingObject;
import dev.harrier.store.ObjectFilter;
import dev.harrier.store.RelationshipQuery;
import dev.harrier.store.RelationshipRow;
import dev.harrier.store.Sighting;
import dev.harrier.store.SightingQuery;
import dev.harrier.store.Store;
import dev.harrier.store.StoredVersion;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Store} must show: lossless storage, STIX versioning, the derived-content rule, flags and
 * filters, the relationship and alias indexes, transactional import sessions, durability across a reopen, the
 * import history, and the sightings (lossless, idempotent, all-or-nothing adds, every query filter, order, streaming).
 *
 * <p>An implementation's test extends this class and implements {@link #openStore(Path)}. The suite calls it again
 * on the same directory to check that committed data survives closing and reopening, so an implementation that does
 * not keep data in the directory (PostgreSQL) must map each directory to the same database or schema.
 */
public abstract class StoreConformanceTest {
    /** A timestamp earlier than {@link #T2}. */
    protected static final String T1 = "2020-01-01T00:00:00.000Z";
    /** A timestamp between {@link #T1} and {@link #T3}. */
    protected static final String T2 = "2021-06-15T08:30:00.000Z";
    /** A timestamp later than {@link #T2}. */
    protected static final String T3 = "2022-12-31T23:59:59.999Z";

    private static final String SOURCE = "conformance";

    /** A fresh directory for the store of one test. */
    @TempDir
    protected Path dir;

    private final List<Store> opened = new ArrayList<>();
    private @Nullable Store store;

    /** Opens the store that belongs to {@code dir}; called again with the same directory to reopen it. */
    protected abstract Store openStore(Path dir);

    /** The store of this test, opened on first use. */
    protected final synchronized Store store() {
        Store s = store;
        if (s == null) {
            s = openStore(dir);
            opened.add(s);
            store = s;
        }
        return s;
    }

    /** Closes the store of this test and opens it again from the same directory. */
    protected final synchronized Store reopen() {
        Store s = store();
        s.close();
        opened.remove(s);
        store = null;
        return store();
    }

    @AfterEach
    final synchronized void closeStores() {
        for (Store s : opened) {
            s.close();
        }
        opened.clear();
        store = null;
    }

    // ---------------------------------------------------------------------------------------------- storage

    @Test
    void storesObjectsLosslessly() {
        StixObject o = StixObject.parse("{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\""
                + id("intrusion-set", 1) + "\",\"created\":\"" + T1 + "\",\"modified\":\"" + T1 + "\","
                + "\"name\":\"Ünïcödé 熊 🐻 مرحبا\",\"aliases\":[\"nul\\u0000inside\"],\"description\":\"line1\\nline2\\t\\\"quoted\\\" \\\\ \\u0000 end\","
                + "\"x_price\":1.10,\"x_big\":12345678901234567890,\"x_precise\":3.141592653589793238462643383279,"
                + "\"x_huge\":1e400,\"x_negative\":-42,\"x_acme\":{\"levels\":[1,[2,[3,{\"deep\":true}]]],"
                + "\"empty_object\":{},\"empty_array\":[],\"nothing\":null,\"flag\":false,\"ключ\":\"значение\"}}");
        StixObject custom = StixObject.parse("{\"type\":\"x-acme-widget\",\"spec_version\":\"2.1\",\"id\":\""
                + id("x-acme-widget", 2) + "\",\"created\":\"" + T1 + "\",\"modified\":\"" + T1 + "\","
                + "\"x_size\":0.000100,\"gears\":[{\"teeth\":12},{\"teeth\":40}]}");

        importObjects(stix(o), stix(custom));

        StixObject back = store().latest(o.id()).orElseThrow();
        assertThat(back.json()).isEqualTo(o.json());
        assertThat(back.name()).contains("Ünïcödé 熊 🐻 مرحبا");
        assertThat(back.description()).contains("line1\nline2\t\"quoted\" \\ \0 end");
        assertThat(back.get("x_price").decimalValue()).isEqualByComparingTo("1.10");
        assertThat(back.get("x_price").decimalValue().scale())
                .as("the scale the object came in with")
                .isEqualTo(o.get("x_price").decimalValue().scale());
        assertThat(back.get("x_big").bigIntegerValue()).isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(back.get("x_precise").decimalValue()).isEqualByComparingTo("3.141592653589793238462643383279");
        assertThat(back.get("x_huge").decimalValue()).isEqualByComparingTo("1e400");
        assertThat(back.get("x_acme").get("ключ").asText()).isEqualTo("значение");
        assertThat(store().findByAlias(Aliases.normalize("Ünïcödé 熊 🐻 مرحبا")))
                .extracting(AliasHit::objectId)
                .containsExactly(o.id());
        assertThat(store().findByAlias("nulinside"))
                .extracting(AliasHit::objectId)
                .containsExactly(o.id());
        assertThat(store().latest(custom.id()).orElseThrow().json()).isEqualTo(custom.json());
        assertThat(store().latest(custom.id()).orElseThrow().get("x_size").decimalValue())
                .isEqualByComparingTo(new BigDecimal("0.000100"));

        List<StoredVersion> versions = store().versions(o.id());
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).object().json()).isEqualTo(o.json());
        assertThat(versions.get(0).latest()).isTrue();
        assertThat(versions.get(0).original()).isNull();
        assertThat(versions.get(0).sourceName()).isEqualTo(SOURCE);
    }

    @Test
    void keepsTheOriginalTextOfConvertedObjects() {
        String id = id("intrusion-set", 3);
        String original = "{\"type\":\"intrusion-set\",\"id\":\"" + id + "\",\"created\":\"" + T1 + "\",\"modified\":\""
                + T1 + "\",\"name\":\"Legacy\",  \"labels\" : [\"x\"]}";
        ObjectNode upgraded = StixObject.parse(original).json();
        upgraded.put("spec_version", "2.1");
        StixObject converted = StixObject.of(upgraded);

        importObjects(new IncomingObject(converted, original, false, "legacy-2.0.json"));

        StoredVersion v = store().versions(id).get(0);
        assertThat(v.original()).isEqualTo(original);
        assertThat(v.object().specVersion()).isEqualTo("2.1");
        assertThat(v.sourceName()).isEqualTo("legacy-2.0.json");
        assertThat(store().latest(id).orElseThrow().json()).isEqualTo(upgraded);
    }

    @Test
    void unknownIdsReadAsAbsent() {
        importObjects(stix(actor(1, T1, "Known")));

        assertThat(store().latest(id("intrusion-set", 999))).isEmpty();
        assertThat(store().versions(id("intrusion-set", 999))).isEmpty();
        assertThat(store().latest(List.of(id("intrusion-set", 1), id("intrusion-set", 999))))
                .extracting(StixObject::id)
                .containsExactly(id("intrusion-set", 1));
        assertThat(store().latest(List.of())).isEmpty();
    }

    @Test
    void describesItselfWithoutSecrets() {
        assertThat(store().describe()).isNotBlank().doesNotContainIgnoringCase("password=");
    }

    // ---------------------------------------------------------------------------------------------- versions

    @Test
    void aNewerVersionBecomesTheLatest() {
        ImportCounts first = importObjects(stix(actor(1, T1, "Old Name")));
        ImportCounts second = importObjects(stix(actor(1, T2, "New Name")));

        assertThat(first.added()).containsExactly(Map.entry("intrusion-set", 1));
        assertThat(second.updated()).containsExactly(Map.entry("intrusion-set", 1));
        assertThat(second.totalAdded()).isZero();
        assertThat(store().latest(id("intrusion-set", 1)).orElseThrow().name()).contains("New Name");
        List<StoredVersion> versions = store().versions(id("intrusion-set", 1));
        assertThat(versions)
                .extracting(v -> v.object().modified().orElseThrow())
                .containsExactly(T1, T2);
        assertThat(versions).extracting(StoredVersion::latest).containsExactly(false, true);
        assertThat(store().countByType(ObjectFilter.ALL)).containsExactly(Map.entry("intrusion-set", 1L));
    }

    @Test
    void theSameVersionIsUnchangedAndNotRewritten() {
        importObjects(stix(actor(1, T1, "Name")));

        ImportCounts again = importObjects(stix(actor(1, T1, "Name")));
        ImportCounts sameVersionOtherText = importObjects(stix(actor(1, T1, "Edited Without New Version")));

        assertThat(again.unchanged()).containsExactly(Map.entry("intrusion-set", 1));
        assertThat(again.totalAdded() + again.totalUpdated() + again.totalOlder())
                .isZero();
        assertThat(sameVersionOtherText.unchanged()).containsExactly(Map.entry("intrusion-set", 1));
        assertThat(store().versions(id("intrusion-set", 1))).hasSize(1);
        assertThat(store().latest(id("intrusion-set", 1)).orElseThrow().name()).contains("Name");
    }

    @Test
    void anOlderVersionIsKeptAsHistoryButNotLatest() {
        importObjects(stix(actor(1, T2, "Current")));

        ImportCounts older = importObjects(stix(actor(1, T1, "Earlier")));

        assertThat(older.older()).containsExactly(Map.entry("intrusion-set", 1));
        assertThat(store().latest(id("intrusion-set", 1)).orElseThrow().name()).contains("Current");
        List<StoredVersion> versions = store().versions(id("intrusion-set", 1));
        assertThat(versions).extracting(v -> v.object().name().orElseThrow()).containsExactly("Earlier", "Current");
        assertThat(versions).extracting(StoredVersion::latest).containsExactly(false, true);
        assertThat(importObjects(stix(actor(1, T1, "Earlier"))).unchanged())
                .containsExactly(Map.entry("intrusion-set", 1));
    }

    @Test
    void theSameInstantWithAnotherPrecisionIsTheSameVersion() {
        importObjects(stix(actor(1, "2020-01-01T00:00:00Z", "Name")));

        ImportCounts millis = importObjects(stix(actor(1, "2020-01-01T00:00:00.000Z", "Name")));
        ImportCounts micros = importObjects(stix(actor(1, "2020-01-01T00:00:00.000000Z", "Name")));
        ImportCounts oneMilliLater = importObjects(stix(actor(1, "2020-01-01T00:00:00.001Z", "Later")));

        assertThat(millis.totalUnchanged()).isEqualTo(1);
        assertThat(micros.totalUnchanged()).isEqualTo(1);
        assertThat(oneMilliLater.totalUpdated()).isEqualTo(1);
        assertThat(store().versions(id("intrusion-set", 1))).hasSize(2);
        assertThat(store().latest(id("intrusion-set", 1)).orElseThrow().name()).contains("Later");
    }

    @Test
    void derivedObjectsAreComparedByContentIgnoringTimestamps() {
        String id = id("indicator", 1);
        importObjects(derived(indicator(1, T1, T1, "[ipv4-addr:value = '10.0.0.1']")));

        ImportCounts sameContent = importObjects(derived(indicator(1, T2, T2, "[ipv4-addr:value = '10.0.0.1']")));

        assertThat(sameContent.unchanged()).containsExactly(Map.entry("indicator", 1));
        assertThat(store().versions(id)).hasSize(1);
        assertThat(store().latest(id).orElseThrow().modified()).contains(T1);

        ImportCounts otherContent = importObjects(derived(indicator(1, T1, T3, "[ipv4-addr:value = '10.0.0.2']")));

        assertThat(otherContent.updated()).containsExactly(Map.entry("indicator", 1));
        assertThat(store().versions(id)).hasSize(2);
        StixObject latest = store().latest(id).orElseThrow();
        assertThat(latest.text("pattern")).contains("[ipv4-addr:value = '10.0.0.2']");
        assertThat(latest.modified()).contains(T3);
    }

    @Test
    void aDerivedObjectIsComparedWithTheLatestVersionWhateverItsOrigin() {
        String id = id("indicator", 1);
        importObjects(stix(indicator(1, T1, T1, "[ipv4-addr:value = '10.0.0.1']")));

        ImportCounts same = importObjects(derived(indicator(1, T2, T2, "[ipv4-addr:value = '10.0.0.1']")));
        ImportCounts different = importObjects(derived(indicator(1, T2, T2, "[ipv4-addr:value = '10.9.9.9']")));

        assertThat(same.unchanged()).containsExactly(Map.entry("indicator", 1));
        assertThat(different.updated()).containsExactly(Map.entry("indicator", 1));
        assertThat(store().versions(id))
                .extracting(v -> v.object().modified().orElseThrow())
                .containsExactly(T1, T2);
        assertThat(store().latest(id).orElseThrow().text("pattern")).contains("[ipv4-addr:value = '10.9.9.9']");
    }

    @Test
    void nonDerivedObjectsFollowTheirTimestampsNotTheirContent() {
        String id = id("indicator", 1);
        importObjects(stix(indicator(1, T1, T1, "[ipv4-addr:value = '10.0.0.1']")));

        ImportCounts sameContentNewerTimestamp =
                importObjects(stix(indicator(1, T1, T2, "[ipv4-addr:value = '10.0.0.1']")));

        assertThat(sameContentNewerTimestamp.updated()).containsExactly(Map.entry("indicator", 1));
        assertThat(store().versions(id)).hasSize(2);
        assertThat(store().latest(id).orElseThrow().modified()).contains(T2);
    }

    @Test
    void unversionedObjectsAreUnchangedWhenEqualAndReplacedWhenDifferent() {
        ObjectNode ip = Json.mapper().createObjectNode();
        ip.put("type", "ipv4-addr");
        ip.put("spec_version", "2.1");
        ip.put("id", id("ipv4-addr", 1));
        ip.put("value", "198.51.100.7");
        ImportCounts first = importObjects(stix(StixObject.of(ip)));
        ImportCounts same = importObjects(stix(StixObject.of(ip)));
        ip.put("x_note", "seen on the VPN gateway");
        ImportCounts different = importObjects(stix(StixObject.of(ip)));
        ImportCounts marking = importObjects(stix(Tlp.AMBER.definition()));
        ImportCounts markingAgain = importObjects(stix(Tlp.AMBER.definition()));

        assertThat(first.added()).containsExactly(Map.entry("ipv4-addr", 1));
        assertThat(same.unchanged()).containsExactly(Map.entry("ipv4-addr", 1));
        assertThat(different.updated()).containsExactly(Map.entry("ipv4-addr", 1));
        assertThat(store().versions(id("ipv4-addr", 1))).hasSize(1);
        assertThat(store().latest(id("ipv4-addr", 1)).orElseThrow().json()).isEqualTo(ip);
        assertThat(marking.added()).containsExactly(Map.entry("marking-definition", 1));
        assertThat(markingAgain.unchanged()).containsExactly(Map.entry("marking-definition", 1));
        assertThat(store().latest(Tlp.AMBER.markingId()).orElseThrow()).isEqualTo(Tlp.AMBER.definition());
    }

    // ---------------------------------------------------------------------------------------------- flags and filters

    @Test
    void revokedAndDeprecatedObjectsAreKeptAndFlagged() {
        StixObject active = actor(1, T1, "Active");
        StixObject revoked = with(actor(2, T1, "Revoked"), "revoked", true);
        StixObject deprecated = with(technique(3, T1, "Deprecated", "T1003"), "x_mitre_deprecated", true);
        StixObject technique = technique(4, T1, "Technique", "T1059");
        importObjects(stix(active), stix(revoked), stix(deprecated), stix(technique));

        assertThat(store().latest(revoked.id()).orElseThrow().revoked()).isTrue();
        assertThat(store().latest(deprecated.id()).orElseThrow().deprecated()).isTrue();
        assertThat(store().countByType(ObjectFilter.ALL))
                .containsExactly(Map.entry("attack-pattern", 2L), Map.entry("intrusion-set", 2L));
        assertThat(store().countByType(ObjectFilter.ACTIVE))
                .containsExactly(Map.entry("attack-pattern", 1L), Map.entry("intrusion-set", 1L));
        assertThat(store().countByType(new ObjectFilter(Set.of(), true, false)))
                .containsExactly(Map.entry("attack-pattern", 1L), Map.entry("intrusion-set", 2L));
        assertThat(store().countByType(new ObjectFilter(Set.of(), false, true)))
                .containsExactly(Map.entry("attack-pattern", 2L), Map.entry("intrusion-set", 1L));
        assertThat(ids(ObjectFilter.ACTIVE)).containsExactly(technique.id(), active.id());
        assertThat(ids(ObjectFilter.ALL.ofTypes("intrusion-set"))).containsExactly(active.id(), revoked.id());
        assertThat(ids(ObjectFilter.ACTIVE.ofTypes("attack-pattern"))).containsExactly(technique.id());

        importObjects(stix(with(actor(1, T2, "Active"), "revoked", true)));

        assertThat(ids(ObjectFilter.ACTIVE)).containsExactly(technique.id());
        assertThat(store().countByType(ObjectFilter.ALL.ofTypes("intrusion-set")))
                .containsExactly(Map.entry("intrusion-set", 2L));
    }

    @Test
    void forEachLatestStreamsLatestVersionsInIdOrder() {
        List<StixObject> objects = new ArrayList<>();
        Random random = new Random(7);
        Set<Integer> numbers = new HashSet<>();
        while (numbers.size() < 60) {
            numbers.add(random.nextInt(1_000_000));
        }
        int i = 0;
        for (int number : numbers) {
            String type = List.of("intrusion-set", "malware", "attack-pattern").get(i++ % 3);
            objects.add(named(type, number, T1, type + " " + number));
        }
        Collections.shuffle(objects, random);
        importObjects(objects.stream().map(StoreConformanceTest::stix).toArray(IncomingObject[]::new));
        StixObject first = objects.get(0);
        importObjects(stix(renamed(first, T2, "renamed")));

        List<StixObject> seen = new ArrayList<>();
        store().forEachLatest(ObjectFilter.ALL, seen::add);

        List<String> expectedIds =
                objects.stream().map(StixObject::id).distinct().sorted().collect(Collectors.toList());
        assertThat(seen).extracting(StixObject::id).containsExactlyElementsOf(expectedIds);
        assertThat(seen)
                .filteredOn(o -> o.id().equals(first.id()))
                .singleElement()
                .satisfies(o -> assertThat(o.name()).contains("renamed"));
        assertThat(ids(ObjectFilter.ALL.ofTypes("malware", "attack-pattern")))
                .containsExactlyElementsOf(expectedIds.stream()
                        .filter(x -> !x.startsWith("intrusion-set"))
                        .collect(Collectors.toList()));
    }

    // ---------------------------------------------------------------------------------------------- indexes

    @Test
    void theRelationshipIndexFollowsTheLatestVersion() {
        String a = id("intrusion-set", 1);
        String b = id("malware", 2);
        String c = id("malware", 3);
        String r = id("relationship", 10);
        importObjects(stix(relationship(10, T1, "uses", a, b)));

        assertThat(store().relationships(RelationshipQuery.from(Set.of(a))))
                .containsExactly(new RelationshipRow(r, "uses", a, b, true));

        importObjects(stix(relationship(10, T2, "uses", a, c)));

        assertThat(store().relationships(RelationshipQuery.from(Set.of(a))))
                .containsExactly(new RelationshipRow(r, "uses", a, c, true));
        assertThat(store().relationships(RelationshipQuery.to(Set.of(b)))).isEmpty();
        assertThat(store().relationships(RelationshipQuery.to(Set.of(c))))
                .extracting(RelationshipRow::id)
                .containsExactly(r);

        importObjects(stix(relationship(10, T1, "uses", a, b)));

        assertThat(store().relationships(RelationshipQuery.from(Set.of(a))))
                .extracting(RelationshipRow::targetRef)
                .containsExactly(c);

        importObjects(stix(with(relationship(10, T3, "uses", a, c), "revoked", true)));

        assertThat(store().relationships(RelationshipQuery.from(Set.of(a)))).isEmpty();
        assertThat(store().relationships(new RelationshipQuery(Set.of(a), Set.of(), Set.of(), true)))
                .containsExactly(new RelationshipRow(r, "uses", a, c, false));
    }

    @Test
    void relationshipsAreSelectedBySourceTargetAndType() {
        String actor = id("intrusion-set", 1);
        String otherActor = id("intrusion-set", 2);
        String malware = id("malware", 3);
        String identity = id("identity", 4);
        importObjects(
                stix(relationship(11, T1, "uses", actor, malware)),
                stix(relationship(12, T1, "targets", actor, identity)),
                stix(relationship(13, T1, "uses", otherActor, malware)),
                stix(with(relationship(14, T1, "uses", actor, id("tool", 5)), "x_mitre_deprecated", true)));

        assertThat(store().relationships(RelationshipQuery.from(Set.of(actor), "uses")))
                .extracting(RelationshipRow::id)
                .containsExactly(id("relationship", 11));
        assertThat(store().relationships(RelationshipQuery.from(Set.of(actor))))
                .extracting(RelationshipRow::id)
                .containsExactlyInAnyOrder(id("relationship", 11), id("relationship", 12));
        assertThat(store().relationships(RelationshipQuery.to(Set.of(malware))))
                .extracting(RelationshipRow::sourceRef)
                .containsExactlyInAnyOrder(actor, otherActor);
        assertThat(store().relationships(new RelationshipQuery(Set.of(actor), Set.of(malware), Set.of(), false)))
                .extracting(RelationshipRow::id)
                .containsExactly(id("relationship", 11));
        assertThat(store().relationships(new RelationshipQuery(Set.of(actor), Set.of(), Set.of("uses"), true)))
                .extracting(RelationshipRow::id)
                .containsExactlyInAnyOrder(id("relationship", 11), id("relationship", 14));
        assertThat(store().relationships(new RelationshipQuery(Set.of(), Set.of(), Set.of("targets"), false)))
                .extracting(RelationshipRow::targetRef)
                .containsExactly(identity);
        assertThat(store().countRelationshipsByType(ObjectFilter.ALL))
                .containsExactly(Map.entry("targets", 1L), Map.entry("uses", 3L));
        assertThat(store().countRelationshipsByType(ObjectFilter.ACTIVE))
                .containsExactly(Map.entry("targets", 1L), Map.entry("uses", 2L));
    }

    @Test
    void objectsAreFoundByNameAliasAndAttackId() {
        StixObject group = StixObject.parse("{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\""
                + id("intrusion-set", 1) + "\",\"created\":\"" + T1 + "\",\"modified\":\"" + T1 + "\","
                + "\"name\":\"APT29\",\"aliases\":[\"APT29\",\"Cozy Bear\",\"The Dukes\"],"
                + "\"x_mitre_aliases\":[\"NobleBaron\"],\"external_references\":[{\"source_name\":\"mitre-attack\","
                + "\"external_id\":\"G0016\",\"url\":\"https://attack.mitre.org/groups/G0016\"}]}");
        StixObject actor = named("threat-actor", 2, T1, "Cozy-Bear");
        importObjects(
                new IncomingObject(group, null, false, "MITRE ATT&CK"),
                new IncomingObject(actor, null, false, "MISP galaxy threat-actor"));

        assertThat(store().findByAlias(Aliases.normalize("cozy bear")))
                .containsExactlyInAnyOrder(
                        new AliasHit(group.id(), "intrusion-set", "Cozy Bear", "MITRE ATT&CK"),
                        new AliasHit(actor.id(), "threat-actor", "Cozy-Bear", "MISP galaxy threat-actor"));
        assertThat(store().findByAlias("apt29"))
                .containsExactly(new AliasHit(group.id(), "intrusion-set", "APT29", "MITRE ATT&CK"));
        assertThat(store().findByAlias(Aliases.normalize("G0016")))
                .extracting(AliasHit::objectId)
                .containsExactly(group.id());
        assertThat(store().findByAlias("noblebaron"))
                .extracting(AliasHit::alias)
                .containsExactly("NobleBaron");
        assertThat(store().findByAlias("unknownalias")).isEmpty();

        ObjectNode next = group.json();
        next.put("modified", T2);
        next.putArray("aliases").add("APT29").add("Cozy Bear");
        importObjects(new IncomingObject(StixObject.of(next), null, false, "MITRE ATT&CK v2"));
        ObjectNode earlier = group.json();
        earlier.put("modified", "2019-01-01T00:00:00.000Z");
        earlier.putArray("aliases").add("Old Name");
        importObjects(stix(StixObject.of(earlier)));

        assertThat(store().findByAlias("thedukes")).isEmpty();
        assertThat(store().findByAlias("oldname")).isEmpty();
        assertThat(store().findByAlias("apt29"))
                .extracting(AliasHit::sourceName)
                .containsExactly("MITRE ATT&CK v2");

        importObjects(stix(with(actor(7, T1, "Gone Bear"), "revoked", true)));

        assertThat(store().findByAlias("gonebear"))
                .extracting(AliasHit::objectId)
                .containsExactly(id("intrusion-set", 7));
    }

    // ---------------------------------------------------------------------------------------------- sessions

    @Test
    void countsAreKeptByTypeAndOutcome() {
        ObjectNode ip = Json.mapper().createObjectNode();
        ip.put("type", "ipv4-addr")
                .put("spec_version", "2.1")
                .put("id", id("ipv4-addr", 5))
                .put("value", "10.1.1.1");
        try (ImportSession s = store().beginImport(source("first"))) {
            s.put(stix(actor(1, T2, "One")));
            s.put(stix(actor(2, T2, "Two")));
            assertThat(s.counts().added()).containsExactly(Map.entry("intrusion-set", 2));
            s.put(stix(relationship(3, T1, "uses", id("intrusion-set", 1), id("malware", 4))));
            s.put(stix(StixObject.of(ip)));
            ImportCounts c = s.commit();
            assertThat(c.added())
                    .containsExactly(
                            Map.entry("intrusion-set", 2), Map.entry("ipv4-addr", 1), Map.entry("relationship", 1));
            assertThat(c.totalAdded()).isEqualTo(4);
        }

        ImportCounts second = importObjects(
                stix(actor(1, T3, "One, renamed")),
                stix(actor(2, T1, "Two, earlier")),
                stix(relationship(3, T1, "uses", id("intrusion-set", 1), id("malware", 4))),
                stix(actor(8, T1, "Eight")));

        assertThat(second.added()).containsExactly(Map.entry("intrusion-set", 1));
        assertThat(second.updated()).containsExactly(Map.entry("intrusion-set", 1));
        assertThat(second.older()).containsExactly(Map.entry("intrusion-set", 1));
        assertThat(second.unchanged()).containsExactly(Map.entry("relationship", 1));
        assertThat(List.of(second.totalAdded(), second.totalUpdated(), second.totalOlder(), second.totalUnchanged()))
                .containsExactly(1, 1, 1, 1);
    }

    @Test
    void anObjectPutTwiceInOneSessionIsStoredOnce() {
        String id = id("intrusion-set", 1);
        ImportCounts counts;
        try (ImportSession s = store().beginImport(source("twice"))) {
            s.put(stix(actor(1, T1, "First")));
            s.put(stix(actor(1, T1, "First")));
            s.put(stix(actor(1, T2, "Second")));
            for (int i = 100; i < 1_300; i++) {
                s.put(stix(actor(i, T1, "filler " + i)));
            }
            s.put(stix(actor(1, T2, "Second")));
            s.put(stix(actor(1, T1, "First")));
            s.put(derived(indicator(9, T1, T1, "[x:y = 'z']")));
            s.put(derived(indicator(9, T2, T2, "[x:y = 'z']")));
            counts = s.commit();
        }

        assertThat(counts.added()).containsExactly(Map.entry("indicator", 1), Map.entry("intrusion-set", 1_201));
        assertThat(counts.updated()).containsExactly(Map.entry("intrusion-set", 1));
        assertThat(counts.unchanged()).containsExactly(Map.entry("indicator", 1), Map.entry("intrusion-set", 3));
        assertThat(store().versions(id))
                .extracting(v -> v.object().name().orElseThrow())
                .containsExactly("First", "Second");
        assertThat(store().versions(id("indicator", 9))).hasSize(1);
        assertThat(store().checkIntegrity()).isEmpty();
    }

    @Test
    void aRolledBackOrUncommittedSessionLeavesNothing() {
        importObjects(stix(actor(1, T1, "Kept")));

        try (ImportSession s = store().beginImport(source("rolled-back"))) {
            for (int i = 10; i < 700; i++) {
                s.put(stix(actor(i, T1, "Rolled back " + i)));
            }
            s.put(stix(actor(1, T2, "Changed")));
            assertThat(s.counts().totalAdded()).isEqualTo(690);
            s.rollback();
        }
        try (ImportSession s = store().beginImport(source("abandoned"))) {
            s.put(stix(actor(20, T1, "Abandoned")));
            s.put(stix(relationship(21, T1, "uses", id("intrusion-set", 1), id("malware", 22))));
            assertThat(s.counts().totalAdded()).isEqualTo(2);
        }

        assertThat(store().countByType(ObjectFilter.ALL)).containsExactly(Map.entry("intrusion-set", 1L));
        assertThat(store().latest(id("intrusion-set", 1)).orElseThrow().name()).contains("Kept");
        assertThat(store().versions(id("intrusion-set", 1))).hasSize(1);
        assertThat(store().findByAlias("rolledback10")).isEmpty();
        assertThat(store().relationships(RelationshipQuery.from(Set.of(id("intrusion-set", 1)))))
                .isEmpty();
        assertThat(store().imports()).extracting(r -> r.source().name()).containsExactly("import 1");
        assertThat(store().hasImported(sha256("rolled-back"))).isFalse();
        assertThat(store().hasImported(sha256("abandoned"))).isFalse();

        ImportCounts afterwards = importObjects(stix(actor(20, T1, "Abandoned")));
        assertThat(afterwards.added()).containsExactly(Map.entry("intrusion-set", 1));
        assertThat(store().checkIntegrity()).isEmpty();
    }

    @Test
    void readersDoNotSeeASessionBeforeItCommits() {
        try (ImportSession s = store().beginImport(source("pending"))) {
            for (int i = 0; i < 1_100; i++) {
                s.put(stix(actor(i, T1, "Pending " + i)));
            }
            s.put(stix(relationship(5_000, T1, "uses", id("intrusion-set", 1), id("malware", 2))));
            assertThat(s.counts().totalAdded()).isEqualTo(1_101);

            assertThat(store().latest(id("intrusion-set", 1))).isEmpty();
            assertThat(store().latest(List.of(id("intrusion-set", 1), id("intrusion-set", 2))))
                    .isEmpty();
            assertThat(store().countByType(ObjectFilter.ALL)).isEmpty();
            assertThat(ids(ObjectFilter.ALL)).isEmpty();
            assertThat(store().findByAlias("pending1")).isEmpty();
            assertThat(store().relationships(RelationshipQuery.from(Set.of(id("intrusion-set", 1)))))
                    .isEmpty();
            assertThat(store().imports()).isEmpty();

            s.commit();
        }

        assertThat(store().countByType(ObjectFilter.ALL))
                .containsExactly(Map.entry("intrusion-set", 1_100L), Map.entry("relationship", 1L));
        assertThat(store().findByAlias("pending1")).hasSize(1);
        assertThat(store().relationships(RelationshipQuery.from(Set.of(id("intrusion-set", 1)))))
                .hasSize(1);
    }

    @Test
    void committedDataSurvivesAReopen() {
        importObjects(
                stix(actor(1, T1, "Durable")),
                stix(actor(1, T2, "Durable, renamed")),
                stix(relationship(2, T1, "uses", id("intrusion-set", 1), id("malware", 3))));
        try (ImportSession s = store().beginImport(source("never committed"))) {
            s.put(stix(actor(4, T1, "Lost")));
            s.counts();
        }

        Store again = reopen();

        assertThat(again.latest(id("intrusion-set", 1)).orElseThrow().name()).contains("Durable, renamed");
        assertThat(again.versions(id("intrusion-set", 1))).hasSize(2);
        assertThat(again.latest(id("intrusion-set", 4))).isEmpty();
        assertThat(again.relationships(RelationshipQuery.to(Set.of(id("malware", 3)))))
                .hasSize(1);
        assertThat(again.findByAlias("durablerenamed")).hasSize(1);
        assertThat(again.imports()).hasSize(1);
        assertThat(again.checkIntegrity()).isEmpty();
        assertThat(importObjects(stix(actor(1, T2, "Durable, renamed"))).totalUnchanged())
                .isEqualTo(1);
    }

    @Test
    void concurrentSessionsAndReadersDoNotInterfere() throws Exception {
        store();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<ImportCounts>> imports = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int base = (t + 1) * 10_000;
                imports.add(pool.submit(() -> importObjects(IntStream.range(base, base + 1_000)
                        .mapToObj(i -> stix(actor(i, T1, "Concurrent " + i)))
                        .toArray(IncomingObject[]::new))));
            }
            Future<Long> reader = pool.submit(() -> {
                long reads = 0;
                while (!imports.stream().allMatch(Future::isDone)) {
                    long n = store().countByType(ObjectFilter.ALL).getOrDefault("intrusion-set", 0L);
                    assertThat(n).isIn(0L, 1_000L, 2_000L);
                    reads++;
                }
                return reads;
            });
            for (Future<ImportCounts> f : imports) {
                assertThat(f.get(120, TimeUnit.SECONDS).totalAdded()).isEqualTo(1_000);
            }
            assertThat(reader.get(120, TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(store().countByType(ObjectFilter.ALL)).containsExactly(Map.entry("intrusion-set", 2_000L));
        assertThat(store().imports()).hasSize(2);
        assertThat(store().checkIntegrity()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- history

    @Test
    void importsAreRecordedNewestFirst() {
        Instant before = Instant.now();
        try (ImportSession s = store().beginImport(new ImportSource("feeds/a.json", "stix-2.1", sha256("a")))) {
            s.put(stix(actor(1, T1, "A")));
            s.put(stix(actor(2, T1, "B")));
            s.commit();
        }
        try (ImportSession s = store().beginImport(new ImportSource("feeds/b.misp.json", "misp-event", sha256("b")))) {
            s.put(stix(actor(1, T2, "A2")));
            s.put(stix(actor(2, T1, "B")));
            s.put(stix(actor(3, T1, "C")));
            s.commit();
        }
        Instant after = Instant.now();

        List<ImportRecord> history = store().imports();

        assertThat(history).hasSize(2);
        assertThat(history.get(0).source()).isEqualTo(new ImportSource("feeds/b.misp.json", "misp-event", sha256("b")));
        assertThat(List.of(
                        history.get(0).added(),
                        history.get(0).updated(),
                        history.get(0).unchanged()))
                .containsExactly(1, 1, 1);
        assertThat(history.get(1).source()).isEqualTo(new ImportSource("feeds/a.json", "stix-2.1", sha256("a")));
        assertThat(history.get(1).added()).isEqualTo(2);
        assertThat(history).allSatisfy(r -> assertThat(r.finishedAt()).isBetween(before, after));
        assertThat(history.get(0).finishedAt()).isAfterOrEqualTo(history.get(1).finishedAt());
        assertThat(store().hasImported(sha256("a"))).isTrue();
        assertThat(store().hasImported(sha256("b"))).isTrue();
        assertThat(store().hasImported(sha256("c"))).isFalse();
    }

    @Test
    void aSoundStoreHasNoIntegrityProblems() {
        importObjects(
                stix(actor(1, T1, "One")),
                stix(actor(1, T3, "One, renamed")),
                stix(actor(1, T2, "One, in between")),
                stix(relationship(2, T1, "uses", id("intrusion-set", 1), id("malware", 3))),
                stix(relationship(2, T2, "uses", id("intrusion-set", 1), id("malware", 4))),
                derived(indicator(5, T1, T1, "[a:b = 'c']")),
                derived(indicator(5, T2, T2, "[a:b = 'd']")),
                stix(Tlp.RED.definition()),
                stix(with(technique(6, T1, "Old technique", "T1000"), "x_mitre_deprecated", true)));

        assertThat(store().checkIntegrity()).isEmpty();
        assertThat(store().countByType(ObjectFilter.ALL)).hasSize(5);
    }

    @Test
    void aLargeSessionIsImportedAndReadBack() {
        int n = 20_000;
        List<StixObject> objects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            objects.add(
                    i % 4 == 3
                            ? relationship(i, T1, "indicates", id("indicator", i - 1), id("malware", i % 97))
                            : indicator(i, T1, T1, "[ipv4-addr:value = '10.0." + (i / 256) + "." + (i % 256) + "']"));
        }
        ImportCounts counts;
        try (ImportSession s = store().beginImport(source("large"))) {
            objects.forEach(o -> s.put(stix(o)));
            counts = s.commit();
        }

        assertThat(counts.added()).containsExactly(Map.entry("indicator", 15_000), Map.entry("relationship", 5_000));
        assertThat(store().countByType(ObjectFilter.ALL))
                .containsExactly(Map.entry("indicator", 15_000L), Map.entry("relationship", 5_000L));
        long[] seen = {0};
        String[] previous = {""};
        store().forEachLatest(ObjectFilter.ALL.ofTypes("indicator"), o -> {
            assertThat(o.id()).isGreaterThan(previous[0]);
            previous[0] = o.id();
            seen[0]++;
        });
        assertThat(seen[0]).isEqualTo(15_000);
        List<String> some = IntStream.range(0, 1_000)
                .mapToObj(i -> objects.get(i * 20).id())
                .collect(Collectors.toList());
        List<String> asked = new ArrayList<>(some);
        asked.add(id("indicator", 99_999));
        assertThat(store().latest(asked)).extracting(StixObject::id).containsExactlyInAnyOrderElementsOf(some);
        assertThat(store().relationships(RelationshipQuery.to(Set.of(id("malware", 5)))))
                .hasSize((int) IntStream.range(0, n)
                        .filter(i -> i % 4 == 3 && i % 97 == 5)
                        .count());
        assertThat(store().countRelationshipsByType(ObjectFilter.ACTIVE))
                .containsExactly(Map.entry("indicates", 5_000L));

        ImportCounts again;
        try (ImportSession s = store().beginImport(source("large again"))) {
            objects.forEach(o -> s.put(stix(o)));
            again = s.commit();
        }
        assertThat(again.totalUnchanged()).isEqualTo(n);
        assertThat(again.totalAdded() + again.totalUpdated() + again.totalOlder())
                .isZero();
        assertThat(store().checkIntegrity()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- sightings

    @Test
    void sightingsAreStoredLosslessly() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Zeta", "last key first");
        fields.put("CommandLine", "powershell -enc SQBFAFgA\nline2\t\"quoted\" \\ \u0000 end");
        fields.put("Ключ", "значение 熊 🐻 مرحبا");
        fields.put("Alpha", "");
        Sighting full = new Sighting(
                Sighting.idFor("sigma", "5f1e2d3c-rule", "logs/Security 🐻.evtx.json", 4_294_967_296L, null),
                "sigma",
                "5f1e2d3c-rule",
                "Suspicious PowerShell — Ünïcödé 熊 🐻 مرحبا",
                "high",
                "Florian Roth (Nextron Systems), Ünïcödé",
                List.of("T1059.001", "T1027", "T1003"),
                Instant.parse("2024-05-01T10:15:30.123456789Z"),
                "WS-01.corp.example",
                "logs/Security 🐻.evtx.json",
                4_294_967_296L,
                fields);
        Sighting minimal = new Sighting(
                Sighting.idFor("ioc", "ioc-rule", "dns.log", 0, null),
                "ioc",
                "ioc-rule",
                "Known bad domain",
                null,
                null,
                List.of(),
                null,
                null,
                "dns.log",
                0,
                Map.of());

        assertThat(store().addSightings(List.of(minimal, full))).isEqualTo(2);

        Consumer<Store> check = s -> {
            List<Sighting> back = sightings(s, SightingQuery.all());
            assertThat(back).containsExactly(full, minimal);
            assertThat(back.get(0).fields().keySet()).containsExactly("Zeta", "CommandLine", "Ключ", "Alpha");
            assertThat(back.get(0).techniques()).containsExactly("T1059.001", "T1027", "T1003");
            assertThat(back.get(0).observed()).isEqualTo(Instant.parse("2024-05-01T10:15:30.123456789Z"));
            assertThat(back.get(0).fields().get("CommandLine")).contains("\u0000 end");
            assertThat(back.get(1).level()).isNull();
            assertThat(back.get(1).author()).isNull();
            assertThat(back.get(1).observed()).isNull();
            assertThat(back.get(1).host()).isNull();
            assertThat(back.get(1).fields()).isEmpty();
            assertThat(s.countSightings(SightingQuery.all())).isEqualTo(2);
        };
        check.accept(store());
        check.accept(reopen());
        assertThat(store().imports()).as("sightings are not imports").isEmpty();
        assertThat(store().countByType(ObjectFilter.ALL)).isEmpty();
        assertThat(store().checkIntegrity()).isEmpty();
    }

    @Test
    void sightingsAlreadyStoredAreIgnored() {
        Sighting a = hit("sigma", "rule-a", "high", List.of("T1059"), at(1), "ws-01", "sec.json", 1);
        Sighting b = hit("sigma", "rule-a", "high", List.of("T1059"), at(2), "ws-01", "sec.json", 2);
        Sighting c = hit("sigma", "rule-b", "low", List.of(), null, "ws-02", "sec.json", 3);
        Sighting d = hit("ioc", "ioc-1", null, List.of(), at(3), null, "dns.log", 4);

        assertThat(store().addSightings(List.of())).isZero();
        assertThat(store().addSightings(List.of(a, b, c))).isEqualTo(3);
        assertThat(store().addSightings(List.of(a, b, c))).isZero();
        assertThat(store().addSightings(List.of(c, d, a, d))).isEqualTo(1);
        assertThat(store().countSightings(SightingQuery.all())).isEqualTo(4);

        // the same id with other content: the stored sighting stays as it was
        Sighting changed = new Sighting(
                a.id(),
                a.kind(),
                a.ruleId(),
                "Retitled",
                "critical",
                a.author(),
                List.of("T1003"),
                a.observed(),
                a.host(),
                a.eventSource(),
                a.eventLine(),
                Map.of("x", "y"));
        assertThat(store().addSightings(List.of(changed))).isZero();
        assertThat(sightings(store(), SightingQuery.all().withRuleId("rule-a"))).containsExactly(a, b);
        assertThat(store().countSightings(SightingQuery.all().withTechnique("T1003")))
                .isZero();
        assertThat(store().countSightings(SightingQuery.all().withMinLevel("critical")))
                .isZero();
        assertThat(store().countSightingsByRule(SightingQuery.all()))
                .containsExactly(Map.entry("ioc-1", 1L), Map.entry("rule-a", 2L), Map.entry("rule-b", 1L));
        assertThat(store().checkIntegrity()).isEmpty();
    }

    @Test
    void aFailingAddStoresNothing() {
        Sighting kept = hit("sigma", "kept", "high", List.of("T1059"), at(0), "ws-01", "sec.json", 1);
        store().addSightings(List.of(kept));
        List<Sighting> batch = new ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            batch.add(hit("sigma", "batch", "medium", List.of("T1027"), at(i), "ws-02", "batch.json", i));
        }
        Sighting valid = batch.get(1_100);
        Sighting noKind = new Sighting(
                valid.id(),
                null, // declared non-null, but a caller may pass it anyway
                valid.ruleId(),
                valid.ruleTitle(),
                valid.level(),
                valid.author(),
                valid.techniques(),
                valid.observed(),
                valid.host(),
                valid.eventSource(),
                valid.eventLine(),
                valid.fields());
        List<Sighting> withoutKind = new ArrayList<>(batch);
        withoutKind.set(1_100, noKind);

        assertThatThrownBy(() -> store().addSightings(withoutKind))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kind");
        assertThat(store().countSightings(SightingQuery.all())).isEqualTo(1);
        assertThat(store().countSightings(SightingQuery.all().withTechnique("T1027")))
                .isZero();
        assertThat(store().countSightingsByRule(SightingQuery.all())).containsExactly(Map.entry("kept", 1L));

        for (Sighting bad : List.of(
                hit("sigma", "batch", "low", List.of(), at(1), "ws\u0000-02", "batch.json", 5_000),
                hit("sigma", "batch", "low", List.of("T1059\u0000"), at(1), "ws-02", "batch.json", 5_001),
                hit("sigma", "batch", "low", List.of(), Instant.parse("+10000-01-01T00:00:00Z"), null, "b.json", 1),
                hit("sigma", "batch", "low", List.of(), Instant.parse("-0001-12-31T23:59:59Z"), null, "b.json", 2))) {
            List<Sighting> withBad = new ArrayList<>(batch);
            withBad.add(bad);
            assertThatThrownBy(() -> store().addSightings(withBad))
                    .as("%s", bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store().countSightings(SightingQuery.all())).isEqualTo(1);
        }

        assertThat(store().addSightings(batch)).isEqualTo(1_234);
        assertThat(store().countSightingsByRule(SightingQuery.all()))
                .containsExactly(Map.entry("batch", 1_234L), Map.entry("kept", 1L));
        assertThat(store().checkIntegrity()).isEmpty();
    }

    @Test
    void sightingsAreSelectedByEveryFilter() {
        Sighting a = hit("sigma", "rule-a", "high", List.of("T1059.001", "T1027"), at(1), "ws-01", "sec.json", 1);
        Sighting b = hit("sigma", "rule-a", "medium", List.of("T1059"), at(2), "ws-02", "sec.json", 2);
        Sighting c = hit("sigma", "rule-b", "critical", List.of("T1059.001"), at(3), "ws-01", "sys.json", 1);
        Sighting d = hit("sigma-correlation", "rule-c", "low", List.of(), at(4), null, "sec.json", 3);
        Sighting e = hit("ioc", "ioc-1", null, List.of(), at(5), "ws-02", "dns.log", 7);
        Sighting f = hit("sigma", "rule-b", "informational", List.of("T1027"), null, "ws-01", "sys.json", 9);
        Sighting g = hit("sigma", "rule-d", "High", List.of("t1003"), at(6), "ws-03", "sec.json", 4);
        Sighting h = hit("stix-pattern", "rule-e", "severe", List.of("T1105"), at(7), "ws-03", "x.json", 1);
        store().addSightings(List.of(h, g, f, e, d, c, b, a));
        SightingQuery all = SightingQuery.all();

        assertThat(sightingIds(all)).containsExactly(idsOf(a, b, c, d, e, g, h, f));
        assertThat(sightingIds(all.withRuleId("rule-a"))).containsExactly(idsOf(a, b));
        assertThat(sightingIds(all.withRuleId("rule-x"))).isEmpty();
        assertThat(sightingIds(all.withTechnique("T1059.001"))).containsExactly(idsOf(a, c));
        assertThat(sightingIds(all.withTechnique("T1059")))
                .as("a technique does not match its sub-techniques")
                .containsExactly(idsOf(b));
        assertThat(sightingIds(all.withTechnique("t1059.001"))).containsExactly(idsOf(a, c));
        assertThat(sightingIds(all.withTechnique("T1003"))).containsExactly(idsOf(g));
        assertThat(sightingIds(all.withTechnique("T1027"))).containsExactly(idsOf(a, f));
        assertThat(sightingIds(all.withTechnique("T1059.0"))).isEmpty();
        assertThat(sightingIds(all.withHost("ws-01"))).containsExactly(idsOf(a, c, f));
        assertThat(sightingIds(all.withHost("WS-01"))).isEmpty();
        assertThat(sightingIds(all.withKind("sigma"))).containsExactly(idsOf(a, b, c, g, f));
        assertThat(sightingIds(all.withKind("ioc"))).containsExactly(idsOf(e));
        assertThat(sightingIds(all.withMinLevel("informational")))
                .as("no level, and an unknown level, count as the lowest")
                .containsExactly(idsOf(a, b, c, d, e, g, h, f));
        assertThat(sightingIds(all.withMinLevel("low"))).containsExactly(idsOf(a, b, c, d, g));
        assertThat(sightingIds(all.withMinLevel("medium"))).containsExactly(idsOf(a, b, c, g));
        assertThat(sightingIds(all.withMinLevel("HIGH"))).containsExactly(idsOf(a, c, g));
        assertThat(sightingIds(all.withMinLevel("critical"))).containsExactly(idsOf(c));
        assertThat(sightingIds(all.withRuleId("rule-b").withHost("ws-01").withMinLevel("informational")))
                .containsExactly(idsOf(c, f));
        assertThat(sightingIds(all.withTechnique("T1059.001").withMinLevel("critical")))
                .containsExactly(idsOf(c));
        assertThat(sightingIds(all.withKind("sigma").withHost("ws-02"))).containsExactly(idsOf(b));
        assertThat(sightingIds(all.withKind("sigma").withHost("ws-02").withRuleId("rule-b")))
                .isEmpty();
        assertThat(sightingIds(all.withLimit(3))).containsExactly(idsOf(a, b, c));
        assertThat(sightingIds(all.withKind("sigma").withLimit(5))).containsExactly(idsOf(a, b, c, g, f));
        assertThat(sightingIds(all.withMinLevel("high").withLimit(1))).containsExactly(idsOf(a));

        assertThat(store().countSightings(all)).isEqualTo(8);
        assertThat(store().countSightings(all.withLimit(3)))
                .as("counts ignore the limit")
                .isEqualTo(8);
        assertThat(store().countSightings(all.withTechnique("T1059.001"))).isEqualTo(2);
        assertThat(store().countSightings(all.withMinLevel("low").withHost("ws-01")))
                .isEqualTo(2);
        assertThat(store().countSightings(all.withRuleId("rule-x"))).isZero();
        assertThat(store().countSightingsByRule(all))
                .containsExactly(
                        Map.entry("ioc-1", 1L),
                        Map.entry("rule-a", 2L),
                        Map.entry("rule-b", 2L),
                        Map.entry("rule-c", 1L),
                        Map.entry("rule-d", 1L),
                        Map.entry("rule-e", 1L));
        assertThat(store().countSightingsByRule(all.withMinLevel("high")))
                .containsExactly(Map.entry("rule-a", 1L), Map.entry("rule-b", 1L), Map.entry("rule-d", 1L));
        assertThat(store().countSightingsByRule(all.withTechnique("T1027").withLimit(1)))
                .containsExactly(Map.entry("rule-a", 1L), Map.entry("rule-b", 1L));
        assertThat(store().countSightingsByRule(all.withHost("nowhere"))).isEmpty();

        assertThatThrownBy(() -> all.withMinLevel("severe")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> all.withLimit(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sinceIsInclusiveAndUntilExclusive() {
        Instant t0 = Instant.parse("2024-05-01T10:00:00Z");
        Instant last = Instant.parse("9999-12-31T23:59:59.999999999Z");
        Sighting before = hit("sigma", "r", "low", List.of(), t0.minusNanos(1), null, "a.json", 1);
        Sighting s0 = hit("sigma", "r", "low", List.of(), t0, null, "a.json", 2);
        Sighting s1 = hit("sigma", "r", "low", List.of(), t0.plusNanos(1), null, "a.json", 3);
        Sighting s2 = hit("sigma", "r", "low", List.of(), Instant.parse("2024-05-01T10:00:00.001Z"), null, "a.json", 4);
        Sighting s3 = hit("sigma", "r", "low", List.of(), t0.plusSeconds(1), null, "a.json", 5);
        Sighting early = hit("sigma", "r", "low", List.of(), Instant.parse("0000-01-01T00:00:00Z"), null, "a.json", 6);
        Sighting late = hit("sigma", "r", "low", List.of(), last, null, "a.json", 7);
        Sighting timeless = hit("sigma", "r", "low", List.of(), null, null, "a.json", 8);
        store().addSightings(List.of(timeless, late, early, s3, s2, s1, s0, before));
        SightingQuery all = SightingQuery.all();

        assertThat(sightingIds(all)).containsExactly(idsOf(early, before, s0, s1, s2, s3, late, timeless));
        assertThat(sightingIds(all.withSince(t0))).containsExactly(idsOf(s0, s1, s2, s3, late));
        assertThat(sightingIds(all.withSince(t0.plusNanos(1)))).containsExactly(idsOf(s1, s2, s3, late));
        assertThat(sightingIds(all.withUntil(t0))).containsExactly(idsOf(early, before));
        assertThat(sightingIds(all.withUntil(t0.plusNanos(1)))).containsExactly(idsOf(early, before, s0));
        assertThat(sightingIds(all.withSince(t0).withUntil(t0.plusSeconds(1)))).containsExactly(idsOf(s0, s1, s2));
        assertThat(sightingIds(all.withSince(t0.plusMillis(1))
                        .withUntil(t0.plusMillis(1).plusNanos(1))))
                .containsExactly(idsOf(s2));
        assertThat(sightingIds(all.withSince(t0).withUntil(t0))).isEmpty();
        assertThat(sightingIds(all.withSince(t0.plusSeconds(1)).withUntil(t0))).isEmpty();
        assertThat(sightingIds(all.withSince(Instant.MIN))).containsExactly(idsOf(early, before, s0, s1, s2, s3, late));
        assertThat(sightingIds(all.withUntil(Instant.MAX))).containsExactly(idsOf(early, before, s0, s1, s2, s3, late));
        assertThat(sightingIds(all.withSince(last))).containsExactly(idsOf(late));
        assertThat(sightingIds(all.withUntil(last))).doesNotContain(late.id()).hasSize(6);
        assertThat(sightingIds(all.withSince(Instant.MAX))).isEmpty();
        assertThat(sightingIds(all.withUntil(Instant.MIN))).isEmpty();
        assertThat(sightingIds(all.withSince(t0).withLimit(2))).containsExactly(idsOf(s0, s1));
        assertThat(store().countSightings(all.withSince(t0))).isEqualTo(5);
        assertThat(store().countSightings(all.withUntil(t0))).isEqualTo(2);
        assertThat(store().countSightingsByRule(all.withSince(t0).withUntil(t0.plusSeconds(1))))
                .containsExactly(Map.entry("r", 3L));
    }

    @Test
    void sightingsStreamByTimeThenSourceLineAndId() {
        Instant t = Instant.parse("2023-11-05T01:02:03.5Z");
        List<Sighting> all = new ArrayList<>(List.of(
                hit("sigma", "r1", "low", List.of(), t, "h", "b.json", 2),
                hit("sigma", "r1", "low", List.of(), t, "h", "a.json", 10),
                hit("sigma", "r1", "low", List.of(), t, "h", "a.json", 9),
                hit("sigma", "r1", "low", List.of(), t, "h", "a.json", 100),
                hit("sigma", "r2", "low", List.of(), t, "h", "a.json", 100),
                hit("ioc", "r3", "low", List.of(), t, "h", "a.json", 100),
                hit("sigma", "r1", "low", List.of(), t.plusNanos(1), "h", "a.json", 1),
                hit("sigma", "r1", "low", List.of(), Instant.parse("2023-11-05T01:02:03.499999999Z"), "h", "z.json", 1),
                hit("sigma", "r1", "low", List.of(), Instant.parse("2023-11-05T01:02:03.45Z"), "h", "z.json", 1),
                hit("sigma", "r1", "low", List.of(), null, "h", "b.json", 1),
                hit("sigma", "r1", "low", List.of(), null, "h", "a.json", 50),
                hit("sigma", "r1", "low", List.of(), null, "h", "a.json", 5),
                hit("sigma", "r2", "low", List.of(), null, "h", "a.json", 5)));
        Collections.shuffle(all, new Random(3));
        List<Sighting> expected = new ArrayList<>(all);
        expected.sort(SIGHTING_ORDER);
        store().addSightings(all);

        assertThat(sightings(store(), SightingQuery.all())).containsExactlyElementsOf(expected);
        assertThat(expected.get(0).eventLine()).as("the expected order itself").isEqualTo(1);
        assertThat(expected.get(expected.size() - 1).observed()).isNull();
        for (int limit : new int[] {1, 9, 10, 11, 13, 14}) {
            assertThat(sightings(store(), SightingQuery.all().withLimit(limit)))
                    .as("limit %d", limit)
                    .containsExactlyElementsOf(expected.subList(0, Math.min(limit, expected.size())));
        }
        assertThat(sightings(store(), SightingQuery.all().withRuleId("r2")))
                .extracting(Sighting::observed)
                .containsExactly(t, null);
    }

    @Test
    void manySightingsAreStreamedInOrder() {
        int n = 50_000;
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        List<Sighting> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Instant observed = i % 10 == 9 ? null : base.plusMillis((i * 997L) % n * 1_000 + i % 3);
            List<String> techniques = i % 2 == 0 ? List.of("T1059.001") : List.of("T1027", "T1059");
            all.add(hit(
                    "sigma",
                    "rule-" + i % 7,
                    SightingQuery.LEVELS.get(i % 5),
                    techniques,
                    observed,
                    "ws-" + i % 13,
                    "big-" + i % 3 + ".json",
                    i));
        }

        assertThat(store().addSightings(all)).isEqualTo(n);

        long[] seen = {0, 0};
        @Nullable Sighting[] previous = {null};
        store().forEachSighting(SightingQuery.all(), s -> {
            Sighting p = previous[0];
            if (p != null && SIGHTING_ORDER.compare(p, s) >= 0) {
                throw new AssertionError(p + " streamed before " + s);
            }
            previous[0] = s;
            seen[0]++;
            if (s.observed() == null) {
                seen[1]++;
            }
        });
        assertThat(seen[0]).isEqualTo(n);
        assertThat(seen[1]).isEqualTo(n / 10);
        assertThat(store().countSightings(SightingQuery.all())).isEqualTo(n);
        assertThat(store().countSightings(SightingQuery.all().withTechnique("T1059")))
                .isEqualTo(n / 2);
        assertThat(store().countSightings(SightingQuery.all().withMinLevel("critical")))
                .isEqualTo(n / 5);
        assertThat(store().countSightingsByRule(SightingQuery.all()).values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(n);
        List<Sighting> first = sightings(store(), SightingQuery.all().withLimit(1_000));
        List<Sighting> sorted = new ArrayList<>(all);
        sorted.sort(SIGHTING_ORDER);
        assertThat(first).containsExactlyElementsOf(sorted.subList(0, 1_000));
        assertThat(store().addSightings(all.subList(0, 2_000))).isZero();
        assertThat(store().countSightings(SightingQuery.all())).isEqualTo(n);
        assertThat(store().checkIntegrity()).isEmpty();
    }

    @Test
    void addingSightingsWaitsForARunningImport() throws Exception {
        Sighting s = hit("sigma", "rule-a", "high", List.of("T1059"), at(1), "ws-01", "sec.json", 1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ImportSession session = store().beginImport(source("running"))) {
            session.put(stix(actor(1, T1, "Imported meanwhile")));
            session.counts();
            Future<Integer> added = pool.submit(() -> store().addSightings(List.of(s)));
            Thread.sleep(500);
            assertThat(added).as("waits for the import's transaction").isNotDone();
            session.commit();
            assertThat(added.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store().countSightings(SightingQuery.all())).isEqualTo(1);
        assertThat(store().latest(id("intrusion-set", 1))).isPresent();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** A deterministic id of {@code type} with number {@code n}. */
    protected static String id(String type, int n) {
        return type + "--" + String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", n);
    }

    /** An intrusion set with number {@code n}, version {@code modified} and {@code name}. */
    protected static StixObject actor(int n, String modified, String name) {
        return named("intrusion-set", n, modified, name);
    }

    /** An object of {@code type} with number {@code n}, version {@code modified} and {@code name}. */
    protected static StixObject named(String type, int n, String modified, String name) {
        ObjectNode o = base(type, id(type, n), T1, modified);
        o.put("name", name);
        o.put("description", "A " + type + " used by the store conformance suite; " + name + ".");
        return StixObject.adopt(o);
    }

    private static StixObject renamed(StixObject same, String modified, String name) {
        ObjectNode o = same.json();
        o.put("modified", modified);
        o.put("name", name);
        return StixObject.adopt(o);
    }

    /** An ATT&amp;CK-style technique with number {@code n}. */
    protected static StixObject technique(int n, String modified, String name, String attackId) {
        ObjectNode o = base("attack-pattern", id("attack-pattern", n), T1, modified);
        o.put("name", name);
        ArrayNode refs = o.putArray("external_references");
        refs.addObject()
                .put("source_name", "mitre-attack")
                .put("external_id", attackId)
                .put("url", "https://attack.mitre.org/techniques/" + attackId);
        return StixObject.adopt(o);
    }

    /** An indicator with number {@code n}. */
    protected static StixObject indicator(int n, String created, String modified, String pattern) {
        ObjectNode o = base("indicator", id("indicator", n), created, modified);
        o.put("name", "Indicator " + n);
        o.put("pattern", pattern);
        o.put("pattern_type", "stix");
        o.put("valid_from", "2020-01-01T00:00:00Z");
        o.putArray("indicator_types").add("malicious-activity");
        return StixObject.adopt(o);
    }

    /** A relationship with number {@code n}. */
    protected static StixObject relationship(int n, String modified, String type, String source, String target) {
        ObjectNode o = base("relationship", id("relationship", n), T1, modified);
        o.put("relationship_type", type);
        o.put("source_ref", source);
        o.put("target_ref", target);
        return StixObject.adopt(o);
    }

    /** {@code o} with a boolean property set. */
    protected static StixObject with(StixObject o, String property, boolean value) {
        ObjectNode n = o.json();
        n.put(property, value);
        return StixObject.adopt(n);
    }

    private static ObjectNode base(String type, String id, String created, String modified) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", id);
        o.put("created", created);
        o.put("modified", modified);
        return o;
    }

    /** A STIX object from this suite's source. */
    protected static IncomingObject stix(StixObject o) {
        return IncomingObject.stix(o, SOURCE);
    }

    /** A derived object from this suite's source. */
    protected static IncomingObject derived(StixObject o) {
        return new IncomingObject(o, null, true, SOURCE);
    }

    private int importNumber;

    /** Imports {@code objects} in one committed session and returns its counts. */
    protected final ImportCounts importObjects(IncomingObject... objects) {
        String name;
        synchronized (this) {
            name = "import " + ++importNumber;
        }
        try (ImportSession s = store().beginImport(source(name))) {
            for (IncomingObject o : objects) {
                s.put(o);
            }
            return s.commit();
        }
    }

    /** An import source named {@code name} whose hash is {@code sha256(name)}. */
    protected static ImportSource source(String name) {
        return new ImportSource(name, "stix-2.1", sha256(name));
    }

    /** The hex SHA-256 of {@code text}. */
    protected static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ids {@link Store#forEachLatest} yields for {@code filter}, in the order it yields them. */
    protected final List<String> ids(ObjectFilter filter) {
        List<String> out = new ArrayList<>();
        store().forEachLatest(filter, o -> out.add(o.id()));
        return out;
    }

    /** The order {@link Store#forEachSighting} yields sightings in. */
    protected static final Comparator<Sighting> SIGHTING_ORDER = Comparator.comparing(
                    Sighting::observed, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(Sighting::eventSource)
            .thenComparingLong(Sighting::eventLine)
            .thenComparing(Sighting::id);

    /** A sighting with a deterministic id, a title and author, and one field (the line). */
    protected static Sighting hit(
            String kind,
            String ruleId,
            @Nullable String level,
            List<String> techniques,
            @Nullable Instant observed,
            @Nullable String host,
            String source,
            long line) {
        return new Sighting(
                Sighting.idFor(kind, ruleId, source, line, observed),
                kind,
                ruleId,
                "Rule " + ruleId,
                level,
                "Harrier conformance suite",
                techniques,
                observed,
                host,
                source,
                line,
                Map.of("Line", String.valueOf(line)));
    }

    /** {@code minutes} after 2024-05-01T00:00:00Z. */
    protected static Instant at(int minutes) {
        return Instant.parse("2024-05-01T00:00:00Z").plusSeconds(60L * minutes);
    }

    /** The sightings {@link Store#forEachSighting} yields for {@code query}, in the order it yields them. */
    protected static List<Sighting> sightings(Store s, SightingQuery query) {
        List<Sighting> out = new ArrayList<>();
        s.forEachSighting(query, out::add);
        return out;
    }

    private List<String> sightingIds(SightingQuery query) {
        return sightings(store(), query).stream().map(Sighting::id).collect(Collectors.toList());
    }

    private static String[] idsOf(Sighting... sightings) {
        return Arrays.stream(sightings).map(Sighting::id).toArray(String[]::new);
    }
}
