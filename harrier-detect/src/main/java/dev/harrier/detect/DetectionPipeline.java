package dev.harrier.detect;

import dev.harrier.detect.ioc.IocEntry;
import dev.harrier.detect.ioc.IocHit;
import dev.harrier.detect.ioc.IocIndex;
import dev.harrier.detect.ioc.IocMatcher;
import dev.harrier.detect.pattern.EventPatternScan;
import dev.harrier.detect.sigma.CompiledRule;
import dev.harrier.detect.sigma.CompiledRuleSet;
import dev.harrier.detect.sigma.CorrelationEngine;
import dev.harrier.detect.sigma.CorrelationMatch;
import dev.harrier.detect.sigma.Detector;
import dev.harrier.detect.sigma.Levels;
import dev.harrier.detect.sigma.RuleMatch;
import dev.harrier.detect.sigma.SigmaCorrelation;
import dev.harrier.detect.sigma.SigmaError;
import dev.harrier.telemetry.Event;
import dev.harrier.telemetry.EventSource;
import dev.harrier.telemetry.ReadStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs a compiled Sigma rule set over a stream of events: each event goes through the {@link Detector}, every rule
 * hit feeds the correlations, and alerts at or above the minimum level reach the sink as {@link Hit}s, in input
 * order (correlation hits when they fire, and at the end for windows still open). Memory does not grow with the
 * input: events are not kept, only open correlation windows.
 */
public final class DetectionPipeline {
    private final CompiledRuleSet rules;
    private final int minLevel;
    private final CorrelationEngine correlations;
    private final List<SigmaError> correlationErrors;
    private final @Nullable IocIndex iocs;
    private PatternIndicators.@Nullable Built patterns;
    private int patternBatch = EventPatternScan.DEFAULT_BATCH;

    /**
     * A pipeline.
     *
     * @param minLevel the lowest level reported, as a {@link Levels} rank (0 reports everything)
     */
    public DetectionPipeline(CompiledRuleSet rules, int minLevel) {
        this(rules, null, minLevel);
    }

    /**
     * A pipeline that also matches the indicators of {@code iocs} (null: none). IOC hits are alerts of level
     * {@code high} with the indicator as the rule.
     */
    public DetectionPipeline(CompiledRuleSet rules, @Nullable IocIndex iocs, int minLevel) {
        this.rules = rules;
        this.iocs = iocs;
        this.minLevel = minLevel;
        CorrelationEngine.Built built = CorrelationEngine.build(rules.correlations(), rules.ruleRefs());
        this.correlations = built.engine();
        this.correlationErrors = built.errors();
    }

    /**
     * Also matches the STIX patterns of {@code patterns} (indicators too rich for the IOC index) against the events
     * mapped to observed-data, {@code batch} events at a time (see {@link EventPatternScan}). Their alerts are of
     * level {@code high}, kind {@code stix-pattern}, one per event of each match, and reach the sink when a batch is
     * matched (after the other alerts of the batch's events).
     */
    public DetectionPipeline withPatterns(PatternIndicators.Built patterns, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.patterns = patterns.size() == 0 ? null : patterns;
        this.patternBatch = batch;
        return this;
    }

    /** Problems with the correlation rules (unknown references, cycles); those correlations are left out. */
    public List<SigmaError> correlationErrors() {
        return correlationErrors;
    }

    /**
     * Reads {@code source} to the end.
     *
     * @param sink receives each alert
     * @param progress receives the number of events read, now and then
     */
    public DetectionStats run(EventSource source, Consumer<Hit> sink, LongConsumer progress) throws IOException {
        long start = System.nanoTime();
        Detector detector = rules.newDetector();
        IocMatcher iocMatcher = iocs == null ? null : new IocMatcher(iocs);
        Counts counts = new Counts();
        PatternIndicators.Built pats = patterns;
        EventPatternScan.Feed feed = pats == null
                ? null
                : new EventPatternScan(pats.index(), patternBatch).feed(h -> {
                    for (Hit hit : patternHits(h, pats)) {
                        emit(hit, sink, counts);
                    }
                });
        long events = 0;
        for (Event e = source.next(); e != null; e = source.next()) {
            events++;
            if ((events & 0x3ff) == 0) {
                progress.accept(events);
            }
            if (feed != null) {
                feed.accept(e);
            }
            if (iocMatcher != null) {
                for (IocHit h : iocMatcher.match(e)) {
                    emit(iocHit(h), sink, counts);
                }
            }
            List<RuleMatch> matches = detector.detect(e);
            if (matches.isEmpty()) {
                continue;
            }
            for (RuleMatch m : matches) {
                CompiledRule r = m.rule();
                if (!r.standalone()) {
                    counts.buildingBlocks++;
                } else {
                    emit(ruleHit(m), sink, counts);
                }
                for (CorrelationMatch cm : correlations.accept(r.id(), e)) {
                    emit(correlationHit(cm), sink, counts);
                }
            }
        }
        for (CorrelationMatch cm : correlations.flush()) {
            emit(correlationHit(cm), sink, counts);
        }
        if (feed != null) {
            feed.finish();
        }
        progress.accept(events);
        ReadStats rs = source.stats();
        return new DetectionStats(
                rs.events(),
                rs.badRecords(),
                rs.files(),
                rs.skippedFiles(),
                System.nanoTime() - start,
                detector.evaluated(),
                counts.hits,
                counts.below,
                counts.buildingBlocks,
                counts.byRule,
                counts.byLevel,
                counts.titles,
                correlations.skippedNoTimestamp(),
                rs.errors());
    }

