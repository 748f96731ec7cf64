package dev.harrier.analysis.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Names of functions that {@code ws2_32.dll}, {@code wsock32.dll} and {@code oleaut32.dll} export by ordinal, so
 * that an import by ordinal counts in the imphash the way pefile counts it ({@code ws2_32.socket}, not {@code
 * ws2_32.ord23}). Other ordinals become {@code ordN}. The table is pefile's ({@code ordinals.tsv} beside this
 * class).
 */
final class OrdinalNames {
    private static final Map<String, String> NAMES = load();

    private OrdinalNames() {}

    private static Map<String, String> load() {
        Map<String, String> out = new HashMap<>();
        try (InputStream in =
                        Objects.requireNonNull(OrdinalNames.class.getResourceAsStream("ordinals.tsv"), "ordinals.tsv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                out.put(f[0] + "#" + f[1], f[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(out);
    }

    /** The name of ordinal {@code ordinal} of {@code dll} (its full name, lower case), or null. */
    static @Nullable String name(String dll, long ordinal) {
        return NAMES.get(dll + "#" + ordinal);
    }
}
