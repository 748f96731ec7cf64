package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.testkit.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command has --help; the top-level help is a golden file. */
class HelpTest {
    @Test
    void topLevelHelpListsTheCommands() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("intel", "demo");
        Golden.assertMatches("help.txt", r.out());
    }

    @Test
    void everyCommandHasHelp() {
        for (List<String> cmd : List.of(
                List.of("intel"),
                List.of("intel", "import"),
                List.of("intel", "stats"),
                List.of("intel", "show"),
                List.of("intel", "export"),
                List.of("intel", "update"),
                List.of("demo"))) {
            List<String> withHelp = new java.util.ArrayList<>(cmd);
            withHelp.add("--help");
            String[] args = withHelp.toArray(new String[0]);
            Cli.Result r = Cli.run(args);
            assertThat(r.code()).as(String.join(" ", cmd)).isZero();
            assertThat(r.out()).as(String.join(" ", cmd)).contains("Usage: harrier " + String.join(" ", cmd));
        }
    }

    @Test
    void badUsageIsExitCodeTwoWithAMessage() {
        Cli.Result r = Cli.run("intel", "export", "--max-marking", "purple");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--max-marking").contains("purple");
        Cli.Result unknown = Cli.run("intel", "frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
    }
}
