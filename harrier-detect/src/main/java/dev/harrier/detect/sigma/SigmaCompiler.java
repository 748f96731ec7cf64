package dev.harrier.detect.sigma;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Turns parsed Sigma rules, filters and correlations into an immutable {@link CompiledRuleSet}.
 *
 * <p>For each rule: its logsource is resolved with the {@link LogSourceMap}; for each resulting scope the detection
 * is compiled (field names renamed for the scope) into a tree of matchers, the scope's extra field conditions and
 * every filter rule naming the rule are folded in, and the prefilter keys are derived (channels, event ids, needles).
 * A rule with any invalid part (bad modifier combination, bad regex, bad CIDR, placeholder without values, ...) is
 * rejected with an error naming its file and line; the other rules are compiled. Thread-safe; reusable.
 */
public final class SigmaCompiler {
    private final LogSourceMap logSources;
    private final Placeholders placeholders;
    private final boolean unmappedEverywhere;

    /** A compiler with the shipped Windows logsource map and no placeholder values. */
    public SigmaCompiler() {
        this(LogSourceMap.windowsDefault(), Placeholders.none(), false);
    }

    /**
     * A compiler.
     *
     * @param unmappedEverywhere evaluate rules whose logsource the map does not know against every event (otherwise
     *     they are compiled and counted but never evaluated)
     */
    public SigmaCompiler(LogSourceMap logSources, Placeholders placeholders, boolean unmappedEverywhere) {
        this.logSources = logSources;
        this.placeholders = placeholders;
        this.unmappedEverywhere = unmappedEverywhere;
    }

