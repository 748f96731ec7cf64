package dev.harrier.detect.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Many compiled patterns (tens of thousands) matched together against one set of observations, evaluating only the
 * patterns that can match.
 *
 * <p>For every bracketed observation expression the index derives a necessary condition from its comparisons:
 * {@code path = constant} and {@code path IN (...)} give (object type, path, value) keys, {@code path ISSUBSET
 * 'cidr'} gives a network key; AND needs only one operand's keys (the most selective), OR needs all of its
 * operands'. A pattern all of whose observation expressions have keys is <em>indexed</em>; any other pattern (one
 * using only {@code !=}, {@code NOT}, {@code LIKE}, {@code MATCHES}, ordering or {@code EXISTS} somewhere) is
 * evaluated against every observation as before.
 *
 * <p>Matching walks each observation once: for every root object, each indexed path of its type is resolved with the
 * same walker the matcher uses, each value is turned into the keys it could equal (a string also as a timestamp,
 * {@code 1.0} and {@code 1} alike, octets of {@code _bin}/{@code _hex} properties, every network of an address up to
 * its prefix) and looked up. A pattern hit on some observations is then matched against exactly those observations
 * (in the same order). That gives the same result as matching it against all of them: an observation on which none
 * of the pattern's observation expressions holds can take no part in a binding, and the keys are a necessary
 * condition for each expression.
 *
 * <p>Immutable and thread-safe.
 */
public final class PatternIndex {
    private final List<CompiledPattern> patterns;
    private final boolean[] always;
    private final int indexed;
    private final Map<String, PathEntry[]> pathsByType;

    /** The keys of one indexed path. */
    private static final class PathEntry {
        final PathWalker walker;
        final Map<Object, int[]> eq = new HashMap<>();
        final Map<IpNet, int[]> nets = new HashMap<>();
        int[] v4Prefixes = new int[0];
        int[] v6Prefixes = new int[0];

        PathEntry(PathWalker walker) {
            this.walker = walker;
        }
    }

    private record Str(String value) {}

    private record Stamp(String key) {}

    private record Octets(ByteBuffer value) {}

    /** An (entry, key) requirement; key is an equality key or an {@link IpNet}. */
    private record Req(PathEntry entry, Object key) {}

    private PatternIndex(
            List<CompiledPattern> patterns, boolean[] always, int indexed, Map<String, PathEntry[]> pathsByType) {
        this.patterns = patterns;
        this.always = always;
        this.indexed = indexed;
        this.pathsByType = pathsByType;
    }

    /** Indexes {@code patterns} (their order is the order of the results). */
    public static PatternIndex of(Collection<CompiledPattern> patterns) {
        List<CompiledPattern> list = List.copyOf(patterns);
        Map<String, PathEntry> entries = new LinkedHashMap<>();
        Map<PathEntry, Map<Object, List<Integer>>> eqLists = new HashMap<>();
        Map<PathEntry, Map<IpNet, List<Integer>>> netLists = new HashMap<>();
        boolean[] always = new boolean[list.size()];
        int indexed = 0;
        for (int p = 0; p < list.size(); p++) {
            List<Req> reqs = new ArrayList<>();
            boolean ok = true;
            for (Search.Atom a : list.get(p).atoms) {
                List<Req> r = requirement(a.cond, entries);
                if (r == null) {
                    ok = false;
                    break;
                }
                reqs.addAll(r);
            }
            if (!ok) {
                always[p] = true;
                continue;
            }
            indexed++;
            for (Req r : reqs) {
                if (r.key() instanceof IpNet net) {
                    netLists.computeIfAbsent(r.entry(), k -> new HashMap<>())
                            .computeIfAbsent(net, k -> new ArrayList<>())
                            .add(p);
                } else {
                    eqLists.computeIfAbsent(r.entry(), k -> new HashMap<>())
                            .computeIfAbsent(r.key(), k -> new ArrayList<>())
                            .add(p);
                }
            }
        }
        Map<String, List<PathEntry>> byType = new HashMap<>();
        for (PathEntry e : entries.values()) {
            Map<Object, List<Integer>> eq = eqLists.getOrDefault(e, Map.of());
            Map<IpNet, List<Integer>> nets = netLists.getOrDefault(e, Map.of());
            if (eq.isEmpty() && nets.isEmpty()) {
                continue;
            }
            eq.forEach((k, v) -> e.eq.put(k, distinct(v)));
            TreeSet<Integer> v4 = new TreeSet<>();
            TreeSet<Integer> v6 = new TreeSet<>();
            nets.forEach((k, v) -> {
                e.nets.put(k, distinct(v));
                (k.v6 ? v6 : v4).add(k.prefix);
            });
            e.v4Prefixes = v4.stream().mapToInt(Integer::intValue).toArray();
            e.v6Prefixes = v6.stream().mapToInt(Integer::intValue).toArray();
            byType.computeIfAbsent(e.walker.objectType, k -> new ArrayList<>()).add(e);
        }
        Map<String, PathEntry[]> pathsByType = new HashMap<>();
        byType.forEach((k, v) -> pathsByType.put(k, v.toArray(new PathEntry[0])));
        return new PatternIndex(list, always, indexed, pathsByType);
    }

