package dev.harrier.detect.sigma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Values for the {@code %name%} placeholders of rules that use the {@code expand} modifier, and what to do with a
 * placeholder that has none.
 *
 * <p>The file format is YAML mapping each name (without the percent signs) to a value or a list of values:
 *
 * <pre>{@code
 * Admins_Workstations: [ADM-WS-01, ADM-WS-02]
 * DomainControllers: DC01
 * }</pre>
 */
public final class Placeholders {
    /** What the compiler does with a placeholder that has no values. */
    public enum Unresolved {
        /** The rule is rejected with an error naming the placeholder (the default). */
        REJECT,
        /** The placeholder becomes the wildcard {@code *}, like pySigma's {@code wildcard_placeholders}. */
        WILDCARD
    }

    private final Map<String, List<String>> values;
    private final Unresolved unresolved;

    private Placeholders(Map<String, List<String>> values, Unresolved unresolved) {
        this.values = Map.copyOf(values);
        this.unresolved = unresolved;
    }

    /** No values; unresolved placeholders reject the rule. */
    public static Placeholders none() {
        return new Placeholders(Map.of(), Unresolved.REJECT);
    }

    /** The given values; other placeholders handled as {@code unresolved} says. */
    public static Placeholders of(Map<String, List<String>> values, Unresolved unresolved) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return new Placeholders(copy, unresolved);
    }

    /**
     * Reads a placeholder file (see the class comment).
     *
     * @throws IllegalArgumentException naming the file and the entry when the file is not such a mapping
     */
    public static Placeholders load(Path file, Unresolved unresolved) throws IOException {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder()
                            .setLabel(file.toString())
                            .setAllowDuplicateKeys(false)
                            .setMaxAliasesForCollections(10)
                            .build())
                    .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": expected a mapping of placeholder names to values");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            List<String> list = new ArrayList<>();
            if (e.getValue() instanceof List<?> l) {
                for (Object o : l) {
                    if (o == null || o instanceof Map || o instanceof List) {
                        throw new IllegalArgumentException(
                                file + ": placeholder '" + name + "': values must be scalars");
                    }
                    list.add(String.valueOf(o));
                }
            } else if (e.getValue() != null && !(e.getValue() instanceof Map)) {
                list.add(String.valueOf(e.getValue()));
            } else {
                throw new IllegalArgumentException(file + ": placeholder '" + name + "' needs a value or a list");
            }
            values.put(name, list);
        }
        return of(values, unresolved);
    }

    /** The values of {@code name}, if configured. */
    public Optional<List<String>> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The policy for placeholders without values. */
    public Unresolved unresolved() {
        return unresolved;
    }
}
