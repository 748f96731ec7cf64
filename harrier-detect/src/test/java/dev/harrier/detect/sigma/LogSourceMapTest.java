package dev.harrier.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logsource map and the placeholder file: what they resolve to and how bad files are reported. */
class LogSourceMapTest {
    @TempDir
    Path tmp;

    private final LogSourceMap map = LogSourceMap.windowsDefault();

    @Test
    void processCreationIsSysmonOneOrSecurity4688WithRenames() {
        LogSourceMap.Resolution r = map.resolve(new LogSource("windows", "process_creation", null, null));
        assertThat(r.kind()).isEqualTo(LogSourceMap.Kind.SCOPED);
        assertThat(r.scopes()).hasSize(2);
        assertThat(r.scopes().get(0).channels()).containsExactly("microsoft-windows-sysmon/operational");
        assertThat(r.scopes().get(0).eventIds()).containsExactly(1L);
        assertThat(r.scopes().get(1).eventIds()).containsExactly(4688L);
        assertThat(r.scopes().get(1).fields()).containsEntry("Image", "NewProcessName");
    }

    @Test
    void serviceNarrowsACategory() {
        LogSourceMap.Resolution r = map.resolve(new LogSource("windows", "process_creation", "security", null));
        assertThat(r.scopes())
                .singleElement()
                .satisfies(s -> assertThat(s.eventIds()).isEqualTo(Set.of(4688L)));
    }

    @Test
    void unknownCategoryOrServiceIsUnmappedOtherProductsNotApplicable() {
        assertThat(map.resolve(new LogSource("windows", "file_access", null, null))
                        .kind())
                .isEqualTo(LogSourceMap.Kind.UNMAPPED);
        assertThat(map.resolve(new LogSource("windows", null, "no-such-service", null))
                        .kind())
                .isEqualTo(LogSourceMap.Kind.UNMAPPED);
        assertThat(map.resolve(new LogSource("linux", "process_creation", null, null))
                        .kind())
                .isEqualTo(LogSourceMap.Kind.NOT_APPLICABLE);
        assertThat(map.resolve(new LogSource("windows", null, null, null)).kind())
                .isEqualTo(LogSourceMap.Kind.ANY);
        assertThat(map.resolve(new LogSource(null, null, null, null)).kind()).isEqualTo(LogSourceMap.Kind.ANY);
    }

    @Test
    void everyWindowsCategoryAndServiceOfSigmaHqRulesUsedByRegressionDataIsMapped() {
        for (String c : List.of(
                "process_creation",
                "file_event",
                "registry_set",
                "image_load",
                "network_connection",
                "ps_script",
                "dns_query",
                "pipe_created",
                "process_access",
                "create_remote_thread",
                "driver_load")) {
            assertThat(map.resolve(new LogSource("windows", c, null, null)).kind())
                    .as(c)
                    .isEqualTo(LogSourceMap.Kind.SCOPED);
        }
    }

    @Test
    void badMapFilesNameFileAndEntry() throws Exception {
        Path f = tmp.resolve("map.yml");
        Files.writeString(f, "windows:\n  categories:\n    x: [{service: nope, eventids: [1]}]\n");
        assertThatThrownBy(() -> LogSourceMap.load(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(f + ": windows.categories.x: unknown service 'nope'");
        Files.writeString(f, "windows:\n  services: {a: [A]}\n  categories:\n    x: [{service: a, eventids: [one]}]\n");
        assertThatThrownBy(() -> LogSourceMap.load(f)).hasMessageContaining("eventids: 'one' is not a number");
        Files.writeString(f, "windows: [unclosed\n");
        assertThatThrownBy(() -> LogSourceMap.load(f)).hasMessageStartingWith(f + ": not valid YAML");
        Files.writeString(f, "- a list\n");
        assertThatThrownBy(() -> LogSourceMap.load(f)).hasMessageContaining("expected a mapping");
    }

    @Test
    void placeholderFiles() throws Exception {
        Path f = tmp.resolve("ph.yml");
        Files.writeString(f, "Admins: [a, b]\nOne: x\n");
        Placeholders p = Placeholders.load(f, Placeholders.Unresolved.REJECT);
        assertThat(p.get("Admins")).contains(List.of("a", "b"));
        assertThat(p.get("One")).contains(List.of("x"));
        assertThat(p.get("Other")).isEmpty();
        Files.writeString(f, "Bad: {nested: map}\n");
        assertThatThrownBy(() -> Placeholders.load(f, Placeholders.Unresolved.REJECT))
                .hasMessageContaining(f + ": placeholder 'Bad' needs a value or a list");
        Files.writeString(f, "Bad: [[x]]\n");
        assertThatThrownBy(() -> Placeholders.load(f, Placeholders.Unresolved.REJECT))
                .hasMessageContaining("values must be scalars");
        Files.writeString(f, "a: 1\na: 2\n");
        assertThatThrownBy(() -> Placeholders.load(f, Placeholders.Unresolved.REJECT))
                .hasMessageStartingWith(f + ": not valid YAML");
    }
}