    private static int[] distinct(List<Integer> ps) {
        return ps.stream().mapToInt(Integer::intValue).distinct().toArray();
    }

    /** The necessary keys of a comparison expression, or null when it has none. */
    private static @Nullable List<Req> requirement(Cond c, Map<String, PathEntry> entries) {
        if (c instanceof Cond.Cmp cmp) {
            if (cmp.negated) {
                return null;
            }
            PathEntry e = entries.computeIfAbsent(cmp.path.id(), k -> new PathEntry(cmp.path));
            List<Req> out = new ArrayList<>();
            if (cmp.pred instanceof Pred.Equal eq && !eq.notEqual) {
                Object k = constantKey(eq.constant, cmp.path.finalEncoding);
                if (k != null) {
                    out.add(new Req(e, k));
                }
                return out;
            }
            if (cmp.pred instanceof Pred.In in) {
                for (Pred.Constant m : in.members) {
                    Object k = constantKey(m, cmp.path.finalEncoding);
                    if (k != null) {
                        out.add(new Req(e, k));
                    }
                }
                return out;
            }
            if (cmp.pred instanceof Pred.Subnet s && s.isSubset() && cmp.path.finalEncoding == PathWalker.PLAIN) {
                out.add(new Req(e, s.net));
                return out;
            }
            return null;
        }
        if (c instanceof Cond.All all) {
            List<Req> best = null;
            for (Cond part : all.parts) {
                List<Req> r = requirement(part, entries);
                if (r != null && (best == null || r.size() < best.size())) {
                    best = r;
                }
            }
            return best;
        }
        if (c instanceof Cond.Any any) {
            List<Req> out = new ArrayList<>();
            for (Cond part : any.parts) {
                List<Req> r = requirement(part, entries);
                if (r == null) {
                    return null;
                }
                out.addAll(r);
            }
            return out;
        }
        return null;
    }

    /** The key a value must have to equal the constant, or null when no value can equal it. */
    private static @Nullable Object constantKey(Pred.Constant c, int enc) {
        if (enc == PathWalker.BIN || enc == PathWalker.HEX) {
            return (c.isString() || c.isBinary()) && c.bytes != null ? new Octets(ByteBuffer.wrap(c.bytes)) : null;
        }
        if (enc == PathWalker.REFS) {
            return null;
        }
        if (c.string != null) {
            return new Str(c.string);
        }
        if (c.number != null) {
            return Values.numberKey(c.number);
        }
        if (c.bool != null) {
            return c.bool;
        }
        if (c.ts != null) {
            return new Stamp(c.ts.key());
        }
        return null;
    }

