package dev.harrier.detect.sigma;

import dev.harrier.telemetry.Event;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates {@link SigmaCorrelation}s over the stream of detection-rule hits of one event stream.
 *
 * <p>The single-event matcher calls {@link #accept} with every hit (the canonical id of the rule that matched, and the
 * event); the engine answers with the correlations that fired. {@link #flush} ends the input and evaluates whatever is
 * still buffered. An engine is <b>not thread-safe</b>: use one per stream. Build it with {@link #build}, which also
 * validates the correlations.
 *
 * <h2>Hits and groups</h2>
 *
 * A hit is one event matched by a detection rule a correlation references (in {@code rules}, by id or name), or one
 * firing of a referenced correlation (chaining, below). Its time is the event's {@link Event#timestamp()}; hits
 * without a timestamp are ignored and counted by {@link #skippedNoTimestamp()}. Hits of rules no correlation
 * references cost one hash lookup. Each correlation puts a hit into the group given by the values of its
 * {@code group-by} fields; an {@code aliases} entry names, per referenced rule, the event field an alias stands for
 * (a rule the alias does not mention uses the field named like the alias). Values are compared with
 * {@link Object#equals}, after integral numbers are normalised to {@link Long} and other numbers to a
 * {@link BigDecimal} without trailing zeros; an absent field is the value {@code null}, which is a group of its own.
 *
 * <h2>Windows</h2>
 *
 * Windows slide; they are not fixed buckets. The hits of each (correlation, group) are buffered in time order. A
 * window starts at the time {@code t} of a buffered hit and holds every buffered hit of the group whose time lies in
 * {@code [t, t + timespan]}, inclusive at both ends. Windows are evaluated in order of {@code t}:
 *
 * <ul>
 *   <li>If the window satisfies the correlation (below), one {@link CorrelationMatch} is emitted for it and all its
 *       hits are removed, so a hit never contributes to two matches; evaluation continues with the next remaining hit.
 *   <li>Otherwise all hits at time {@code t} are removed (no later window can contain them) and evaluation continues
 *       with the next hit.
 * </ul>
 *
 * A window is satisfied when the correlation's condition (all its comparisons: {@code gt gte lt lte eq neq}) holds for
 * the window's value:
 *
 * <ul>
 *   <li>{@code event_count}: the number of hits.
 *   <li>{@code value_count}: the number of distinct non-null values of the condition's {@code field}.
 *   <li>{@code value_sum}, {@code value_avg}: the sum and the mean (rounded to 34 significant digits) of the numeric
 *       values of {@code field}. Numbers and strings in decimal notation ({@code "42"}, {@code "-1.5e3"}) are numeric;
 *       other values, and numbers beyond 10<sup>400</sup> in magnitude or with more than 400 decimals, are ignored.
 *       A window without numeric values has no value and is never satisfied.
 *   <li>{@code value_percentile}: the nearest-rank percentile of those numeric values: the value at 1-based rank
 *       {@code ceil(percentile / 100 * n)} of the {@code n} values sorted ascending.
 *   <li>{@code temporal}: the number of distinct referenced rules (and correlations) with a hit in the window; without
 *       a condition, every referenced rule must have a hit.
 *   <li>{@code temporal_ordered}: only windows starting at a hit of the first listed rule count. The value is the
 *       number {@code k} of listed rules matched in their listed order by the earliest ordered subsequence of the
 *       window's hits starting with that hit (found greedily, which maximises {@code k}); hits at equal times may be
 *       taken in either order. Without a condition, all listed rules must be matched; with one, the condition is
 *       compared with {@code k} (so {@code gte: 2} means "the first two listed rules, in order").
 * </ul>
 *
 * <h2>Watermark and arrival order</h2>
 *
 * The engine tracks the newest hit timestamp seen so far, {@code max}. A window {@code [t, t + timespan]} of a
 * correlation is evaluated only once {@code t + timespan < max - lateness} (the watermark), and everything left is
 * evaluated by {@link #flush}. {@code lateness} is the {@code allowedLateness} given to {@link #build} (by default the
 * correlation's own timespan), raised for a correlation that references other correlations to at least
 * {@code lateness(inner) + timespan(inner)} of each of them, because an inner firing reaches the outer correlation
 * only when its own window closes. Consequently the matches do not depend on arrival order as long as every hit
 * arrives no more than {@code lateness} behind the newest timestamp seen: the same set of matches is produced as for
 * the time-sorted stream (ties in time are ordered by {@code source}, {@code line} and referenced rule, so even
 * {@link CorrelationMatch#eventRefs()} agree). A hit arriving later than that is still processed (it joins whatever
 * is still buffered, or forms a window of its own) and counted by {@link #lateEvents()}.
 *
 * <h2>Chaining</h2>
 *
 * When correlation A, referenced by correlation B, fires, B sees the match as a hit of A at time
 * {@link CorrelationMatch#lastTime()}, whose fields are A's {@code group-by} values keyed by A's {@code group-by}
 * names; B applies its own {@code group-by} and {@code aliases} to them. The hit is fed to B at once. {@link #accept}
 * and {@link #flush} return the matches of all correlations, inner ones included, whatever their {@code generate}
 * flag; in each call, matches of referenced correlations come before those of the correlations referencing them.
 *
 * <h2>Memory</h2>
 *
 * Only hits whose window is not yet evaluated are buffered, so a group holds at most the hits of
 * {@code timespan + lateness} of event time (plus hits arriving later than the lateness bound). The number of live
 * groups per correlation is capped ({@link #DEFAULT_MAX_GROUPS} by default): when a new group would exceed it, the
 * group least recently given a hit is dropped with its buffered hits, unevaluated, and counted by
 * {@link #evictedGroups()}. Results are then no longer independent of arrival order, which only hostile or
 * misconfigured input (a {@code group-by} on a near-unique field) should cause.
 */
public final class CorrelationEngine {
    /** The default cap on live groups per correlation. */
    public static final int DEFAULT_MAX_GROUPS = 100_000;

    /**
     * A validated engine and the problems found: each invalid correlation (unknown or ambiguous reference, reference
     * cycle, reference to an invalid correlation, alias naming a rule the correlation does not reference, missing or
     * incomplete condition, negative timespan, id or name used twice) is reported with its {@code source:line} and
     * left out; the others work.
     *
     * @param engine the engine with the valid correlations
     * @param errors the problems found, in the order of the correlations
     */
    public record Built(CorrelationEngine engine, List<SigmaError> errors) {
        public Built {
            errors = List.copyOf(errors);
        }

        /** Whether every correlation was valid. */
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,9})?");
    private static final int MAX_MAGNITUDE = 400;
    private static final Comparator<Hit> HIT_ORDER = CorrelationEngine::compareHits;

    private final List<Corr> corrs;
    private final Map<String, List<Feed>> feeds;
    private final int maxGroups;
    private @Nullable Instant maxSeen;
    private long seq;
    private long skippedNoTimestamp;
    private long lateEvents;
    private long evictedGroups;
    private long buffered;

    private CorrelationEngine(List<Corr> corrs, Map<String, List<Feed>> feeds, int maxGroups) {
        this.corrs = corrs;
        this.feeds = feeds;
        this.maxGroups = maxGroups;
    }

    /**
     * Validates {@code correlations} and builds an engine for the valid ones, with the default lateness (each
     * correlation's timespan) and the default group cap.
     *
     * @param correlations the correlations, as parsed
     * @param ruleRefs every known detection-rule reference (id and name) mapped to the rule's canonical id, the id
     *     {@link #accept} is called with
     */
    public static Built build(List<SigmaCorrelation> correlations, Map<String, String> ruleRefs) {
        return build(correlations, ruleRefs, null, DEFAULT_MAX_GROUPS);
    }

    /**
     * Validates {@code correlations} and builds an engine for the valid ones.
     *
     * @param correlations the correlations, as parsed
     * @param ruleRefs every known detection-rule reference (id and name) mapped to the rule's canonical id, the id
     *     {@link #accept} is called with
     * @param allowedLateness how far behind the newest timestamp seen a hit may arrive and still be evaluated as if
     *     the stream were sorted; {@code null} for each correlation's own timespan
     * @param maxGroupsPerCorrelation the cap on live groups per correlation (at least 1)
     * @throws IllegalArgumentException if {@code allowedLateness} is negative or the cap is below 1
     */
    public static Built build(
            List<SigmaCorrelation> correlations,
            Map<String, String> ruleRefs,
            @Nullable Duration allowedLateness,
            int maxGroupsPerCorrelation) {
        if (allowedLateness != null && allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must not be negative: " + allowedLateness);
        }
        if (maxGroupsPerCorrelation < 1) {
            throw new IllegalArgumentException(
                    "maxGroupsPerCorrelation must be at least 1: " + maxGroupsPerCorrelation);
        }
        return new Builder(correlations, ruleRefs, allowedLateness, maxGroupsPerCorrelation).build();
    }

    /**
     * Feeds one hit of detection rule {@code ruleId} and returns the correlations that fired because of it (often
     * none). The event is not kept: only its time, {@code source:line} and the fields the correlations use are.
     *
     * @param ruleId the canonical id of the rule that matched (a value of {@code ruleRefs})
     * @param event the matched event
     */
    public List<CorrelationMatch> accept(String ruleId, Event event) {
        List<Feed> fs = feeds.get(ruleId);
        if (fs == null) {
            return List.of();
        }
        Instant t = event.timestamp();
        if (t == null) {
            skippedNoTimestamp++;
            return List.of();
        }
        Instant max = maxSeen;
        if (max == null || t.isAfter(max)) {
            maxSeen = t;
        } else {
            for (Feed f : fs) {
                if (t.isBefore(minus(max, f.corr.delay))) {
                    lateEvents++;
                    break;
                }
            }
        }
        String source = event.source();
        long line = event.line();
        for (Feed f : fs) {
            Corr c = f.corr;
            List<@Nullable Object> key = c.keyOf(f.target, event::get);
            insert(c, key, new Hit(t, source, line, f.target, seq++, c.valueOf(f.target, event::get), null, 1));
        }
        return evaluate(false);
    }

    /** Ends the input: evaluates every buffered window, whatever the watermark, and returns the matches. */
    public List<CorrelationMatch> flush() {
        return evaluate(true);
    }

    /** The valid correlations, referenced ones before those referencing them. */
    public List<SigmaCorrelation> correlations() {
        List<SigmaCorrelation> out = new ArrayList<>(corrs.size());
        for (Corr c : corrs) {
            out.add(c.def);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The lateness the engine applies to {@code correlation} (see the class description), or {@code null} if the
     * correlation is not one of the engine's.
     */
    public @Nullable Duration effectiveLateness(SigmaCorrelation correlation) {
        for (Corr c : corrs) {
            if (c.def.equals(correlation)) {
                return c.delay;
            }
        }
        return null;
    }

    /** How many hits of referenced rules were ignored because their event had no timestamp. */
    public long skippedNoTimestamp() {
        return skippedNoTimestamp;
    }

    /** How many hits arrived later than the lateness bound of a correlation they feed (processed all the same). */
    public long lateEvents() {
        return lateEvents;
    }

    /** How many groups were dropped, unevaluated, because a correlation reached its cap on live groups. */
    public long evictedGroups() {
        return evictedGroups;
    }

    /** The number of hits currently buffered, over all correlations and groups. */
    long bufferedHits() {
        return buffered;
    }

    /** The number of live groups, over all correlations. */
    int liveGroups() {
        int n = 0;
        for (Corr c : corrs) {
            n += c.groups.size();
        }
        return n;
    }

    // ---------------------------------------------------------------- evaluation

    private void insert(Corr c, List<@Nullable Object> key, Hit hit) {
        Group g = c.groups.get(key);
        if (g == null) {
            if (c.groups.size() >= maxGroups) {
                Iterator<Group> it = c.groups.values().iterator();
                Group eldest = it.next();
                it.remove();
                eldest.removed = true;
                buffered -= eldest.hits.size();
                evictedGroups++;
            }
            g = new Group(c, key);
            c.groups.put(key, g);
        }
        buffered++;
        if (g.insert(hit)) {
            c.due.add(new Due(plus(hit.time, c.span), g));
        }
    }

    private List<CorrelationMatch> evaluate(boolean all) {
        List<CorrelationMatch> out = new ArrayList<>();
        Instant max = maxSeen;
        for (Corr c : corrs) {
            List<CorrelationMatch> ms = new ArrayList<>();
            if (all) {
                for (Group g : new ArrayList<>(c.groups.values())) {
                    drain(g, null, ms);
                }
                c.groups.clear();
                c.due.clear();
            } else if (max != null) {
                Instant wm = minus(max, c.delay);
                while (!c.due.isEmpty() && c.due.peek().at.isBefore(wm)) {
                    Due d = c.due.poll();
                    Group g = d.group;
                    if (g.removed
                            || g.hits.isEmpty()
                            || !plus(g.hits.first().time, c.span).equals(d.at)) {
                        continue; // stale: the group's first hit changed since
                    }
                    drain(g, wm, ms);
                }
            }
            if (ms.isEmpty()) {
                continue;
            }
            ms.sort(MATCH_ORDER);
            for (CorrelationMatch m : ms) {
                for (Feed f : c.outers) {
                    chain(f, m);
                }
            }
            out.addAll(ms);
        }
        return out.isEmpty() ? List.of() : Collections.unmodifiableList(out);
    }

    private static final Comparator<CorrelationMatch> MATCH_ORDER = Comparator.comparing(CorrelationMatch::firstTime)
            .thenComparing(CorrelationMatch::lastTime)
            .thenComparing(m -> m.group().toString());

    private void chain(Feed f, CorrelationMatch m) {
        Corr c = f.corr;
        Map<String, @Nullable Object> fields = m.group();
        Function<String, @Nullable Object> get = fields::get;
        String key = m.group() + (m.eventRefs().isEmpty() ? "" : m.eventRefs().get(0));
        insert(
                c,
                c.keyOf(f.target, get),
                new Hit(
                        m.lastTime(),
                        key,
                        0,
                        f.target,
                        seq++,
                        c.valueOf(f.target, get),
                        m.eventRefs(),
                        m.eventCount()));
    }

    /** Evaluates the windows of {@code g} that end before {@code wm} ({@code null}: all of them). */
    private void drain(Group g, @Nullable Instant wm, List<CorrelationMatch> out) {
        Corr c = g.corr;
        while (!g.hits.isEmpty()) {
            Instant start = g.hits.first().time;
            Instant limit = plus(start, c.span);
            if (wm != null && !limit.isBefore(wm)) {
                break;
            }
            g.extend(limit);
            BigDecimal value = g.agg.value(start);
            if (c.holds(value)) {
                out.add(g.takeWindow(value));
            } else {
                g.dropAt(start);
            }
        }
        buffered -= g.drained;
        g.drained = 0;
        if (g.hits.isEmpty()) {
            if (!g.removed) {
                g.removed = true;
                c.groups.remove(g.key);
            }
        } else if (wm != null) {
            c.due.add(new Due(plus(g.hits.first().time, c.span), g));
        }
    }

    // ---------------------------------------------------------------- runtime structures

    /** Where the hits of one rule (or correlation) go: correlation {@code corr}, as its target {@code target}. */
    private record Feed(Corr corr, int target) {}

    /** A group whose first window closes at {@code at}. */
    private record Due(Instant at, Group group) {}

    /** A validated correlation with its runtime state. */
    private static final class Corr {
        final SigmaCorrelation def;
        final SigmaCorrelation.Type type;
        final Duration span;
        final Duration delay;
        /** The rules listed, as indexes of distinct targets, in listed order. */
        final int[] sequence;

        final int targets;
        /** Per target, per group-by name, the field to read. */
        final String[][] groupFields;
        /** Per target, the field aggregated by value_* types, or null. */
        final @Nullable String[] valueFields;

        final @Nullable Map<SigmaCorrelation.Op, BigDecimal> comparisons;
        final List<Feed> outers = new ArrayList<>();
        final LinkedHashMap<List<@Nullable Object>, Group> groups = new LinkedHashMap<>(16, 0.75f, true);
        final PriorityQueue<Due> due = new PriorityQueue<>(Comparator.comparing(Due::at));

        Corr(
                SigmaCorrelation def,
                Duration delay,
                int[] sequence,
                int targets,
                String[][] groupFields,
                @Nullable String[] valueFields) {
            this.def = def;
            this.type = def.type();
            this.span = def.timespan();
            this.delay = delay;
            this.sequence = sequence;
            this.targets = targets;
            this.groupFields = groupFields;
            this.valueFields = valueFields;
            SigmaCorrelation.Threshold th = def.condition();
            this.comparisons = th == null || th.comparisons().isEmpty() ? null : th.comparisons();
        }

        List<@Nullable Object> keyOf(int target, Function<String, @Nullable Object> get) {
            String[] fields = groupFields[target];
            if (fields.length == 0) {
                return List.of();
            }
            @Nullable Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = normalize(get.apply(fields[i]));
            }
            return Arrays.asList(values);
        }

        @Nullable
        Object valueOf(int target, Function<String, @Nullable Object> get) {
            String field = valueFields[target];
            if (field == null) {
                return null;
            }
            Object raw = get.apply(field);
            return type == SigmaCorrelation.Type.VALUE_COUNT ? normalize(raw) : toNumber(raw);
        }

        boolean holds(@Nullable BigDecimal value) {
            if (value == null) {
                return false;
            }
            Map<SigmaCorrelation.Op, BigDecimal> cmp = comparisons;
            if (cmp == null) {
                int required = type == SigmaCorrelation.Type.TEMPORAL_ORDERED ? sequence.length : targets;
                return value.compareTo(BigDecimal.valueOf(required)) >= 0;
            }
            for (Map.Entry<SigmaCorrelation.Op, BigDecimal> e : cmp.entrySet()) {
                int r = value.compareTo(e.getValue());
                boolean ok = switch (e.getKey()) {
                    case GT -> r > 0;
                    case GTE -> r >= 0;
                    case LT -> r < 0;
                    case LTE -> r <= 0;
                    case EQ -> r == 0;
                    case NEQ -> r != 0;
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        Agg newAgg() {
            return switch (type) {
                case EVENT_COUNT -> new Agg();
                case VALUE_COUNT -> new DistinctAgg();
                case VALUE_SUM -> new SumAgg(false);
                case VALUE_AVG -> new SumAgg(true);
                case VALUE_PERCENTILE -> new PercentileAgg(percentileOf(def));
                case TEMPORAL -> new TemporalAgg(targets);
                case TEMPORAL_ORDERED -> new OrderedAgg(targets, sequence);
            };
        }
    }

    private static int percentileOf(SigmaCorrelation def) {
        SigmaCorrelation.Threshold th = def.condition();
        Integer p = th == null ? null : th.percentile();
        return p == null ? 50 : p;
    }

    /** One buffered hit. */
    private static final class Hit {
        final Instant time;
        /** The event's source, or for a chained hit a key derived from the inner match (for ordering ties). */
        final String source;

        final long line;
        final int target;
        final long seq;
        final @Nullable Object value;
        /** For a chained hit, the inner match's event references; null for an event hit. */
        final @Nullable List<String> refs;

        final long events;

        Hit(
                Instant time,
                String source,
                long line,
                int target,
                long seq,
                @Nullable Object value,
                @Nullable List<String> refs,
                long events) {
            this.time = time;
            this.source = source;
            this.line = line;
            this.target = target;
            this.seq = seq;
            this.value = value;
            this.refs = refs;
            this.events = events;
        }
    }

    private static int compareHits(Hit a, Hit b) {
        int r = a.time.compareTo(b.time);
        if (r == 0) {
            r = a.source.compareTo(b.source);
        }
        if (r == 0) {
            r = Long.compare(a.line, b.line);
        }
        if (r == 0) {
            r = Integer.compare(a.target, b.target);
        }
        if (r == 0) {
            r = Long.compare(a.seq, b.seq);
        }
        return r;
    }

    /**
     * The buffered hits of one (correlation, group), sorted by time. The aggregate covers the hits from the first one
     * through {@code end} (the current window, as far as it was extended); {@code end == null} when it covers none.
     */
    private static final class Group {
        final Corr corr;
        final List<@Nullable Object> key;
        final TreeSet<Hit> hits = new TreeSet<>(HIT_ORDER);
        final Agg agg;

        @Nullable
        Hit end;

        boolean removed;
        /** Hits removed since the engine's buffered count was last updated. */
        long drained;

        Group(Corr corr, List<@Nullable Object> key) {
            this.corr = corr;
            this.key = key;
            this.agg = corr.newAgg();
        }

        /** Adds a hit; true if it became the first one. */
        boolean insert(Hit hit) {
            Hit first = hits.isEmpty() ? null : hits.first();
            hits.add(hit);
            if (first == null || compareHits(hit, first) < 0) {
                agg.clear();
                end = null;
                return true;
            }
            Hit e = end;
            if (e != null && compareHits(hit, e) < 0) {
                agg.add(hit);
            }
            return false;
        }

        /** Extends the aggregate to every hit up to {@code limit}. */
        void extend(Instant limit) {
            Hit e = end;
            Hit next = e == null ? hits.first() : hits.higher(e);
            while (next != null && !next.time.isAfter(limit)) {
                agg.add(next);
                end = next;
                next = hits.higher(next);
            }
        }

        /** Removes the hits at time {@code t}, the start of a window that did not fire. */
        void dropAt(Instant t) {
            while (!hits.isEmpty() && hits.first().time.equals(t)) {
                Hit h = hits.pollFirst();
                drained++;
                if (end != null) {
                    agg.remove(h);
                    if (h == end) {
                        end = null;
                    }
                }
            }
        }

        /** Removes the current window and returns its match. */
        CorrelationMatch takeWindow(@Nullable BigDecimal value) {
            Hit last = Objects.requireNonNull(end);
            Instant first = hits.first().time;
            List<String> refs = new ArrayList<>();
            long events = 0;
            int n = 0;
            Hit h;
            do {
                h = hits.pollFirst();
                n++;
                events += h.events;
                List<String> hr = h.refs;
                if (hr == null) {
                    if (refs.size() < CorrelationMatch.MAX_EVENT_REFS) {
                        refs.add(h.source + ":" + h.line);
                    }
                } else {
                    for (int i = 0; i < hr.size() && refs.size() < CorrelationMatch.MAX_EVENT_REFS; i++) {
                        refs.add(hr.get(i));
                    }
                }
            } while (h != last);
            drained += n;
            agg.clear();
            end = null;
            Map<String, @Nullable Object> group = new LinkedHashMap<>();
            List<String> names = corr.def.groupBy();
            for (int i = 0; i < names.size(); i++) {
                group.put(names.get(i), key.get(i));
            }
            return new CorrelationMatch(corr.def, group, first, last.time, n, value, refs, events);
        }
    }

    // ---------------------------------------------------------------- aggregates

    /** The aggregate of a window's hits; this base class counts them ({@code event_count}). */
    private static class Agg {
        int count;

        void add(Hit h) {
            count++;
        }

        void remove(Hit h) {
            count--;
        }

        void clear() {
            count = 0;
        }

        /** The window's value; {@code start} is the window start (the time of the first hit). */
        @Nullable
        BigDecimal value(Instant start) {
            return BigDecimal.valueOf(count);
        }
    }

    /** value_count: distinct non-null values. */
    private static final class DistinctAgg extends Agg {
        final HashMap<Object, Integer> values = new HashMap<>();

        @Override
        void add(Hit h) {
            super.add(h);
            if (h.value != null) {
                values.merge(h.value, 1, Integer::sum);
            }
        }

        @Override
        void remove(Hit h) {
            super.remove(h);
            if (h.value != null) {
                values.computeIfPresent(h.value, (k, n) -> n == 1 ? null : n - 1);
            }
        }

        @Override
        void clear() {
            super.clear();
            values.clear();
        }

        @Override
        BigDecimal value(Instant start) {
            return BigDecimal.valueOf(values.size());
        }
    }

    /** value_sum and value_avg: exact running sum of the numeric values. */
    private static final class SumAgg extends Agg {
        final boolean average;
        BigDecimal sum = BigDecimal.ZERO;
        int numbers;

        SumAgg(boolean average) {
            this.average = average;
        }

        @Override
        void add(Hit h) {
            super.add(h);
            if (h.value instanceof BigDecimal v) {
                sum = sum.add(v);
                numbers++;
            }
        }

        @Override
        void remove(Hit h) {
            super.remove(h);
            if (h.value instanceof BigDecimal v) {
                sum = sum.subtract(v);
                numbers--;
            }
        }

        @Override
        void clear() {
            super.clear();
            sum = BigDecimal.ZERO;
            numbers = 0;
        }

        @Override
        @Nullable
        BigDecimal value(Instant start) {
            if (numbers == 0) {
                return null;
            }
            BigDecimal v = average ? sum.divide(BigDecimal.valueOf(numbers), MathContext.DECIMAL128) : sum;
            return v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
        }
    }

    /** value_percentile: the numeric values kept sorted. */
    private static final class PercentileAgg extends Agg {
        final int percentile;
        final ArrayList<BigDecimal> sorted = new ArrayList<>();

        PercentileAgg(int percentile) {
            this.percentile = percentile;
        }

        @Override
        void add(Hit h) {
            super.add(h);
            if (h.value instanceof BigDecimal v) {
                int i = Collections.binarySearch(sorted, v);
                sorted.add(i < 0 ? -i - 1 : i, v);
            }
        }

        @Override
        void remove(Hit h) {
            super.remove(h);
            if (h.value instanceof BigDecimal v) {
                int i = Collections.binarySearch(sorted, v);
                if (i >= 0) {
                    sorted.remove(i);
                }
            }
        }

        @Override
        void clear() {
            super.clear();
            sorted.clear();
        }

        @Override
        @Nullable
        BigDecimal value(Instant start) {
            int n = sorted.size();
            if (n == 0) {
                return null;
            }
            int rank = (int) Math.max(1, ((long) percentile * n + 99) / 100);
            return sorted.get(Math.min(rank, n) - 1);
        }
    }

    /** temporal: hits per referenced rule. */
    private static final class TemporalAgg extends Agg {
        final int[] perTarget;
        int distinct;

        TemporalAgg(int targets) {
            this.perTarget = new int[targets];
        }

        @Override
        void add(Hit h) {
            super.add(h);
            if (perTarget[h.target]++ == 0) {
                distinct++;
            }
        }

        @Override
        void remove(Hit h) {
            super.remove(h);
            if (--perTarget[h.target] == 0) {
                distinct--;
            }
        }

        @Override
        void clear() {
            super.clear();
            Arrays.fill(perTarget, 0);
            distinct = 0;
        }

        @Override
        BigDecimal value(Instant start) {
            return BigDecimal.valueOf(distinct);
        }
    }

    /** temporal_ordered: hit times per referenced rule, for the greedy ordered subsequence. */
    private static final class OrderedAgg extends Agg {
        final List<TreeMap<Instant, Integer>> times = new ArrayList<>();
        final int[] sequence;

        OrderedAgg(int targets, int[] sequence) {
            for (int i = 0; i < targets; i++) {
                times.add(new TreeMap<>());
            }
            this.sequence = sequence;
        }

        @Override
        void add(Hit h) {
            super.add(h);
            times.get(h.target).merge(h.time, 1, Integer::sum);
        }

        @Override
        void remove(Hit h) {
            super.remove(h);
            times.get(h.target).computeIfPresent(h.time, (k, n) -> n == 1 ? null : n - 1);
        }

        @Override
        void clear() {
            super.clear();
            for (TreeMap<Instant, Integer> m : times) {
                m.clear();
            }
        }

        @Override
        @Nullable
        BigDecimal value(Instant start) {
            if (!times.get(sequence[0]).containsKey(start)) {
                return null; // windows start at a hit of the first listed rule
            }
            Instant cur = start;
            Map<Integer, Integer> usedAtCur = new HashMap<>();
            int k = 0;
            for (int s : sequence) {
                TreeMap<Instant, Integer> m = times.get(s);
                Instant at = m.ceilingKey(cur);
                if (at != null && at.equals(cur) && m.get(at) <= usedAtCur.getOrDefault(s, 0)) {
                    at = m.higherKey(cur);
                }
                if (at == null) {
                    break;
                }
                if (!at.equals(cur)) {
                    cur = at;
                    usedAtCur.clear();
                }
                usedAtCur.merge(s, 1, Integer::sum);
                k++;
            }
            return BigDecimal.valueOf(k);
        }
    }

    // ---------------------------------------------------------------- values and time

    /** Group and distinct values: integral numbers as Long, other numbers as BigDecimal without trailing zeros. */
    static @Nullable Object normalize(@Nullable Object v) {
        if (v instanceof Long || v == null || v instanceof String) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return v;
            }
            if (d == Math.rint(d) && Math.abs(d) < 9.0e18) {
                return (long) d;
            }
            return BigDecimal.valueOf(d).stripTrailingZeros();
        }
        if (v instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? (Object) bi.longValue() : new BigDecimal(bi);
        }
        if (v instanceof BigDecimal bd) {
            BigDecimal s = bd.stripTrailingZeros();
            if (s.scale() <= 0 && s.precision() - s.scale() <= 18) {
                return s.longValueExact();
            }
            return s;
        }
        return v;
    }

    /** A numeric value for value_sum/avg/percentile, or null if the value is not numeric or out of range. */
    static @Nullable BigDecimal toNumber(@Nullable Object v) {
        BigDecimal d;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            d = BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double x = ((Number) v).doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                return null;
            }
            d = BigDecimal.valueOf(x);
        } else if (v instanceof BigDecimal bd) {
            d = bd;
        } else if (v instanceof BigInteger bi) {
            d = new BigDecimal(bi);
        } else if (v instanceof String s) {
            String t = s.trim();
            if (t.length() > 100 || !DECIMAL.matcher(t).matches()) {
                return null;
            }
            try {
                d = new BigDecimal(t);
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        if (d.signum() == 0) {
            return BigDecimal.ZERO;
        }
        d = d.stripTrailingZeros();
        long magnitude = (long) d.precision() - d.scale();
        if (magnitude > MAX_MAGNITUDE || d.scale() > MAX_MAGNITUDE) {
            return null;
        }
        return d;
    }

    static Instant plus(Instant t, Duration d) {
        try {
            return t.plus(d);
        } catch (DateTimeException | ArithmeticException e) {
            return d.isNegative() ? Instant.MIN : Instant.MAX;
        }
    }

    static Instant minus(Instant t, Duration d) {
        try {
            return t.minus(d);
        } catch (DateTimeException | ArithmeticException e) {
            return d.isNegative() ? Instant.MAX : Instant.MIN;
        }
    }

    private static Duration add(Duration a, Duration b) {
        try {
            return a.plus(b);
        } catch (ArithmeticException e) {
            return Duration.ofSeconds(Long.MAX_VALUE / 2);
        }
    }

    // ---------------------------------------------------------------- validation

    /** A referenced rule: a detection rule by canonical id, or a correlation by index in the input list. */
    private record Target(@Nullable String rule, int correlation) {}

    private static final class Builder {
        final List<SigmaCorrelation> input;
        final Map<String, String> ruleRefs;
        final @Nullable Duration lateness;
        final int maxGroups;
        final int n;
        final List<List<SigmaError>> errors = new ArrayList<>();
        final boolean[] invalid;
        final Map<String, Integer> byRef = new HashMap<>();
        final List<List<Target>> targets = new ArrayList<>();
        final List<int[]> sequences = new ArrayList<>();
        final List<Map<String, Map<Integer, String>>> aliases = new ArrayList<>();

        Builder(
                List<SigmaCorrelation> input,
                Map<String, String> ruleRefs,
                @Nullable Duration lateness,
                int maxGroups) {
            this.input = List.copyOf(input);
            this.ruleRefs = ruleRefs;
            this.lateness = lateness;
            this.maxGroups = maxGroups;
            this.n = this.input.size();
            this.invalid = new boolean[n];
            for (int i = 0; i < n; i++) {
                errors.add(new ArrayList<>());
            }
        }

        void error(int i, String message) {
            SigmaCorrelation c = input.get(i);
            invalid[i] = true;
            errors.get(i).add(new SigmaError(c.source(), c.line(), 0, message));
        }

        Built build() {
            indexReferences();
            for (int i = 0; i < n; i++) {
                resolve(i);
            }
            findCycles();
            propagateInvalid();
            List<Integer> order = topologicalOrder();
            Map<Integer, Corr> built = new HashMap<>();
            Map<String, List<Feed>> feeds = new HashMap<>();
            List<Corr> corrs = new ArrayList<>();
            for (int i : order) {
                Corr c = runtime(i, built);
                built.put(i, c);
                corrs.add(c);
                List<Target> ts = targets.get(i);
                for (int t = 0; t < ts.size(); t++) {
                    Target target = ts.get(t);
                    String rule = target.rule();
                    if (rule != null) {
                        feeds.computeIfAbsent(rule, k -> new ArrayList<>(1)).add(new Feed(c, t));
                    } else {
                        Objects.requireNonNull(built.get(target.correlation()))
                                .outers
                                .add(new Feed(c, t));
                    }
                }
            }
            List<SigmaError> all = new ArrayList<>();
            for (List<SigmaError> es : errors) {
                all.addAll(es);
            }
            return new Built(new CorrelationEngine(List.copyOf(corrs), Map.copyOf(feeds), maxGroups), all);
        }

        private void indexReferences() {
            for (int i = 0; i < n; i++) {
                SigmaCorrelation c = input.get(i);
                for (String ref : Arrays.asList(c.id(), c.name())) {
                    if (ref == null) {
                        continue;
                    }
                    Integer prev = byRef.putIfAbsent(ref, i);
                    if (prev != null && prev != i) {
                        SigmaCorrelation p = input.get(prev);
                        error(
                                i,
                                "correlation '" + label(c) + "': '" + ref + "' is already the id or name of the"
                                        + " correlation at " + p.source() + ":" + p.line());
                    }
                }
            }
        }

        /** Resolves a reference: a detection rule, a correlation, or null (with an error) if unknown or ambiguous. */
        private @Nullable Target target(int i, String ref, String what) {
            String rule = ruleRefs.get(ref);
            Integer corr = byRef.get(ref);
            if (rule != null && corr != null) {
                error(
                        i,
                        "correlation '" + label(input.get(i)) + "' " + what + " '" + ref
                                + "', which is both a detection rule and a correlation");
                return null;
            }
            if (rule == null && corr == null) {
                error(
                        i,
                        "correlation '" + label(input.get(i)) + "' " + what + " unknown rule or correlation '" + ref
                                + "'");
                return null;
            }
            return rule != null ? new Target(rule, -1) : new Target(null, corr);
        }

        private void resolve(int i) {
            SigmaCorrelation c = input.get(i);
            List<Target> ts = new ArrayList<>();
            int[] seq = new int[c.rules().size()];
            for (int r = 0; r < seq.length; r++) {
                Target t = target(i, c.rules().get(r), "references");
                int idx = t == null ? -1 : ts.indexOf(t);
                if (t != null && idx < 0) {
                    idx = ts.size();
                    ts.add(t);
                }
                seq[r] = idx;
            }
            targets.add(ts);
            sequences.add(seq);
            if (seq.length == 0) {
                error(i, "correlation '" + label(c) + "' references no rule");
            }
            if (c.timespan().isNegative()) {
                error(i, "correlation '" + label(c) + "' has a negative timespan");
            }
            SigmaCorrelation.Threshold th = c.condition();
            SigmaCorrelation.Type type = c.type();
            boolean temporal = type == SigmaCorrelation.Type.TEMPORAL || type == SigmaCorrelation.Type.TEMPORAL_ORDERED;
            if (!temporal && (th == null || th.comparisons().isEmpty())) {
                error(
                        i,
                        "correlation '" + label(c) + "' of type " + type.token() + " needs a condition (gt, gte, ...)");
            }
            if (type.needsField() && (th == null || th.field() == null)) {
                error(i, "correlation '" + label(c) + "' of type " + type.token() + " needs 'field' in its condition");
            }
            if (type == SigmaCorrelation.Type.VALUE_PERCENTILE) {
                Integer p = th == null ? null : th.percentile();
                if (p == null || p < 1 || p > 99) {
                    error(i, "correlation '" + label(c) + "' of type value_percentile needs 'percentile' from 1 to 99");
                }
            }
            Map<String, Map<Integer, String>> al = new HashMap<>();
            for (Map.Entry<String, Map<String, String>> a : c.aliases().entrySet()) {
                Map<Integer, String> perTarget = new HashMap<>();
                for (Map.Entry<String, String> e : a.getValue().entrySet()) {
                    int idx = aliasTarget(e.getKey(), ts);
                    if (idx < 0) {
                        error(
                                i,
                                "correlation '" + label(c) + "': alias '" + a.getKey() + "' names '" + e.getKey()
                                        + "', which is not one of its rules");
                    } else {
                        perTarget.put(idx, e.getValue());
                    }
                }
                al.put(a.getKey(), perTarget);
            }
            aliases.add(al);
        }

        private int aliasTarget(String ref, List<Target> ts) {
            String rule = ruleRefs.get(ref);
            Integer corr = byRef.get(ref);
            if (rule != null && corr != null) {
                return -1;
            }
            if (rule != null) {
                return ts.indexOf(new Target(rule, -1));
            }
            return corr == null ? -1 : ts.indexOf(new Target(null, corr));
        }

        private List<Integer> inner(int i) {
            List<Integer> out = new ArrayList<>();
            for (Target t : targets.get(i)) {
                if (t.rule() == null) {
                    out.add(t.correlation());
                }
            }
            return out;
        }

        /** Marks every correlation that can reach itself through correlation references. */
        private void findCycles() {
            for (int i = 0; i < n; i++) {
                int[] parent = new int[n];
                Arrays.fill(parent, -2);
                ArrayDeque<Integer> queue = new ArrayDeque<>();
                for (int j : inner(i)) {
                    if (parent[j] == -2) {
                        parent[j] = -1;
                        queue.add(j);
                    }
                }
                boolean cyclic = false;
                while (!queue.isEmpty() && !cyclic) {
                    int v = queue.poll();
                    if (v == i) {
                        cyclic = true;
                        break;
                    }
                    for (int w : inner(v)) {
                        if (parent[w] == -2) {
                            parent[w] = v;
                            queue.add(w);
                        }
                    }
                }
                if (cyclic) {
                    List<String> path = new ArrayList<>();
                    for (int v = i; v >= 0; v = parent[v]) {
                        path.add(label(input.get(v)));
                        if (path.size() > n) {
                            break;
                        }
                    }
                    path.add(label(input.get(i)));
                    Collections.reverse(path);
                    error(
                            i,
                            "correlation '" + label(input.get(i)) + "' is part of a reference cycle: "
                                    + String.join(" -> ", path));
                }
            }
        }

        private void propagateInvalid() {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int i = 0; i < n; i++) {
                    if (invalid[i]) {
                        continue;
                    }
                    for (int j : inner(i)) {
                        if (invalid[j]) {
                            error(
                                    i,
                                    "correlation '" + label(input.get(i)) + "' references invalid correlation '"
                                            + label(input.get(j)) + "' ("
                                            + input.get(j).source() + ":"
                                            + input.get(j).line() + ")");
                            changed = true;
                            break;
                        }
                    }
                }
            }
        }

        /** Valid correlations, referenced ones first (they form a DAG: cycles are invalid). */
        private List<Integer> topologicalOrder() {
            List<Integer> order = new ArrayList<>();
            boolean[] done = new boolean[n];
            for (int i = 0; i < n; i++) {
                visit(i, done, order);
            }
            return order;
        }

        private void visit(int i, boolean[] done, List<Integer> order) {
            if (done[i] || invalid[i]) {
                return;
            }
            done[i] = true;
            for (int j : inner(i)) {
                visit(j, done, order);
            }
            order.add(i);
        }

        private Corr runtime(int i, Map<Integer, Corr> built) {
            SigmaCorrelation c = input.get(i);
            List<Target> ts = targets.get(i);
            Duration delay = lateness != null ? lateness : c.timespan();
            for (int j : inner(i)) {
                Corr in = Objects.requireNonNull(built.get(j));
                Duration need = add(in.delay, in.span);
                if (need.compareTo(delay) > 0) {
                    delay = need;
                }
            }
            Map<String, Map<Integer, String>> al = aliases.get(i);
            String[][] groupFields = new String[ts.size()][];
            @Nullable String[] valueFields = new String[ts.size()];
            SigmaCorrelation.Threshold th = c.condition();
            String valueField = c.type().needsField() && th != null ? th.field() : null;
            for (int t = 0; t < ts.size(); t++) {
                String[] fields = new String[c.groupBy().size()];
                for (int g = 0; g < fields.length; g++) {
                    fields[g] = field(al, c.groupBy().get(g), t);
                }
                groupFields[t] = fields;
                valueFields[t] = valueField == null ? null : field(al, valueField, t);
            }
            return new Corr(c, delay, sequences.get(i), ts.size(), groupFields, valueFields);
        }

        private static String field(Map<String, Map<Integer, String>> aliases, String name, int target) {
            Map<Integer, String> per = aliases.get(name);
            String f = per == null ? null : per.get(target);
            return f == null ? name : f;
        }

        static String label(SigmaCorrelation c) {
            if (c.name() != null) {
                return c.name();
            }
            return c.id() != null ? c.id() : c.title();
        }
    }
}
