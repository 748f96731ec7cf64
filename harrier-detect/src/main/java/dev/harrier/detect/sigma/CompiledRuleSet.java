package dev.harrier.detect.sigma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, thread-safe set of compiled Sigma rules, indexed for matching. Create one {@link Detector} per thread
 * with {@link #newDetector()}.
 *
 * <p>The index has two levels. First the event's channel and event id select the rules whose logsource (and whose
 * {@code EventID} selections) can match at all. Then each remaining rule is checked against the literal needles of
 * its condition: a rule whose condition implies "one of these strings occurs in this field" is only evaluated when
 * one of them was found by the Aho–Corasick pass over the event's values, one automaton per field (the needles of
 * that field only), plus one for keyword needles over every value when a rule of the event's cells has them.
 */
public final class CompiledRuleSet {
    /** Rules of one channel (or of any channel), by event id. */
    static final class ChannelIndex {
        final Map<Long, Bucket> byEventId;
        final Bucket anyEventId;

        ChannelIndex(Map<Long, Bucket> byEventId, Bucket anyEventId) {
            this.byEventId = byEventId;
            this.anyEventId = anyEventId;
        }
    }

    /**
     * The rules of one (channel, event id) cell: those without needles ({@code always}), and the others posted under
     * each of their needle ids, so a detector visits only the rules whose needles the event contains.
     */
    static final class Bucket {
        final Variant[] all;
        final Variant[] always;
        /** Variants by needle id; null when no variant of the bucket has needles. */
        final Variant @Nullable [][] postings;
        /** Whether a keyword needle (searched in every field) is among the posted ones. */
        final boolean keywordNeedles;

        Bucket(List<Variant> variants, List<Needle> needles) {
            int needleCount = needles.size();
            this.all = variants.toArray(NONE);
            List<Variant> alw = new ArrayList<>();
            Map<Integer, List<Variant>> post = new HashMap<>();
            for (Variant v : variants) {
                if (v.needleIds().length == 0) {
                    alw.add(v);
                } else {
                    for (int id : v.needleIds()) {
                        post.computeIfAbsent(id, k -> new ArrayList<>()).add(v);
                    }
                }
            }
            this.always = alw.toArray(NONE);
            boolean kw = false;
            for (int id : post.keySet()) {
                kw |= needles.get(id).keyword();
            }
            this.keywordNeedles = kw;
            if (post.isEmpty()) {
                this.postings = null;
            } else {
                Variant[][] p = new Variant[needleCount][];
                post.forEach((k, v) -> p[k] = v.toArray(NONE));
                this.postings = p;
            }
        }
    }

    private static final Variant[] NONE = new Variant[0];

    private final List<CompiledRule> rules;
    private final List<Variant> variants;
    private final List<SigmaCorrelation> correlations;
    private final Map<String, String> ruleRefs;
    private final Map<String, CompiledRule> byId;
    private final int notApplicable;
    private final int unmapped;
    private final List<String> wildcardPlaceholders;
    private final int filterCount;
    private final boolean unmappedEverywhere;
    final Map<String, ChannelIndex> byChannel;
    final ChannelIndex anyChannel;
    /** One scanner per field, for the needles of string tests on that field; ids are needle ids. */
    final Map<String, NeedleScanner> fieldScanners;
    /** The keyword needles, searched in every field's value; null when no rule has one. */
    final @Nullable NeedleScanner keywordScanner;
    /** Which needle ids the scanners search (the needles of rule variants' prefilters). */
    final boolean[] scannable;

    final int needleIds;
    final int scannedNeedles;
    final int scannerStates;

