package dev.harrier.detect.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.StixObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A set of observations, prepared once, that {@link CompiledPattern}s are matched against.
 *
 * <p>The input is a list of STIX objects: observed-data objects, and for STIX 2.1 the SCOs their
 * {@code object_refs} name (other objects are ignored). Both forms of observed-data work, also mixed: STIX 2.0's
 * embedded {@code objects} map (references are the map's keys) and STIX 2.1's {@code object_refs} (references are
 * SCO ids, and only SCOs listed in the observed-data's {@code object_refs} can be reached from it, STIX 2.1 9.9.4).
 * Each observed-data object needs valid {@code first_observed} and {@code last_observed} timestamps (first ≤ last)
 * and, if present, a positive integer {@code number_observed} (absent counts as 1); one that does not is left out and
 * listed in {@link #problems()}.
 *
 * <p>{@link #match} answers whether a pattern matches and which observed-data objects satisfied it (see
 * {@link Search} for the semantics of the observation operators and qualifiers). Matching is thread-safe; the
 * observations are not copied, so the caller must not change the {@link StixObject}s' trees (they are immutable).
 */
public final class PatternMatcher {
    /** The default search budget per pattern: enough for any realistic pattern, small enough to stay interactive. */
    public static final long DEFAULT_SEARCH_BUDGET = 20_000_000L;

    private final Obs[] obs;
    private final List<String> problems;
    private final long budget;

    private PatternMatcher(Obs[] obs, List<String> problems, long budget) {
        this.obs = obs;
        this.problems = problems;
        this.budget = budget;
    }

    /** Prepares the observed-data objects (and SCOs) among {@code objects}. */
    public static PatternMatcher of(Collection<StixObject> objects) {
        List<StixObject> observed = new ArrayList<>();
        Set<String> referenced = new HashSet<>();
        for (StixObject o : objects) {
            if (o.type().equals("observed-data")) {
                observed.add(o);
                for (JsonNode r : o.get("object_refs")) {
                    if (r.isTextual()) {
                        referenced.add(r.textValue());
                    }
                }
            }
        }
        // only the SCOs some observed-data names are needed; their trees are copied once here
        Map<String, JsonNode> byId = new HashMap<>();
        for (StixObject o : objects) {
            if (referenced.contains(o.id()) && !o.type().equals("observed-data")) {
                byId.put(o.id(), o.json());
            }
        }
        List<Obs> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (StixObject od : observed) {
            String why = prepare(od, byId, out, problems);
            if (why != null) {
                problems.add(od.id() + ": " + why + "; left out");
            }
        }
        // time order (stable): searches then find the earliest bindings first
        out.sort(Comparator.comparing((Obs o) -> o.first));
        return new PatternMatcher(
                out.toArray(new Obs[0]), Collections.unmodifiableList(problems), DEFAULT_SEARCH_BUDGET);
    }

    private static @Nullable String prepare(
            StixObject od, Map<String, JsonNode> byId, List<Obs> out, List<String> problems) {
        Ts first = timestamp(od.get("first_observed"));
        Ts last = timestamp(od.get("last_observed"));
        if (first == null || last == null) {
            return "first_observed and last_observed must be STIX timestamps";
        }
        if (first.compareTo(last) > 0) {
            return "first_observed is after last_observed";
        }
        JsonNode n = od.get("number_observed");
        long count = 1;
        if (!n.isMissingNode()) {
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 1) {
                return "number_observed must be a positive integer";
            }
            count = n.longValue();
        }
        List<JsonNode> roots = new ArrayList<>();
        Map<String, JsonNode> refs = new LinkedHashMap<>();
        JsonNode objects = od.get("objects");
        if (objects.isObject()) {
            for (Map.Entry<String, JsonNode> e : objects.properties()) {
                if (e.getValue().isObject()) {
                    roots.add(e.getValue());
                    refs.put(e.getKey(), e.getValue());
                }
            }
        }
        JsonNode objectRefs = od.get("object_refs");
        if (objectRefs.isArray()) {
            for (JsonNode r : objectRefs) {
                JsonNode target = r.isTextual() ? byId.get(r.textValue()) : null;
                if (target == null) {
                    problems.add(od.id() + ": object_refs names " + r.asText() + ", which is not among the objects");
                    continue;
                }
                roots.add(target);
                refs.put(r.textValue(), target);
            }
        }
        if (!objects.isObject() && !objectRefs.isArray()) {
            return "it has neither objects (STIX 2.0) nor object_refs (STIX 2.1)";
        }
        Instant f = first.instant();
        Instant l = last.instant();
        out.add(new Obs(od.id(), f, l, count, roots.toArray(new JsonNode[0]), refs));
        return null;
    }

    private static @Nullable Ts timestamp(JsonNode n) {
        return n.isTextual() ? Ts.parse(n.textValue()) : null;
    }

    /** The same observations with another search budget (steps per pattern; see {@link MatchResult#incomplete()}). */
    public PatternMatcher withSearchBudget(long steps) {
        return new PatternMatcher(obs, problems, steps);
    }

    /** Convenience: prepares {@code objects} and matches one pattern. */
    public static MatchResult match(CompiledPattern pattern, Collection<StixObject> objects) {
        return of(objects).match(pattern);
    }

    /** The ids of the prepared observed-data objects, in time order. */
    public List<String> observationIds() {
        List<String> ids = new ArrayList<>(obs.length);
        for (Obs o : obs) {
            ids.add(o.id);
        }
        return ids;
    }

    /** Observed-data objects that were left out, and unresolved {@code object_refs}, with the reason. */
    public List<String> problems() {
        return problems;
    }

    /** Matches one pattern against all observations. */
    public MatchResult match(CompiledPattern pattern) {
        return match(pattern, obs);
    }

    int size() {
        return obs.length;
    }

    Obs obs(int i) {
        return obs[i];
    }

    /** Matches against a subsequence of the observations (positions ascending); used by {@link PatternIndex}. */
    MatchResult match(CompiledPattern pattern, int[] positions, int count) {
        Obs[] subset = new Obs[count];
        for (int i = 0; i < count; i++) {
            subset[i] = obs[positions[i]];
        }
        return match(pattern, subset);
    }

    private MatchResult match(CompiledPattern pattern, Obs[] set) {
        Search s = new Search(set, pattern.atoms.size(), budget);
        try {
            Search.Binding b = s.run(pattern.root);
            if (b == null) {
                return new MatchResult(pattern, false, List.of(), false);
            }
            List<String> ids = new ArrayList<>(b.pos.length);
            for (int p : b.pos) {
                ids.add(set[p].id);
            }
            return new MatchResult(pattern, true, ids, false);
        } catch (Search.OutOfBudget e) {
            return new MatchResult(pattern, false, List.of(), true);
        }
    }
}
