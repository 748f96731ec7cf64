package dev.harrier.intel.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import dev.harrier.core.StixObject;
import dev.harrier.store.IncomingObject;
import dev.harrier.testkit.SharedData;
import dev.harrier.testkit.StixSchemaValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The readers over the real reference data in {@code ../shared/data} (skipped with a message when it is absent) and
 * the repository's samples.
 */
class SharedDataReadTest {

    /** A sink that only counts, so the test itself holds nothing of the file. */
    private static final class CountingSink implements IntelSink {
        final Map<String, Long> types = new TreeMap<>();
        long originals;
        long upgradedTo21;
        final List<IntelError> errors = new ArrayList<>();

        @Override
        public void accept(IncomingObject o) {
            types.merge(o.object().type(), 1L, Long::sum);
            if (o.original() != null) {
                originals++;
            }
            if (o.object().text("spec_version").orElse("").equals("2.1")) {
                upgradedTo21++;
            }
        }

        @Override
        public void reject(IntelError e) {
            errors.add(e);
        }
    }

    @Test
    void attackEnterpriseReadsEveryObjectUpgradedWithTheOriginalKept() throws Exception {
        Path attack = SharedData.require("attack/enterprise-attack.json");
        assertThat(IntelReaders.detect(attack)).isEqualTo(IntelFormat.STIX_BUNDLE);
        CountingSink sink = new CountingSink();
        long start = System.nanoTime();
        ReadSummary s = IntelReaders.read(attack, IntelFormat.STIX_BUNDLE, Limits.defaults(), sink);
        long firstMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        ReadSummary again = IntelReaders.read(attack, IntelFormat.STIX_BUNDLE, Limits.defaults(), new CountingSink());
        long secondMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                Locale.ROOT,
                "ATT&CK Enterprise (45 MB, %,d objects): first read %,d ms, second read %,d ms%n",
                s.objectsRead(),
                firstMs,
                secondMs);
        assertThat(sink.errors).isEmpty();
        assertThat(s).isEqualTo(new ReadSummary(24_771, 0, "2.0"));
        assertThat(again).isEqualTo(s);
        assertThat(sink.originals).isEqualTo(24_771);
        assertThat(sink.upgradedTo21).isEqualTo(24_771);
        assertThat(sink.types)
                .containsEntry("relationship", 20_048L)
                .containsEntry("intrusion-set", 187L)
                .containsEntry("attack-pattern", 835L)
                .containsEntry("malware", 696L)
                .containsEntry("tool", 91L)
                .containsEntry("x-mitre-analytic", 1_739L);
        // a generous bound that only catches pathological slowness on a loaded machine; the target is 1.5 s
        assertThat(secondMs).isLessThan(15_000);
    }

    @Test
    void attackObjectsNameMitreAsTheirSource() throws Exception {
        Path attack = SharedData.require("attack/enterprise-attack.json");
        Map<String, Long> sources = new TreeMap<>();
        IntelReaders.read(attack, IntelFormat.STIX_BUNDLE, Limits.defaults(), new IntelSink() {
            @Override
            public void accept(IncomingObject o) {
                sources.merge(o.sourceName(), 1L, Long::sum);
            }

            @Override
            public void reject(IntelError e) {}
        });
        // all but the objects without created_by_ref (the marking definition's creator is MITRE too)
        assertThat(sources.get("MITRE ATT&CK")).isGreaterThan(24_700L);
        assertThat(sources.keySet()).containsOnly("MITRE ATT&CK", "enterprise-attack.json");
    }

    @Test
    void attackReadsInASmallHeap() throws Exception {
        Path attack = SharedData.require("attack/enterprise-attack.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // 64 MiB: far below the 45 MB file's tree (hundreds of MB), so only a streaming read passes
        Process p = new ProcessBuilder(
                        java,
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ReadMain.class.getName(),
                        attack.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String[] f = out.strip().split(" ");
        System.out.println("ATT&CK in a 64 MiB heap: " + f[4] + " ms");
        assertThat(f[0]).isEqualTo("24771");
        assertThat(f[1]).isEqualTo("0");
        assertThat(f[3]).isEqualTo("24771");
    }

    @Test
    void threatActorGalaxyGivesEveryActorWithItsContext() throws Exception {
        Path file = SharedData.require("misp-galaxy/clusters/threat-actor.json");
        assertThat(IntelReaders.detect(file)).isEqualTo(IntelFormat.MISP_GALAXY_CLUSTER);
        Reads.Result r = Reads.read(file, IntelFormat.MISP_GALAXY_CLUSTER);
        assertThat(r.errors()).isEmpty();
        assertThat(r.ofType("intrusion-set")).hasSize(1_041);
        // the oracle: the raw file read independently
        JsonNode values = Json.mapper().readTree(file.toFile()).path("values");
        Set<String> sponsors = new TreeSet<>();
        long sponsored = 0;
        long withCountry = 0;
        for (JsonNode v : values) {
            String sponsor = v.path("meta")
                    .path("cfr-suspected-state-sponsor")
                    .asText("")
                    .strip();
            if (!sponsor.isEmpty() && !sponsor.equalsIgnoreCase("unknown")) {
                sponsors.add(sponsor.toLowerCase(Locale.ROOT));
                sponsored++;
            }
            if (!v.path("meta").path("country").asText("").isBlank()) {
                withCountry++;
            }
        }
        assertThat(sponsored).isEqualTo(91); // 99 values name a sponsor, 8 of them "Unknown"
        assertThat(withCountry).isEqualTo(476); // 477 have the key, one of them empty
        assertThat(r.ofType("threat-actor")).hasSize(sponsors.size());
        assertThat(count(r, "attributed-to")).isEqualTo(sponsored);
        assertThat(count(r, "originates-from")).isEqualTo(withCountry);
        assertThat(r.ofType("threat-actor"))
                .extracting(o -> o.name().orElseThrow())
                .contains("China (suspected state sponsor)", "Russian Federation (suspected state sponsor)");
        assertThat(r.ofType("location")).isNotEmpty();
        assertThat(r.ofType("identity")).isNotEmpty();
        StixObject apt1 = r.ofType("intrusion-set").stream()
                .filter(o -> o.name().orElseThrow().equals("APT1"))
                .findFirst()
                .orElseThrow();
        assertThat(apt1.aliases()).contains("COMMENT PANDA", "Comment Crew");
        assertThat(apt1.externalIds("mitre-attack")).containsExactly("G0006");
        assertThat(apt1.text("x_misp_country")).contains("CN");
        assertThat(apt1.strings("x_misp_name_attribution"))
                .contains("COMMENT PANDA:f9eb432f-2293-48b7-bca4-cc78beb50df0");
    }

    @Test
    void mitreIntrusionSetGalaxyGives191Groups() throws Exception {
        Path file = SharedData.require("misp-galaxy/clusters/mitre-intrusion-set.json");
        Reads.Result r = Reads.read(file, IntelFormat.MISP_GALAXY_CLUSTER);
        assertThat(r.errors()).isEmpty();
        assertThat(r.stix()).hasSize(191);
        assertThat(r.stix()).allSatisfy(o -> {
            assertThat(o.type()).isEqualTo("intrusion-set");
            assertThat(o.externalIds("mitre-attack")).singleElement().asString().matches("G\\d{4}");
            // the MISP uuid (ATT&CK's own id) is kept, but not used as the id
            assertThat(o.id())
                    .isNotEqualTo("intrusion-set--" + o.text("x_misp_uuid").orElseThrow());
        });
        assertThat(r.stix()).filteredOn(StixObject::revoked).hasSize(6);
    }

    @Test
    void galaxyOutputIsValidStix21() throws Exception {
        StixSchemaValidator validator = StixSchemaValidator.fromSharedData();
        for (String f :
                List.of("misp-galaxy/clusters/threat-actor.json", "misp-galaxy/clusters/mitre-intrusion-set.json")) {
            Reads.Result r = Reads.read(SharedData.require(f), IntelFormat.MISP_GALAXY_CLUSTER);
            List<String> problems = new ArrayList<>();
            for (StixObject o : r.stix()) {
                problems.addAll(validator.validateObject(o.json()));
            }
            assertThat(problems).as(f).isEmpty();
        }
    }

    @Test
    void theOasisExampleBundlesReadWithoutRejections() throws Exception {
        Path examples = SharedData.require("stix2-json-schemas/examples");
        List<Path> files;
        try (Stream<Path> s = Files.walk(examples)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        int bundles = 0;
        for (Path f : files) {
            JsonNode raw = Json.mapper().readTree(f.toFile());
            if (!raw.path("type").asText().equals("bundle")) {
                // interop-objectmarking-test.json is a lone campaign object: not a bundle
                assertThatThrownBy(() -> Reads.read(f, IntelFormat.STIX_BUNDLE))
                        .isInstanceOf(IntelSyntaxException.class)
                        .hasMessageContaining("not a STIX bundle");
                continue;
            }
            bundles++;
            assertThat(IntelReaders.detect(f)).as(f.toString()).isEqualTo(IntelFormat.STIX_BUNDLE);
            Reads.Result r = Reads.read(f, IntelFormat.STIX_BUNDLE);
            assertThat(r.errors()).as(f.toString()).isEmpty();
            assertThat(r.stix()).as(f.toString()).hasSize(raw.path("objects").size());
        }
        assertThat(bundles).isGreaterThanOrEqualTo(7);
    }

    @Test
    void theRepositorySamplesReadAsTheirReadmeSays() throws Exception {
        Path samples = SharedData.repoRoot().resolve("samples/intel");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(samples), "SKIPPED: no samples/intel");
        Map<String, IntelFormat> expected = Map.of(
                "01-velvet-monsoon.stix21.json", IntelFormat.STIX_BUNDLE,
                "02-legacy-feed.stix20.json", IntelFormat.STIX_BUNDLE,
                "03-misp-event-paper-lantern.json", IntelFormat.MISP_EVENT,
                "04-threat-actor-galaxy.json", IntelFormat.MISP_GALAXY_CLUSTER,
                "05-iocs.csv", IntelFormat.IOC_LIST,
                "06-iocs-defanged.txt", IntelFormat.IOC_LIST);
        for (Map.Entry<String, IntelFormat> e : expected.entrySet()) {
            Path f = samples.resolve(e.getKey());
            assertThat(IntelReaders.detect(f)).as(e.getKey()).isEqualTo(e.getValue());
            Reads.Result r = Reads.read(f, e.getValue());
            if (e.getKey().equals("05-iocs.csv")) {
                assertThat(r.errors())
                        .singleElement()
                        .satisfies(x -> assertThat(x.location()).isEqualTo("line 8"));
            } else {
                assertThat(r.errors()).as(e.getKey()).isEmpty();
            }
        }
    }

    private static long count(Reads.Result r, String relationshipType) {
        return r.ofType("relationship").stream()
                .filter(o -> o.text("relationship_type").orElseThrow().equals(relationshipType))
                .count();
    }
}
