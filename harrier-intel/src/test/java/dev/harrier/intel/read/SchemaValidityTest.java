package dev.harrier.intel.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.StixObject;
import dev.harrier.testkit.SharedData;
import dev.harrier.testkit.StixSchemaValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything the readers make validates against the OASIS STIX 2.1 JSON schemas (skipped when {@code
 * ../shared/data} is absent): derived objects from MISP, galaxies and IOC lists, and STIX 2.0 objects after upgrade.
 */
class SchemaValidityTest {
    private static StixSchemaValidator validator;

    @BeforeAll
    static void validator() {
        validator = StixSchemaValidator.fromSharedData();
    }

    private static List<String> problems(Reads.Result r) {
        List<String> out = new ArrayList<>();
        for (StixObject o : r.stix()) {
            out.addAll(validator.validateObject(o.json()));
        }
        return out;
    }

    @Test
    void mispEventObjects() throws Exception {
        for (String f : List.of("misp-event.json", "misp-response.json", "misp-bare-event.json")) {
            Reads.Result r = Reads.fixture(f, IntelFormat.MISP_EVENT);
            assertThat(r.stix()).isNotEmpty();
            assertThat(problems(r)).as(f).isEmpty();
        }
    }

    @Test
    void galaxyObjects() throws Exception {
        for (String f : List.of("galaxy-threat-actor.json", "galaxy-values-first.json")) {
            assertThat(problems(Reads.fixture(f, IntelFormat.MISP_GALAXY_CLUSTER)))
                    .as(f)
                    .isEmpty();
        }
    }

    @Test
    void iocListObjects() throws Exception {
        for (String f : List.of("iocs-plain.txt", "iocs-defanged.txt", "iocs.csv", "iocs-noheader.csv")) {
            assertThat(problems(Reads.fixture(f, IntelFormat.IOC_LIST))).as(f).isEmpty();
        }
    }

    @Test
    void upgradedStix20Objects() throws Exception {
        Reads.Result r = Reads.fixture("stix20-small.json", IntelFormat.STIX_BUNDLE);
        assertThat(problems(r)).isEmpty();
    }

    @Test
    void theRepositorySamples() throws Exception {
        Path samples = SharedData.repoRoot().resolve("samples/intel");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(samples), "SKIPPED: no samples");
        for (Path f : SharedDataReadTestFiles.list(samples)) {
            Reads.Result r = Reads.read(f, IntelReaders.detect(f));
            assertThat(problems(r)).as(f.toString()).isEmpty();
        }
    }
}