    CompiledRuleSet(
            List<CompiledRule> rules,
            List<Variant> variants,
            List<Needle> needles,
            List<SigmaCorrelation> correlations,
            Map<String, String> ruleRefs,
            int notApplicable,
            int unmapped,
            List<String> wildcardPlaceholders,
            int filterCount,
            boolean unmappedEverywhere) {
        this.filterCount = filterCount;
        this.wildcardPlaceholders = List.copyOf(wildcardPlaceholders);
        this.rules = List.copyOf(rules);
        this.variants = List.copyOf(variants);
        this.correlations = List.copyOf(correlations);
        this.ruleRefs = Map.copyOf(ruleRefs);
        this.notApplicable = notApplicable;
        this.unmapped = unmapped;
        this.unmappedEverywhere = unmappedEverywhere;
        Map<String, CompiledRule> ids = new LinkedHashMap<>();
        for (CompiledRule r : rules) {
            ids.put(r.id(), r);
        }
        this.byId = ids;
        Map<String, List<Variant>> perChannel = new HashMap<>();
        List<Variant> anyChannelList = new ArrayList<>();
        for (Variant v : variants) {
            if (v.unmapped() && !unmappedEverywhere) {
                continue;
            }
            if (v.eventIds() != null && v.eventIds().isEmpty()) {
                continue; // the detection's event ids and the logsource's exclude each other: never matches
            }
            if (v.channels().isEmpty()) {
                anyChannelList.add(v);
            } else {
                for (String c : v.channels()) {
                    perChannel.computeIfAbsent(c, k -> new ArrayList<>()).add(v);
                }
            }
        }
        Map<String, ChannelIndex> idx = new HashMap<>();
        perChannel.forEach((c, list) -> idx.put(c, index(list, needles)));
        this.byChannel = idx;
        this.anyChannel = index(anyChannelList, needles);

        // scanners for the needles of the indexed variants, one per field
        boolean[] used = new boolean[needles.size()];
        List<Variant> indexed = new ArrayList<>(anyChannelList);
        perChannel.values().forEach(indexed::addAll);
        for (Variant v : indexed) {
            for (int id : v.needleIds()) {
                used[id] = true;
            }
            // the needles of every string test too, so that the tests skip the values without them
            v.node().needles(id -> used[id] = true);
        }
        Map<String, List<Integer>> byField = new LinkedHashMap<>();
        int scanned = 0;
        for (int id = 0; id < used.length; id++) {
            if (used[id]) {
                scanned++;
                byField.computeIfAbsent(needles.get(id).field(), k -> new ArrayList<>())
                        .add(id);
            }
        }
        Map<String, NeedleScanner> scanners = new HashMap<>();
        NeedleScanner kw = null;
        int states = 0;
        for (Map.Entry<String, List<Integer>> e : byField.entrySet()) {
            List<String> texts = new ArrayList<>();
            int[] fieldIds = new int[e.getValue().size()];
            for (int i = 0; i < fieldIds.length; i++) {
                fieldIds[i] = e.getValue().get(i);
                texts.add(needles.get(fieldIds[i]).text());
            }
            NeedleScanner sc = NeedleScanner.build(texts).renumbered(fieldIds, states);
            states += sc.stateCount();
            if (e.getKey().isEmpty()) {
                kw = sc;
            } else {
                scanners.put(e.getKey(), sc);
            }
        }
        for (Variant v : variants) {
            v.node().prepare(used);
        }
        this.fieldScanners = scanners;
        this.keywordScanner = kw;
        this.scannable = used;
        this.needleIds = needles.size();
        this.scannedNeedles = scanned;
        this.scannerStates = states;
    }

    private static ChannelIndex index(List<Variant> list, List<Needle> needles) {
        Map<Long, List<Variant>> byId = new HashMap<>();
        List<Variant> any = new ArrayList<>();
        for (Variant v : list) {
            if (v.eventIds() == null) {
                any.add(v);
            } else {
                for (Long id : v.eventIds()) {
                    byId.computeIfAbsent(id, k -> new ArrayList<>()).add(v);
                }
            }
        }
        Map<Long, Bucket> out = new HashMap<>();
        byId.forEach((k, v) -> out.put(k, new Bucket(v, needles)));
        return new ChannelIndex(out, new Bucket(any, needles));
    }

    /** A new detector (not thread-safe; one per thread) with the prefilter. */
    public Detector newDetector() {
        return new Detector(this, true);
    }

    /**
     * A detector that evaluates every applicable rule on every event, without the needle prefilter: slower, for
     * checking the prefilter.
     */
    public Detector newUnfilteredDetector() {
        return new Detector(this, false);
    }

    /** The compiled rules, in input order. */
    public List<CompiledRule> rules() {
        return rules;
    }

    /** A rule by id. */
    public java.util.Optional<CompiledRule> rule(String id) {
        return java.util.Optional.ofNullable(byId.get(id));
    }

    /** The correlation rules, as parsed (a correlation engine is built from them per stream). */
    public List<SigmaCorrelation> correlations() {
        return correlations;
    }

    /** Every rule id and rule name, mapped to the rule id, for resolving correlation references. */
    public Map<String, String> ruleRefs() {
        return ruleRefs;
    }

    /** Rules whose logsource is another product (for example linux): compiled and checked, never evaluated. */
    public int notApplicable() {
        return notApplicable;
    }

    /** Rules whose logsource category or service the map does not know. */
    public int unmapped() {
        return unmapped;
    }

    /** Number of filter rules read (each is folded into the rules it names). */
    public int filterCount() {
        return filterCount;
    }

    /** Ids of rules in which a placeholder without values became a wildcard. */
    public List<String> wildcardPlaceholders() {
        return wildcardPlaceholders;
    }

    /** Whether unmapped rules are evaluated against every event. */
    public boolean unmappedEverywhere() {
        return unmappedEverywhere;
    }

    /** Number of compiled (rule, scope) pairs. */
    int variantCount() {
        return variants.size();
    }

    List<Variant> variants() {
        return variants;
    }

    /** Number of distinct prefilter needles. */
    public int needleCount() {
        return scannedNeedles;
    }
}