    /** Compiles everything in {@code inputs}; their parse errors come first in the result's errors. */
    public CompileResult compile(List<ParseResult> inputs) {
        List<SigmaError> errors = new ArrayList<>();
        List<SigmaRule> rules = new ArrayList<>();
        List<SigmaFilter> filters = new ArrayList<>();
        List<SigmaCorrelation> correlations = new ArrayList<>();
        for (ParseResult r : inputs) {
            errors.addAll(r.errors());
            rules.addAll(r.rules());
            filters.addAll(r.filters());
            correlations.addAll(r.correlations());
        }
        MatchCompiler mc = new MatchCompiler(placeholders);

        // ids, names and which rules are building blocks of correlations
        Map<String, String> refs = new LinkedHashMap<>();
        Map<String, SigmaRule> byId = new HashMap<>();
        List<SigmaRule> unique = new ArrayList<>();
        for (SigmaRule r : rules) {
            String id = idOf(r);
            SigmaRule prev = byId.putIfAbsent(id, r);
            if (prev != null) {
                errors.add(new SigmaError(
                        r.source(),
                        r.line(),
                        0,
                        "duplicate rule id " + id + " (first defined at " + prev.source() + ":" + prev.line()
                                + "); rule skipped"));
                continue;
            }
            unique.add(r);
            refs.put(id, id);
            if (r.name() != null) {
                refs.putIfAbsent(r.name(), id);
            }
        }
        Set<String> referenced = new HashSet<>();
        Set<String> generated = new HashSet<>();
        for (SigmaCorrelation c : correlations) {
            for (String ref : c.rules()) {
                String id = refs.get(ref);
                if (id != null) {
                    referenced.add(id);
                    if (c.generate()) {
                        generated.add(id);
                    }
                }
            }
        }
        Map<String, List<SigmaFilter>> filtersByRule = new HashMap<>();
        for (SigmaFilter f : filters) {
            for (String ref : f.rules()) {
                String id = refs.get(ref);
                if (id == null) {
                    errors.add(new SigmaError(
                            f.source(),
                            f.line(),
                            0,
                            "filter '" + f.title() + "' names rule '" + ref
                                    + "', which is not loaded; ignored for it"));
                } else {
                    filtersByRule.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
                }
            }
        }

        List<CompiledRule> compiled = new ArrayList<>();
        List<Variant> variants = new ArrayList<>();
        int notApplicable = 0;
        int unmapped = 0;
        List<String> wildcarded = new ArrayList<>();
        for (SigmaRule r : unique) {
            String id = idOf(r);
            LogSourceMap.Resolution res = logSources.resolve(r.logsource());
            List<LogSourceMap.Scope> scopes;
            boolean isUnmapped = false;
            switch (res.kind()) {
                case NOT_APPLICABLE -> {
                    notApplicable++;
                    scopes = List.of();
                }
                case UNMAPPED -> {
                    unmapped++;
                    isUnmapped = true;
                    scopes = res.scopes();
                }
                default -> scopes = res.scopes();
            }
            boolean standalone = !referenced.contains(id) || generated.contains(id);
            CompiledRule cr = new CompiledRule(compiled.size(), id, r, standalone);
            List<Variant> mine = new ArrayList<>();
            try {
                // compile once even when no scope applies, so that every rule is checked
                List<LogSourceMap.Scope> toCompile = scopes.isEmpty() ? List.of(LogSourceMap.Scope.any(null)) : scopes;
                Map<Map<String, String>, MatchCompiler.Compiled> byFieldMap = new HashMap<>();
                for (LogSourceMap.Scope scope : toCompile) {
                    MatchCompiler.Compiled body = byFieldMap.get(scope.fields());
                    if (body == null) {
                        UnaryOperator<String> fmap = f -> scope.fields().getOrDefault(f, f);
                        body = detection(mc, r.detection(), fmap);
                        for (SigmaFilter f : filtersByRule.getOrDefault(id, List.of())) {
                            MatchCompiler.Compiled fc = detection(mc, f.detection(), fmap);
                            body = new MatchCompiler.Compiled(
                                    Node.and(List.of(body.node(), fc.node())),
                                    Requirement.and(body.requirement(), fc.requirement()));
                        }
                        byFieldMap.put(scope.fields(), body);
                    }
                    if (scopes.isEmpty()) {
                        continue;
                    }
                    Node node = body.node();
                    if (!scope.where().isEmpty()) {
                        List<Node> all = new ArrayList<>();
                        scope.where()
                                .forEach((k, v) -> all.add(
                                        new Node.StringTest(k, StringMatcher.of(SigmaString.literal(v), false))));
                        all.add(node);
                        node = Node.and(all);
                    }
                    Set<Long> ids = body.requirement().eventIds();
                    if (!scope.eventIds().isEmpty()) {
                        Set<Long> s = new LinkedHashSet<>(scope.eventIds());
                        if (ids != null) {
                            s.retainAll(ids);
                        }
                        ids = s;
                    }
                    int[] nids = new int[0];
                    Set<Needle> ns = body.requirement().needles();
                    if (ns != null) {
                        nids = new int[ns.size()];
                        int i = 0;
                        for (Needle n : ns) {
                            nids[i++] = mc.needleIds().id(n);
                        }
                    }
                    mine.add(new Variant(
                            variants.size() + mine.size(),
                            cr,
                            node,
                            scope.product(),
                            scope.channels(),
                            ids,
                            nids,
                            isUnmapped));
                }
            } catch (MatchCompiler.CompileException e) {
                mc.takeWildcarded();
                errors.add(new SigmaError(r.source(), e.line == 0 ? r.line() : e.line, 0, e.getMessage()));
                continue;
            }
            if (mc.takeWildcarded()) {
                wildcarded.add(id);
            }
            compiled.add(cr);
            variants.addAll(mine);
        }
        return new CompileResult(
                new CompiledRuleSet(
                        compiled,
                        variants,
                        mc.needleIds().all(),
                        correlations,
                        refs,
                        notApplicable,
                        unmapped,
                        wildcarded,
                        filters.size(),
                        unmappedEverywhere),
                errors);
    }