    /** The patterns, in the order given. */
    public List<CompiledPattern> patterns() {
        return patterns;
    }

    /** How many patterns the index serves; the others are evaluated against every observation. */
    public int indexedPatterns() {
        return indexed;
    }

    /**
     * Matches every pattern against the observations; returns the results of the patterns that matched (or whose
     * search ran out of budget, {@link MatchResult#incomplete()}), in pattern order. Each result equals
     * {@code observations.match(pattern)}.
     */
    public List<MatchResult> match(PatternMatcher observations) {
        int n = observations.size();
        int[][] cand = new int[patterns.size()][];
        int[] count = new int[patterns.size()];
        int[] last = new int[patterns.size()];
        Arrays.fill(last, -1);
        Hits hits = new Hits(cand, count, last);
        for (int pos = 0; pos < n; pos++) {
            Obs o = observations.obs(pos);
            hits.pos = pos;
            for (int r = 0; r < o.roots.length; r++) {
                PathEntry[] paths = pathsByType.get(o.rootTypes[r]);
                if (paths == null) {
                    continue;
                }
                for (PathEntry e : paths) {
                    e.walker.walk(o.roots[r], o, (v, enc) -> {
                        lookup(e, v, enc, hits);
                        return false;
                    });
                }
            }
        }
        List<MatchResult> out = new ArrayList<>();
        for (int p = 0; p < patterns.size(); p++) {
            MatchResult m;
            if (always[p]) {
                m = observations.match(patterns.get(p));
            } else if (count[p] > 0) {
                m = observations.match(patterns.get(p), cand[p], count[p]);
            } else {
                continue;
            }
            if (m.matched() || m.incomplete()) {
                out.add(m);
            }
        }
        return out;
    }

    /** Candidate observations per pattern, appended in observation order. */
    private static final class Hits {
        final int[][] cand;
        final int[] count;
        final int[] last;
        int pos;

        Hits(int[][] cand, int[] count, int[] last) {
            this.cand = cand;
            this.count = count;
            this.last = last;
        }

        void mark(int[] ps) {
            for (int p : ps) {
                if (last[p] == pos) {
                    continue;
                }
                last[p] = pos;
                int[] c = cand[p];
                if (c == null) {
                    c = new int[4];
                    cand[p] = c;
                } else if (count[p] == c.length) {
                    c = Arrays.copyOf(c, c.length * 2);
                    cand[p] = c;
                }
                c[count[p]++] = pos;
            }
        }
    }

    private static void lookup(PathEntry e, JsonNode v, int enc, Hits hits) {
        if (enc == PathWalker.BIN || enc == PathWalker.HEX) {
            byte[] o = Pred.octets(v, enc);
            if (o != null) {
                mark(e.eq.get(new Octets(ByteBuffer.wrap(o))), hits);
            }
            return;
        }
        if (enc == PathWalker.REFS) {
            return;
        }
        if (v.isTextual()) {
            String s = v.textValue();
            if (!e.eq.isEmpty()) {
                mark(e.eq.get(new Str(s)), hits);
                Ts ts = Ts.parse(s);
                if (ts != null) {
                    mark(e.eq.get(new Stamp(ts.key())), hits);
                }
            }
            if (!e.nets.isEmpty()) {
                IpNet net = IpNet.parse(s);
                if (net != null) {
                    for (int p : net.v6 ? e.v6Prefixes : e.v4Prefixes) {
                        if (p > net.prefix) {
                            break;
                        }
                        mark(e.nets.get(net.widened(p)), hits);
                    }
                }
            }
        } else if (v.isNumber()) {
            Object num = Values.number(v);
            if (num != null) {
                mark(e.eq.get(Values.numberKey(num)), hits);
            }
        } else if (v.isBoolean()) {
            mark(e.eq.get(v.booleanValue()), hits);
        }
    }

    private static void mark(int @Nullable [] ps, Hits hits) {
        if (ps != null) {
            hits.mark(ps);
        }
    }
}
