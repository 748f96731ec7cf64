package dev.harrier.detect.ioc;

import dev.harrier.core.StixObject;
import dev.harrier.store.ObjectFilter;
import dev.harrier.store.Store;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds an {@link IocIndex} from the indicators of a case. */
public final class IocIndexes {
    private IocIndexes() {}

    /**
     * What went into an index.
     *
     * @param indicators active STIX indicators read
     * @param indexed indicators whose pattern is simple (their observables are in the index)
     * @param complex indicators left to the STIX pattern matcher (AND, qualifiers, other operators or properties)
     * @param entries observables indexed
     * @param rejected observables whose value is not valid for its kind (such as a malformed address)
     */
    public record Report(long indicators, long indexed, long complex, long entries, List<String> rejected) {
        public Report {
            rejected = List.copyOf(rejected);
        }
    }

    /** The index and its report. */
    public record Built(IocIndex index, Report report) {}

    /** Indexes every active indicator with a simple STIX pattern in {@code store}. */
    public static Built fromStore(Store store) {
        List<IocEntry> entries = new ArrayList<>();
        long[] counts = new long[3];
        store.forEachLatest(ObjectFilter.ACTIVE.ofTypes("indicator"), o -> {
            counts[0]++;
            List<IocEntry> e = entries(o);
            if (e == null) {
                counts[2]++;
            } else {
                counts[1]++;
                entries.addAll(e);
            }
        });
        List<IocEntry> rejected = new ArrayList<>();
        IocIndex index = IocIndex.build(entries, rejected);
        List<String> why = new ArrayList<>();
        for (IocEntry r : rejected) {
            if (why.size() < 20) {
                why.add(r.indicatorId() + ": '" + r.value() + "' is not a valid " + r.kind());
            }
        }
        return new Built(index, new Report(counts[0], counts[1], counts[2], index.size(), why));
    }

    /** The entries of one indicator, or null when its pattern is not simple or not a STIX pattern. */
    public static @Nullable List<IocEntry> entries(StixObject indicator) {
        String type = indicator.text("pattern_type").orElse("stix");
        String pattern = indicator.text("pattern").orElse(null);
        if (pattern == null || !type.equals("stix")) {
            return null;
        }
        List<SimplePatterns.Observable> obs = SimplePatterns.observables(pattern);
        if (obs == null) {
            return null;
        }
        String name = indicator.name().orElse(pattern);
        Instant from = time(indicator.text("valid_from").orElse(null));
        Instant until = time(indicator.text("valid_until").orElse(null));
        List<IocEntry> out = new ArrayList<>(obs.size());
        for (SimplePatterns.Observable o : obs) {
            out.add(new IocEntry(indicator.id(), name, o.kind(), o.value(), from, until));
        }
        return out;
    }

    private static @Nullable Instant time(@Nullable String s) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
