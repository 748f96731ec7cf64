package dev.harrier.detect;

import dev.harrier.core.Limits;
import dev.harrier.core.StixObject;
import dev.harrier.detect.ioc.IocIndexes;
import dev.harrier.detect.pattern.CompiledPattern;
import dev.harrier.detect.pattern.PatternCompiler;
import dev.harrier.detect.pattern.PatternDialect;
import dev.harrier.detect.pattern.PatternException;
import dev.harrier.detect.pattern.PatternIndex;
import dev.harrier.detect.pattern.StixPatternParser;
import dev.harrier.store.ObjectFilter;
import dev.harrier.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The case's indicators whose STIX patterns are too rich for the IOC index ({@link IocIndexes}: a simple comparison
 * or an OR of them): observation expressions with AND, FOLLOWEDBY, qualifiers, LIKE/MATCHES, process or registry
 * properties and so on. They are compiled once and indexed for {@link
 * dev.harrier.detect.pattern.EventPatternScan}, which matches them against telemetry mapped to observed-data.
 */
public final class PatternIndicators {
    /**
     * One indicator of the index.
     *
     * @param id its STIX id
     * @param name its name, or its pattern when it has none
     * @param validFrom {@code valid_from}, if any
     * @param validUntil {@code valid_until}, if any
     */
    public record Indicator(
            String id,
            String name,
            @Nullable Instant validFrom,
            @Nullable Instant validUntil) {
        /** Whether the indicator was valid at {@code t} (always, when {@code t} is unknown). */
        public boolean validAt(@Nullable Instant t) {
            if (t == null) {
                return true;
            }
            return (validFrom == null || !t.isBefore(validFrom)) && (validUntil == null || t.isBefore(validUntil));
        }
    }

    /**
     * The compiled patterns.
     *
     * @param index the patterns, each with the indicator id as its {@link CompiledPattern#id()}
     * @param indicators the indicators by id
     * @param rejected patterns that do not parse, as "indicator id: reason" (at most 20)
     */
    public record Built(PatternIndex index, Map<String, Indicator> indicators, List<String> rejected) {
        public Built {
            indicators = Map.copyOf(indicators);
            rejected = List.copyOf(rejected);
        }

        /** Number of patterns compiled. */
        public int size() {
            return indicators.size();
        }
    }

    private PatternIndicators() {}

    /** Compiles every active indicator of {@code store} with a STIX pattern that the IOC index does not take. */
    public static Built fromStore(Store store) {
        PatternCompiler compiler = new PatternCompiler(new StixPatternParser(Limits.defaults()));
        List<CompiledPattern> compiled = new ArrayList<>();
        Map<String, Indicator> indicators = new HashMap<>();
        List<String> rejected = new ArrayList<>();
        store.forEachLatest(ObjectFilter.ACTIVE.ofTypes("indicator"), o -> {
            String pattern = o.text("pattern").orElse(null);
            if (pattern == null
                    || !o.text("pattern_type").orElse("stix").equals("stix")
                    || IocIndexes.entries(o) != null) {
                return;
            }
            try {
                compiled.add(compiler.compile(pattern, dialect(o)).withId(o.id()));
                indicators.put(
                        o.id(),
                        new Indicator(
                                o.id(),
                                o.name().orElse(pattern),
                                time(o.text("valid_from").orElse(null)),
                                time(o.text("valid_until").orElse(null))));
            } catch (PatternException e) {
                if (rejected.size() < 20) {
                    rejected.add(o.id() + ": " + e.getMessage());
                }
            }
        });
        return new Built(PatternIndex.of(compiled), indicators, rejected);
    }

    private static PatternDialect dialect(StixObject o) {
        String v = o.specVersion();
        return PatternDialect.ofSpecVersion(v.isEmpty() ? "2.1" : v);
    }

    private static @Nullable Instant time(@Nullable String s) {
        return s == null ? null : dev.harrier.core.Instants.parseLenient(s);
    }
}
