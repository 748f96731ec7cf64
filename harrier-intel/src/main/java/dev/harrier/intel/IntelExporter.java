package dev.harrier.intel;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.harrier.core.Json;
import dev.harrier.core.StixObject;
import dev.harrier.core.Tlp;
import dev.harrier.store.ObjectFilter;
import dev.harrier.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes a case's objects as one STIX 2.1 bundle, streaming, with TLP enforcement.
 *
 * <p>An object is written only when its highest TLP marking (unmarked objects count as {@link
 * Options#unmarkedAs()}) is at or below {@link Options#maxMarking()}. The TLP 2.0 marking definitions that written
 * objects reference are added when the store does not hold them, so the bundle is self-contained.
 */
public final class IntelExporter {
    /**
     * What to export.
     *
     * @param types object types; empty for all
     * @param maxMarking the most restrictive TLP level allowed out
     * @param unmarkedAs the level assumed for objects without a TLP marking
     * @param includeInactive whether revoked and deprecated objects are written
     */
    public record Options(Set<String> types, Tlp maxMarking, Tlp unmarkedAs, boolean includeInactive) {}

    /**
     * What was written.
     *
     * @param written objects written, by type
     * @param withheld objects left out because of their marking, by TLP label
     */
    public record Summary(Map<String, Long> written, Map<String, Long> withheld) {
        /** Total objects written. */
        public long total() {
            return written.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Objects derived from the case rather than stored as STIX (for example the sighting objects summed from
     * detection hits), added to the bundle under the same type filter and marking rules as stored objects.
     */
    @FunctionalInterface
    public interface DerivedObjects {
        /** Passes the derived objects of {@code store} to {@code sink}. */
        void forEach(Store store, Consumer<StixObject> sink);
    }

    private IntelExporter() {}

    /** Streams the bundle to {@code out} (not closed). */
    public static Summary export(Store store, OutputStream out, Options options) throws IOException {
        return export(store, out, options, List.of());
    }

    /** Streams the bundle of the stored objects and the {@code derived} ones to {@code out} (not closed). */
    public static Summary export(Store store, OutputStream out, Options options, List<DerivedObjects> derived)
            throws IOException {
        Map<String, Long> written = new TreeMap<>();
        Map<String, Long> withheld = new TreeMap<>();
        Set<Tlp> referenced = EnumSet.noneOf(Tlp.class);
        Set<String> markingIdsWritten = new HashSet<>();
        ObjectFilter filter = new ObjectFilter(options.types(), options.includeInactive(), options.includeInactive());
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("type", "bundle");
            g.writeStringField("id", "bundle--" + UUID.randomUUID());
            g.writeArrayFieldStart("objects");
            Consumer<StixObject> write = (StixObject o) -> {
                Tlp level = Tlp.highestOf(o).orElse(options.unmarkedAs());
                if (!level.allowedUnder(options.maxMarking())) {
                    withheld.merge(level.label(), 1L, Long::sum);
                    return;
                }
                try {
                    Json.mapper().writeTree(g, o.json());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                written.merge(o.type(), 1L, Long::sum);
                if (o.type().equals("marking-definition")) {
                    markingIdsWritten.add(o.id());
                }
                for (String ref : o.markingRefs()) {
                    Tlp.fromMarkingRef(ref)
                            .filter(t -> t.markingId().equals(ref))
                            .ifPresent(referenced::add);
                }
            };
            try {
                store.forEachLatest(filter, write);
                for (DerivedObjects d : derived) {
                    d.forEach(store, o -> {
                        if (options.types().isEmpty() || options.types().contains(o.type())) {
                            write.accept(o);
                        }
                    });
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            boolean wantMarkings = options.types().isEmpty() || options.types().contains("marking-definition");
            for (Tlp t : referenced) {
                if (wantMarkings && !markingIdsWritten.contains(t.markingId())) {
                    Json.mapper().writeTree(g, t.definition().json());
                    written.merge("marking-definition", 1L, Long::sum);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return new Summary(written, withheld);
    }
}