    /** A rule's id: its Sigma id, or a name-based UUID of its source, line and title. */
    static String idOf(SigmaRule r) {
        if (r.id() != null && !r.id().isBlank()) {
            return r.id();
        }
        return UUID.nameUUIDFromBytes(
                        (r.source() + "\u0000" + r.line() + "\u0000" + r.title()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static MatchCompiler.Compiled detection(MatchCompiler mc, Detection d, UnaryOperator<String> fmap)
            throws MatchCompiler.CompileException {
        Map<String, MatchCompiler.Compiled> searches = new HashMap<>();
        for (SearchIdentifier s : d.searches().values()) {
            searches.put(s.name(), search(mc, s, fmap));
        }
        MatchCompiler.Compiled out = null;
        for (Condition c : d.conditions()) {
            MatchCompiler.Compiled cc = condition(c, searches);
            out = out == null
                    ? cc
                    : new MatchCompiler.Compiled(
                            Node.or(List.of(out.node(), cc.node())),
                            Requirement.or(out.requirement(), cc.requirement()));
        }
        if (out == null) {
            throw new MatchCompiler.CompileException(0, "detection has no condition");
        }
        return out;
    }

    private static MatchCompiler.Compiled search(MatchCompiler mc, SearchIdentifier s, UnaryOperator<String> fmap)
            throws MatchCompiler.CompileException {
        if (s.isKeywords()) {
            return mc.keywords(s.keywords(), s.line());
        }
        if (s.fieldMaps().isEmpty()) {
            throw new MatchCompiler.CompileException(s.line(), "search '" + s.name() + "' is empty");
        }
        List<MatchCompiler.Compiled> maps = new ArrayList<>();
        for (List<FieldMatch> map : s.fieldMaps()) {
            if (map.isEmpty()) {
                throw new MatchCompiler.CompileException(s.line(), "search '" + s.name() + "' has an empty map");
            }
            List<Node> nodes = new ArrayList<>();
            Requirement req = null;
            for (FieldMatch fm : map) {
                MatchCompiler.Compiled c = mc.compile(fm, fmap);
                nodes.add(c.node());
                req = req == null ? c.requirement() : Requirement.and(req, c.requirement());
            }
            maps.add(new MatchCompiler.Compiled(Node.and(nodes), req == null ? Requirement.NONE : req));
        }
        return combine(maps, false);
    }

    private static MatchCompiler.Compiled combine(List<MatchCompiler.Compiled> parts, boolean and) {
        List<Node> nodes = new ArrayList<>();
        Requirement req = null;
        for (MatchCompiler.Compiled c : parts) {
            nodes.add(c.node());
            req = req == null
                    ? c.requirement()
                    : and ? Requirement.and(req, c.requirement()) : Requirement.or(req, c.requirement());
        }
        return new MatchCompiler.Compiled(and ? Node.and(nodes) : Node.or(nodes), req == null ? Requirement.NONE : req);
    }

    private static MatchCompiler.Compiled condition(Condition c, Map<String, MatchCompiler.Compiled> searches)
            throws MatchCompiler.CompileException {
        if (c instanceof Condition.Ref ref) {
            MatchCompiler.Compiled s = searches.get(ref.name());
            if (s == null) {
                throw new MatchCompiler.CompileException(0, "condition names unknown search '" + ref.name() + "'");
            }
            return s;
        }
        if (c instanceof Condition.Not not) {
            MatchCompiler.Compiled inner = condition(not.operand(), searches);
            return new MatchCompiler.Compiled(new Node.Not(inner.node()), Requirement.NONE);
        }
        if (c instanceof Condition.And and) {
            List<MatchCompiler.Compiled> parts = new ArrayList<>();
            for (Condition o : and.operands()) {
                parts.add(condition(o, searches));
            }
            return combine(parts, true);
        }
        if (c instanceof Condition.Or or) {
            List<MatchCompiler.Compiled> parts = new ArrayList<>();
            for (Condition o : or.operands()) {
                parts.add(condition(o, searches));
            }
            return combine(parts, false);
        }
        Condition.Of of = (Condition.Of) c;
        if (of.matched().isEmpty()) {
            throw new MatchCompiler.CompileException(0, "'" + of.pattern() + "' matches no search");
        }
        List<MatchCompiler.Compiled> parts = new ArrayList<>();
        for (String name : of.matched()) {
            parts.add(condition(new Condition.Ref(name), searches));
        }
        return combine(parts, of.quantifier() == Condition.Quantifier.ALL);
    }
}
