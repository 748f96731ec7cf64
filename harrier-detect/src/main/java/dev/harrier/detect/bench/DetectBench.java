package dev.harrier.detect.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import dev.harrier.detect.sigma.CompiledRuleSet;
import dev.harrier.detect.sigma.Detector;
import dev.harrier.detect.sigma.LogSourceMap;
import dev.harrier.detect.sigma.Placeholders;
import dev.harrier.detect.sigma.RuleMatch;
import dev.harrier.detect.sigma.SigmaCompiler;
import dev.harrier.detect.sigma.SigmaConformance;
import dev.harrier.detect.sigma.SigmaParser;
import dev.harrier.detect.sigma.SigmaRules;
import dev.harrier.telemetry.Event;
import dev.harrier.telemetry.EventSource;
import dev.harrier.telemetry.EventSources;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Measures Sigma detection throughput against plain JSON parsing of the same input, in one JVM. Three ways of
 * reading an NDJSON corpus (see {@link CorpusBuilder}) are timed:
 *
 * <ol>
 *   <li><b>parse only</b>: Jackson's {@link MappingIterator} reads every line into a {@code Map} of plain Java values,
 *       the same kind of tree Harrier's event readers build, and nothing else is done: the floor;
 *   <li><b>parse + map</b>: {@link EventSources} reads the corpus (line splitting, limits, tree, mapping to Sigma
 *       field names, timestamps);
 *   <li><b>parse + detect</b>: the same reader, and every event goes through a {@link Detector} over the whole rule
 *       set (channel and event id index, needle prefilter, condition evaluation).
 * </ol>
 *
 * <p>One warm-up pass of each comes first; then {@code passes} measured rounds run the three in turn (so that a
 * change of machine load affects all three alike), and the best and the median of each are reported. During the
 * warm-up pass of parse + detect, heap use is sampled after a full GC at 25, 50, 75 and 100 % of the input: a coarse
 * check that memory does not grow with the input. The ratio parse + detect / parse only (median) is checked against
 * {@link #TARGET}.
 */
public final class DetectBench {
    /** The target: parse + detect runs at no less than this share of parse-only throughput. */
    public static final double TARGET = 0.5;

    private static final int TOP_RULES = 10;

    private final SigmaRules.Loaded rules;
    private final Limits limits;
    private final ObjectMapper mapper;

    /** A bench over the given rules, reading with the given limits. */
    public DetectBench(SigmaRules.Loaded rules, Limits limits) {
        this.rules = rules;
        this.limits = limits;
        this.mapper = Json.create(limits);
    }

    /**
     * Loads rules as the SigmaHQ conformance run does: the shipped Windows logsource map, placeholders without
     * values compiled as wildcards, unmapped logsources not evaluated.
     */
    public static SigmaRules.Loaded loadRules(List<Path> paths, IntConsumer progress) throws IOException {
        return new SigmaRules(
                        new SigmaParser(),
                        new SigmaCompiler(
                                LogSourceMap.windowsDefault(),
                                Placeholders.of(Map.of(), Placeholders.Unresolved.WILDCARD),
                                false))
                .load(paths, progress);
    }

    /**
     * The active rule directories ({@code rules}, {@code rules-emerging-threats}, {@code rules-threat-hunting}) of a
     * SigmaHQ checkout that exist.
     *
     * @throws NoSuchFileException when none exists
     */
    public static List<Path> sigmaRuleDirs(Path sigmaRoot) throws NoSuchFileException {
        List<Path> dirs = new ArrayList<>();
        for (String d : SigmaConformance.RULE_DIRS) {
            if (Files.isDirectory(sigmaRoot.resolve(d))) {
                dirs.add(sigmaRoot.resolve(d));
            }
        }
        if (dirs.isEmpty()) {
            throw new NoSuchFileException(sigmaRoot.resolve("rules").toString(), null, "no SigmaHQ rule directories");
        }
        return dirs;
    }

    /**
     * One pass over the corpus.
     *
     * @param events records read (JSON objects for parse only, events for the readers)
     * @param nanos wall time of the pass, opening the file included
     * @param badRecords records the reader rejected (always 0 for parse only, which stops at bad JSON)
     * @param hits rule matches (parse + detect only)
     * @param eventsWithHits events with at least one rule match
     * @param evaluated rule conditions evaluated after the prefilter
     * @param checksum a value derived from what was read, so that nothing can be optimized away
     */
    public record Pass(
            long events, long nanos, long badRecords, long hits, long eventsWithHits, long evaluated, long checksum) {
        /** Events per second. */
        public double eventsPerSecond() {
            return nanos <= 0 ? 0 : events * 1e9 / nanos;
        }
    }

    /** Parse only: Jackson reads every JSON object of the (possibly gzip-compressed) file into a {@code Map}. */
    public static Pass parseOnly(Path corpus, ObjectMapper mapper) throws IOException {
        long start = System.nanoTime();
        long events = 0;
        long checksum = 0;
        ObjectReader reader = mapper.readerFor(Map.class);
        try (InputStream in = open(corpus);
                MappingIterator<Map<String, Object>> it = reader.readValues(in)) {
            while (it.hasNextValue()) {
                Map<String, Object> m = it.nextValue();
                events++;
                checksum += m.size();
            }
        }
        return new Pass(events, System.nanoTime() - start, 0, 0, 0, 0, checksum);
    }

    /** Parse + map: {@link EventSources} reads every event of the file. */
    public static Pass parseAndMap(Path corpus, Limits limits) throws IOException {
        long start = System.nanoTime();
        long events = 0;
        long checksum = 0;
        long bad;
        try (EventSource src = EventSources.open(corpus, limits)) {
            for (Event e = src.next(); e != null; e = src.next()) {
                events++;
                checksum += e.eventId() + e.fields().size();
            }
            bad = src.stats().badRecords();
        }
        return new Pass(events, System.nanoTime() - start, bad, 0, 0, 0, checksum);
    }

    /** Parse + detect: {@link EventSources} reads every event and a new {@link Detector} over {@code set} checks it. */
    public static Pass parseAndDetect(Path corpus, Limits limits, CompiledRuleSet set) throws IOException {
        return parseAndDetect(corpus, limits, set, null, null);
    }

    private static Pass parseAndDetect(
            Path corpus,
            Limits limits,
            CompiledRuleSet set,
            @Nullable HeapProbe probe,
            @Nullable Map<String, Long> byRule)
            throws IOException {
        long start = System.nanoTime();
        Detector detector = set.newDetector();
        long events = 0;
        long hits = 0;
        long withHits = 0;
        long checksum = 0;
        long bad;
        try (EventSource src = EventSources.open(corpus, limits)) {
            for (Event e = src.next(); e != null; e = src.next()) {
                events++;
                List<RuleMatch> matches = detector.detect(e);
                if (!matches.isEmpty()) {
                    hits += matches.size();
                    withHits++;
                    if (byRule != null) {
                        for (RuleMatch m : matches) {
                            byRule.merge(m.rule().id(), 1L, Long::sum);
                        }
                    }
                }
                checksum += e.eventId();
                if (probe != null) {
                    probe.at(events);
                }
            }
            bad = src.stats().badRecords();
        }
        return new Pass(events, System.nanoTime() - start, bad, hits, withHits, detector.evaluated(), checksum);
    }

    /** The file's bytes, gunzipped when it starts with the gzip magic number. */
    static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            }
            return in;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Samples heap use after a full GC when the event count reaches each quarter of the input. */
    private static final class HeapProbe {
        private final long[] marks;
        private final List<HeapPoint> points = new ArrayList<>();
        private int next;

        HeapProbe(long total) {
            marks = new long[] {Math.max(1, total / 4), Math.max(1, total / 2), Math.max(1, total * 3 / 4), total};
        }

        void at(long events) {
            while (next < marks.length && events == marks[next]) {
                points.add(new HeapPoint((next + 1) * 25, events, usedAfterGc()));
                next++;
            }
        }
    }

    /**
     * Heap in use after a full GC at a point of the input.
     *
     * @param percent share of the input read
     * @param events events read
     * @param usedBytes heap in use after {@link System#gc()}
     */
    public record HeapPoint(int percent, long events, long usedBytes) {}

    /**
     * Throughput of one way of reading.
     *
     * @param name what was measured
     * @param bestEventsPerSecond the fastest measured pass
     * @param medianEventsPerSecond the median measured pass
     * @param passes events per second of each measured pass, in order
     */
    public record Throughput(
            String name, double bestEventsPerSecond, double medianEventsPerSecond, List<Double> passes) {
        public Throughput {
            passes = List.copyOf(passes);
        }

        static Throughput of(String name, List<Pass> measured) {
            List<Double> eps = new ArrayList<>();
            for (Pass p : measured) {
                eps.add(p.eventsPerSecond());
            }
            List<Double> sorted = new ArrayList<>(eps);
            Collections.sort(sorted);
            int n = sorted.size();
            double median =
                    n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Throughput(name, n == 0 ? 0 : sorted.get(n - 1), median, eps);
        }
    }

    /**
     * A rule that matched in the corpus.
     *
     * @param id rule id
     * @param title rule title
     * @param hits matches in one pass
     */
    public record RuleHits(String id, String title, long hits) {}

    /**
     * The whole measurement.
     *
     * @param corpus the corpus file
     * @param corpusBytes its size on disk
     * @param events events in the corpus (as parse + detect read them)
     * @param parsedObjects JSON objects parse only read (equal to {@code events} when no record is bad)
     * @param badRecords records the event reader rejected
     * @param ruleFiles rule files read
     * @param rules rules compiled
     * @param ruleErrors rule files or documents rejected
     * @param correlations correlation rules (not run here: they only see rule hits)
     * @param needles distinct prefilter needles
     * @param passes measured passes of each kind
     * @param parseOnly plain Jackson parsing
     * @param parseAndMap Harrier's event reader
     * @param parseAndDetect the reader plus the detector
     * @param detectVsParseMedian median parse + detect / median parse only
     * @param detectVsParseBest best parse + detect / best parse only
     * @param detectVsMapMedian median parse + detect / median parse + map
     * @param target {@link #TARGET}
     * @param targetMet whether {@code detectVsParseMedian >= target}
     * @param hits rule matches in one pass
     * @param eventsWithHits events with at least one match in one pass
     * @param evaluationsPerEvent rule conditions evaluated per event (after the index and the prefilter)
     * @param topRules the rules that matched most often
     * @param heapBeforeBytes heap in use after a full GC before the sampled pass (rules loaded)
     * @param heap heap in use after a full GC at 25, 50, 75, 100 % of the input
     * @param maxHeapBytes the JVM's maximum heap ({@link Runtime#maxMemory()})
     * @param gcCount collections during the measured passes
     * @param gcMillis time spent in collections during the measured passes
     * @param jvm Java version and VM
     * @param processors available processors
     * @param loadAverageStart system load average (1 minute) when the measurement began, -1 when unknown
     * @param loadAverageEnd system load average (1 minute) when it ended
     */
    public record Result(
            String corpus,
            long corpusBytes,
            long events,
            long parsedObjects,
            long badRecords,
            int ruleFiles,
            int rules,
            int ruleErrors,
            int correlations,
            int needles,
            int passes,
            Throughput parseOnly,
            Throughput parseAndMap,
            Throughput parseAndDetect,
            double detectVsParseMedian,
            double detectVsParseBest,
            double detectVsMapMedian,
            double target,
            boolean targetMet,
            long hits,
            long eventsWithHits,
            double evaluationsPerEvent,
            List<RuleHits> topRules,
            long heapBeforeBytes,
            List<HeapPoint> heap,
            long maxHeapBytes,
            long gcCount,
            long gcMillis,
            String jvm,
            int processors,
            double loadAverageStart,
            double loadAverageEnd) {
        public Result {
            topRules = List.copyOf(topRules);
            heap = List.copyOf(heap);
        }

        /** The result as a plain-text report. */
        public String toText() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(
                    Locale.ROOT,
                    "Corpus: %,d events (%s, %s); %,d malformed%n",
                    events,
                    corpus,
                    mib(corpusBytes),
                    badRecords));
            sb.append(String.format(
                    Locale.ROOT,
                    "Rules: %,d compiled from %,d files (%,d rejected, %,d correlations not run), %,d prefilter"
                            + " needles%n",
                    rules,
                    ruleFiles,
                    ruleErrors,
                    correlations,
                    needles));
            sb.append(String.format(Locale.ROOT, "Passes: 1 warm-up + %d measured of each, interleaved%n%n", passes));
            appendTable(sb, 32, List.of(parseOnly, parseAndMap, parseAndDetect));
            sb.append(String.format(
                    Locale.ROOT,
                    "%nparse + detect / parse only: %.1f %% (median), %.1f %% (best); target >= %.0f %%: %s%n",
                    100 * detectVsParseMedian,
                    100 * detectVsParseBest,
                    100 * target,
                    targetMet ? "MET" : "NOT MET"));
            sb.append(String.format(
                    Locale.ROOT, "parse + detect / parse + map: %.1f %% (median)%n", 100 * detectVsMapMedian));
            sb.append(String.format(
                    Locale.ROOT,
                    "Hits: %,d rule matches on %,d events (%.2f %% of events); %.2f rule evaluations per event%n",
                    hits,
                    eventsWithHits,
                    events == 0 ? 0 : 100.0 * eventsWithHits / events,
                    evaluationsPerEvent));
            for (RuleHits r : topRules) {
                sb.append(String.format(Locale.ROOT, "  %,9d  %s%n", r.hits(), r.title()));
            }
            StringBuilder hp = new StringBuilder();
            for (HeapPoint p : heap) {
                hp.append(String.format(Locale.ROOT, ", %d %%: %s", p.percent(), mib(p.usedBytes())));
            }
            sb.append(String.format(
                    Locale.ROOT, "Heap after GC (max %s): before %s%s%n", mib(maxHeapBytes), mib(heapBeforeBytes), hp));
            appendMachine(sb, gcCount, gcMillis, jvm, processors, loadAverageStart, loadAverageEnd);
            return sb.toString();
        }

        /** The result as a pretty-printed JSON document. */
        public String toJson() {
            return DetectBench.toJson(this);
        }
    }

    /**
     * Runs the measurement on {@code corpus}.
     *
     * @param passes measured passes of each kind, at least 1
     * @param progress receives a line before each pass
     */
    public Result run(Path corpus, int passes, Consumer<String> progress) throws IOException {
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be at least 1: " + passes);
        }
        if (!Files.isRegularFile(corpus)) {
            throw new NoSuchFileException(corpus.toString(), null, "corpus not found");
        }
        double loadStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        CompiledRuleSet set = rules.ruleSet();

        progress.accept("warm-up: parse only");
        Pass a0 = parseOnly(corpus, mapper);
        progress.accept(String.format(Locale.ROOT, "  %,.0f events/s", a0.eventsPerSecond()));
        progress.accept("warm-up: parse + map");
        Pass b0 = parseAndMap(corpus, limits);
        progress.accept(String.format(Locale.ROOT, "  %,.0f events/s", b0.eventsPerSecond()));
        long heapBefore = usedAfterGc();
        HeapProbe probe = new HeapProbe(b0.events());
        progress.accept("warm-up: parse + detect (heap sampled after GC at 25/50/75/100 %)");
        Pass c0 = parseAndDetect(corpus, limits, set, probe, null);
        progress.accept(String.format(Locale.ROOT, "  %,.0f events/s (GC pauses included)", c0.eventsPerSecond()));

        List<Pass> as = new ArrayList<>();
        List<Pass> bs = new ArrayList<>();
        List<Pass> cs = new ArrayList<>();
        Map<String, Long> byRule = new HashMap<>();
        long gc0 = gcCount();
        long gcMs0 = gcMillis();
        for (int k = 1; k <= passes; k++) {
            progress.accept("pass " + k + "/" + passes + ": parse only");
            as.add(parseOnly(corpus, mapper));
            progress.accept(String.format(Locale.ROOT, "  %,.0f events/s", last(as).eventsPerSecond()));
            progress.accept("pass " + k + "/" + passes + ": parse + map");
            bs.add(parseAndMap(corpus, limits));
            progress.accept(String.format(Locale.ROOT, "  %,.0f events/s", last(bs).eventsPerSecond()));
            progress.accept("pass " + k + "/" + passes + ": parse + detect");
            if (k == passes) {
                byRule.clear();
                cs.add(parseAndDetect(corpus, limits, set, null, byRule));
            } else {
                cs.add(parseAndDetect(corpus, limits, set));
            }
            progress.accept(String.format(Locale.ROOT, "  %,.0f events/s", last(cs).eventsPerSecond()));
        }
        long gcCount = gcCount() - gc0;
        long gcMillis = gcMillis() - gcMs0;
        Pass c = agreeing(cs);
        Throughput a = Throughput.of("parse only (Jackson -> Map)", as);
        Throughput b = Throughput.of("parse + map (EventSources)", bs);
        Throughput d = Throughput.of("parse + detect (all rules)", cs);
        List<RuleHits> top = new ArrayList<>();
        byRule.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_RULES)
                .forEach(e -> top.add(new RuleHits(
                        e.getKey(), set.rule(e.getKey()).map(r -> r.title()).orElse(e.getKey()), e.getValue())));
        double ratioMedian = ratio(d.medianEventsPerSecond(), a.medianEventsPerSecond());
        return new Result(
                corpus.toString(),
                Files.size(corpus),
                c.events(),
                last(as).events(),
                c.badRecords(),
                rules.files(),
                set.rules().size(),
                rules.errors().size(),
                set.correlations().size(),
                set.needleCount(),
                passes,
                a,
                b,
                d,
                ratioMedian,
                ratio(d.bestEventsPerSecond(), a.bestEventsPerSecond()),
                ratio(d.medianEventsPerSecond(), b.medianEventsPerSecond()),
                TARGET,
                ratioMedian >= TARGET,
                c.hits(),
                c.eventsWithHits(),
                c.events() == 0 ? 0 : (double) c.evaluated() / c.events(),
                top,
                heapBefore,
                probe.points,
                Runtime.getRuntime().maxMemory(),
                gcCount,
                gcMillis,
                System.getProperty("java.vm.name", "?") + " " + System.getProperty("java.version", "?"),
                Runtime.getRuntime().availableProcessors(),
                loadStart,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The last pass of a series. */
    static Pass last(List<Pass> passes) {
        return passes.get(passes.size() - 1);
    }

    /** {@code a / b}, or 0 when {@code b} is not positive. */
    static double ratio(double a, double b) {
        return b <= 0 ? 0 : a / b;
    }

    /** The last of {@code passes}, after checking that all read the same events and found the same hits. */
    static Pass agreeing(List<Pass> passes) {
        Pass c = passes.get(passes.size() - 1);
        for (Pass p : passes) {
            if (p.events() != c.events() || p.hits() != c.hits()) {
                throw new IllegalStateException("passes disagree: " + p + " vs " + c);
            }
        }
        return c;
    }

    /** Appends the GC and machine lines of a report. */
    static void appendMachine(
            StringBuilder sb,
            long gcCount,
            long gcMillis,
            String jvm,
            int processors,
            double loadAverageStart,
            double loadAverageEnd) {
        sb.append(
                String.format(Locale.ROOT, "GC during measured passes: %,d collections, %,d ms%n", gcCount, gcMillis));
        sb.append(String.format(
                Locale.ROOT,
                "Machine: %s, %d processors, load average %.2f at start, %.2f at end%n",
                jvm,
                processors,
                loadAverageStart,
                loadAverageEnd));
    }

    /** A report as a pretty-printed JSON document. */
    static String toJson(Object report) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes as MiB text. */
    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** Appends the best/median/passes table of {@code rows}, the name column {@code width} characters wide. */
    static void appendTable(StringBuilder sb, int width, List<Throughput> rows) {
        String row = "  %-" + width + "s %14s %16s   %s%n";
        sb.append(String.format(Locale.ROOT, row, "", "best events/s", "median events/s", "passes"));
        for (Throughput t : rows) {
            StringBuilder ps = new StringBuilder();
            for (double d : t.passes()) {
                ps.append(ps.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", d));
            }
            sb.append(String.format(
                    Locale.ROOT,
                    row,
                    t.name(),
                    String.format(Locale.ROOT, "%,.0f", t.bestEventsPerSecond()),
                    String.format(Locale.ROOT, "%,.0f", t.medianEventsPerSecond()),
                    ps));
        }
    }

    /** Heap in use after a full GC (coarse: {@link System#gc()} is a request, honoured by the default collectors). */
    @SuppressWarnings("SystemGc") // the point of the measurement
    static long usedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Collections so far, summed over the JVM's collectors. */
    static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionCount());
        }
        return n;
    }

    /** Milliseconds spent collecting so far, summed over the JVM's collectors. */
    static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionTime());
        }
        return n;
    }
}
