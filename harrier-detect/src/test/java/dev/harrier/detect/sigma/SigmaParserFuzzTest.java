package dev.harrier.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;

/** Mutated rule text never makes the parser throw or hang: problems come back as errors. */
class SigmaParserFuzzTest {
    private static final String SEED = """
            title: Suspicious Whoami
            id: 502b42de-4306-40b4-9596-6f590c81f073
            status: test
            tags:
              - attack.discovery
              - attack.t1033
            logsource:
              category: process_creation
              product: windows
            detection:
              selection:
                Image|endswith: '\\\\whoami.exe'
                CommandLine|contains|all: ['/all', '/priv']
              keywords:
                - 'foo'
                - 42
              filter_main_system:
                - User|re|i: '^SYSTEM$'
                - EventID: [1, 2, null, true]
              condition: (selection or keywords) and not 1 of filter_main_*
            level: high
            ---
            title: Many whoami
            correlation:
              type: event_count
              rules: [502b42de-4306-40b4-9596-6f590c81f073]
              group-by: [User]
              timespan: 5m
              condition: {gte: 3}
            """;

    private static final List<String> SNIPPETS = List.of(
            "---\n",
            ":",
            "- ",
            "|",
            "'",
            "\"",
            "{",
            "}",
            "[",
            "]",
            "&a ",
            "*a",
            "!!str ",
            "\n",
            "  ",
            "\t",
            "(",
            ")",
            " and ",
            " or ",
            " not ",
            "1 of ",
            "all of them",
            "|re|",
            "|exists",
            "|gt",
            "#",
            "%",
            "\\",
            "\u0000",
            "action: global\n",
            "correlation:\n  type: x\n",
            "filter:\n  rules: a\n");

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, SEED.length());
        Arbitrary<Integer> len = Arbitraries.integers().between(0, 40);
        Arbitrary<String> insert = Arbitraries.oneOf(
                Arbitraries.of(SNIPPETS), Arbitraries.strings().ofMaxLength(8).withCharRange(' ', '~'));
        Arbitrary<String> oneEdit = Combinators.combine(
                        pos, len, insert, Arbitraries.integers().between(0, 2))
                .as((p, l, ins, kind) -> {
                    int end = Math.min(SEED.length(), p + l);
                    return switch (kind) {
                        case 0 -> SEED.substring(0, p) + ins + SEED.substring(p);
                        case 1 -> SEED.substring(0, p) + SEED.substring(end);
                        default -> SEED.substring(0, p) + ins + SEED.substring(end);
                    };
                });
        return oneEdit;
    }

    private static final List<dev.harrier.telemetry.Event> FUZZ_EVENTS = List.of(
            SigmaMatchingTest.proc("Image", "C:\\Windows\\System32\\cmd.exe", "CommandLine", "cmd /c whoami -all"),
            SigmaMatchingTest.proc("Image", List.of("a", "b"), "CommandLine", ""),
            SigmaMatchingTest.sec(4624, "LogonType", 3L, "TargetUserName", "bob"));

    @Property(tries = 1500)
    void neverThrowsNeverHangs(@ForAll("mutated") String yaml) {
        ParseResult r = Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> new SigmaParser().parse(yaml, "fuzz.yml"));
        assertThat(r).isNotNull();
        r.errors().forEach(e -> assertThat(e.toString()).startsWith("fuzz.yml:"));
        // whatever parses also compiles or is rejected with an error, and the result matches events without throwing
        CompileResult c = Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> new SigmaCompiler().compile(List.of(r)));
        assertThat(c.ruleSet().rules().size() + c.errors().size())
                .isGreaterThanOrEqualTo(r.rules().size());
        c.errors().forEach(e -> assertThat(e.toString()).startsWith("fuzz.yml:"));
        Detector d = c.ruleSet().newDetector();
        for (dev.harrier.telemetry.Event e : FUZZ_EVENTS) {
            d.detect(e);
        }
    }

    @Property(tries = 300)
    void arbitraryTextNeverThrows(@ForAll String yaml) {
        ParseResult r = Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> new SigmaParser().parse(yaml, "any.yml"));
        assertThat(r.rules()).isEmpty();
        r.errors().forEach(e -> assertThat(e.toString()).startsWith("any.yml:"));
    }
}
