package dev.harrier.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The conformance run against ../shared/data/sigma: every active SigmaHQ rule compiles, and the regression events
 * give the hit counts SigmaHQ recorded.
 */
class SigmaRegressionTest {
    /**
     * Regression cases whose recorded {@code match_count} disagrees with their own JSON events under Sigma's
     * per-event semantics (checked by hand: every extra hit is an event the rule's selection plainly matches; the
     * .evtx files hold the same records as the JSON). Kept as a guard: the test fails if our count changes.
     */
    private static final java.util.Map<String, Integer> UPSTREAM_COUNT_MISMATCH = java.util.Map.of(
            "file_event_win_anydesk_artefact", 3, // 3 events contain '\\AnyDesk\\user.conf'
            "file_event_win_cred_dump_tools_dropped_files", 3, // procdump.exe, procdump64.exe, procdump64a.exe
            "registry_set_change_security_zones", 3, // 3 ZoneMap\\Domains writes, none filtered
            "registry_set_disable_administrative_share", 2); // AutoShareServer and AutoShareWks

    @Test
    void sigmaHqConformance() throws IOException {
        Path root = SharedData.require("sigma/rules").getParent();
        SigmaConformance.Report r = new SigmaConformance().run(root, s -> {});
        System.out.printf(
                "Sigma conformance: %d rule files, %d rules compiled, %d correlations, %d load failures;"
                        + " %d active rules with placeholders as wildcards; placeholder templates %d/%d;"
                        + " regression %d passed, %d failed%n",
                r.ruleFiles(),
                r.rulesLoaded(),
                r.correlations(),
                r.loadFailures().size(),
                r.activeRulesWithPlaceholders(),
                r.placeholderRulesLoaded(),
                r.placeholderFiles(),
                r.passed(),
                r.failed());
        r.loadFailures().forEach(f -> System.out.println("  LOAD FAILED " + f));
        r.cases().stream()
                .filter(c -> !c.passed())
                .forEach(c -> System.out.println(
                        "  REGRESSION FAILED " + c.info() + " " + c.ruleTitle() + ": " + c.reason()));
        assertThat(r.rulesLoaded()).isGreaterThan(3000);
        assertThat(r.loadFailures()).isEmpty();
        assertThat(r.cases()).hasSizeGreaterThanOrEqualTo(202);
        for (SigmaConformance.Case c : r.cases()) {
            String dir =
                    java.nio.file.Path.of(c.info()).getParent().getFileName().toString();
            Integer known = UPSTREAM_COUNT_MISMATCH.get(dir);
            if (known != null) {
                assertThat(c.actual()).as("hits of %s", dir).isEqualTo(known);
            } else {
                assertThat(c.passed()).as("%s: %s", c.info(), c.reason()).isTrue();
            }
        }
        assertThat(r.passed()).isGreaterThanOrEqualTo(r.cases().size() - UPSTREAM_COUNT_MISMATCH.size());
    }
}