    /** Adds the techniques and authors of the rules a correlation builds on, following chained correlations. */
    private void collect(SigmaCorrelation c, Set<String> techniques, Set<String> authors, Set<SigmaCorrelation> seen) {
        if (!seen.add(c)) {
            return;
        }
        for (String ref : c.rules()) {
            String rid = rules.ruleRefs().get(ref);
            if (rid != null) {
                rules.rule(rid).ifPresent(r -> {
                    techniques.addAll(r.techniques());
                    if (authors.isEmpty() && r.author() != null) {
                        authors.add(r.author());
                    }
                });
            } else {
                for (SigmaCorrelation inner : rules.correlations()) {
                    if (ref.equals(inner.id()) || ref.equals(inner.name())) {
                        techniques.addAll(inner.attackTechniques());
                        if (authors.isEmpty() && inner.author() != null) {
                            authors.add(inner.author());
                        }
                        collect(inner, techniques, authors, seen);
                    }
                }
            }
        }
    }

    private static final class Counts {
        long hits;
        long below;
        long buildingBlocks;
        final Map<String, Long> byRule = new TreeMap<>();
        final Map<String, Long> byLevel = new TreeMap<>();
        final Map<String, String> titles = new TreeMap<>();
    }

    private void emit(Hit h, Consumer<Hit> sink, Counts c) {
        if (Levels.rank(h.level()) < minLevel) {
            c.below++;
            return;
        }
        c.hits++;
        c.byRule.merge(h.ruleId(), 1L, Long::sum);
        c.byLevel.merge(h.level() == null ? "none" : h.level(), 1L, Long::sum);
        c.titles.putIfAbsent(h.ruleId(), h.title());
        sink.accept(h);
    }

    /** One alert per event of a pattern match, when the indicator was valid at every event's time. */
    static List<Hit> patternHits(EventPatternScan.PatternHit h, PatternIndicators.Built built) {
        String id = h.pattern().id().orElse("");
        PatternIndicators.Indicator ind = built.indicators().get(id);
        if (ind == null) {
            return List.of();
        }
        for (Event e : h.events()) {
            if (!ind.validAt(e.timestamp())) {
                return List.of();
            }
        }
        List<Hit> out = new ArrayList<>();
        int n = h.events().size();
        for (int i = 0; i < n; i++) {
            Event e = h.events().get(i);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("pattern", h.pattern().text());
            if (n > 1) {
                fields.put("observation", (i + 1) + " of " + n);
            }
            fields.put("indicators", id);
            out.add(new Hit(
                    Hit.STIX_PATTERN,
                    id,
                    "STIX pattern: " + ind.name(),
                    "high",
                    null,
                    List.of(),
                    e.timestamp(),
                    e.host(),
                    e.source(),
                    e.line(),
                    fields));
        }
        return out;
    }

    static Hit iocHit(IocHit h) {
        Event e = h.event();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(h.field(), h.observed());
        fields.put(
                "indicator",
                h.entry().kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                        + h.entry().value());
        List<String> ids = new ArrayList<>();
        for (IocEntry en : h.entries()) {
            ids.add(en.indicatorId());
        }
        fields.put("indicators", String.join(" ", ids));
        String name = h.entry().name();
        for (IocEntry en : h.others()) {
            if (!en.name().equals(en.value()) && !en.name().startsWith("[")) {
                name = en.name();
            }
        }
        if (!h.entry().name().equals(h.entry().value()) && !h.entry().name().startsWith("[")) {
            name = h.entry().name();
        }
        return new Hit(
                Hit.IOC,
                h.entry().indicatorId(),
                "IOC: " + name + (h.others().isEmpty() ? "" : " (" + ids.size() + " indicators)"),
                "high",
                null,
                List.of(),
                e.timestamp(),
                e.host(),
                e.source(),
                e.line(),
                fields);
    }

    static Hit ruleHit(RuleMatch m) {
        CompiledRule r = m.rule();
        Event e = m.event();
        return new Hit(
                Hit.SIGMA,
                r.id(),
                r.title(),
                r.level(),
                r.author(),
                r.techniques(),
                e.timestamp(),
                e.host(),
                e.source(),
                e.line(),
                m.fields());
    }

    private Hit correlationHit(CorrelationMatch m) {
        SigmaCorrelation c = m.correlation();
        String id = c.id() != null
                ? c.id()
                : UUID.nameUUIDFromBytes((c.source() + "\u0000" + c.line()).getBytes(StandardCharsets.UTF_8))
                        .toString();
        Set<String> techniques = new LinkedHashSet<>(c.attackTechniques());
        Set<String> authors = new LinkedHashSet<>();
        if (c.author() != null) {
            authors.add(c.author());
        }
        collect(c, techniques, authors, new java.util.HashSet<>());
        Map<String, String> fields = new LinkedHashMap<>();
        m.group().forEach((k, v) -> fields.put(k, v == null ? "" : v.toString()));
        fields.put("count", Long.toString(m.hitCount()));
        if (m.value() != null) {
            fields.put("value", m.value().toPlainString());
        }
        fields.put("window", m.firstTime() + "/" + m.lastTime());
        String first = m.eventRefs().isEmpty() ? c.source() : m.eventRefs().get(0);
        int colon = first.lastIndexOf(':');
        String src = colon > 0 ? first.substring(0, colon) : first;
        long line = 0;
        if (colon > 0) {
            try {
                line = Long.parseLong(first.substring(colon + 1));
            } catch (NumberFormatException ex) {
                line = 0;
            }
        }
        Object host = m.group().get("Computer");
        return new Hit(
                Hit.CORRELATION,
                id,
                c.title(),
                c.level(),
                authors.isEmpty() ? null : String.join("; ", authors),
                new ArrayList<>(techniques),
                m.lastTime(),
                host == null ? null : host.toString(),
                src,
                line,
                fields);
    }
}
