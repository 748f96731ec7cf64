package dev.harrier.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.Json;
import dev.harrier.core.StixObject;
import dev.harrier.detect.pattern.CompiledPattern;
import dev.harrier.detect.pattern.MatchResult;
import dev.harrier.detect.pattern.PatternCompiler;
import dev.harrier.detect.pattern.PatternException;
import dev.harrier.detect.pattern.PatternIndex;
import dev.harrier.detect.pattern.PatternMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * STIX pattern matching at indicator-feed scale: {@value #PATTERNS} generated patterns (equality on IPv4 addresses,
 * domain names and MD5 hashes, {@code IN} lists, {@code ISSUBSET} CIDRs, some two-comparison ANDs and ORs) against
 * {@value #OBSERVATIONS} generated STIX 2.0 observed-data objects (one SCO each: ipv4-addr, domain-name or file),
 * about 1% of which some pattern matches.
 *
 * <p>Each invocation matches every pattern against every observation through a {@link PatternIndex} and counts as
 * {@value #PATTERNS} × {@value #OBSERVATIONS} pattern×observation pairs, so the score is <b>pairs per second</b>.
 * The OASIS Python reference matcher manages about 4×10⁴ pairs/s; the target is 1000× that, 4×10⁷ pairs/s.
 * {@code prepare} measures building the {@link PatternMatcher} (the observations, prepared once per batch) and
 * {@code index} building the index, once per pattern set.
 *
 * <p>Run: {@code java -jar harrier-benchmarks/target/benchmarks.jar PatternMatch}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class PatternMatchBenchmark {
    static final int PATTERNS = 10_000;
    static final int OBSERVATIONS = 100_000;

    private List<CompiledPattern> patterns;
    private List<StixObject> objects;
    private PatternMatcher matcher;
    private PatternIndex index;

    private static String ip(Random r) {
        return "10." + r.nextInt(64) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    private static String domain(Random r) {
        return "host" + r.nextInt(2_000_000) + ".example.com";
    }

    private static String md5(Random r) {
        return String.format(Locale.ROOT, "%016x%016x", r.nextLong(), r.nextLong() & 0xfffffL);
    }

    /** The generated pattern set (deterministic). */
    static List<String> patternTexts() {
        Random r = new Random(42);
        List<String> out = new ArrayList<>(PATTERNS);
        for (int i = 0; i < PATTERNS; i++) {
            switch (i % 8) {
                case 0, 1 -> out.add("[ipv4-addr:value = '" + ip(r) + "']");
                case 2 -> out.add("[domain-name:value = '" + domain(r) + "']");
                case 3 -> out.add("[file:hashes.MD5 = '" + md5(new Random(i)) + "']");
                case 4 -> out.add("[ipv4-addr:value IN ('" + ip(r) + "', '" + ip(r) + "', '" + ip(r) + "')]");
                case 5 ->
                    out.add("[ipv4-addr:value ISSUBSET '10." + r.nextInt(64) + "." + r.nextInt(256) + ".0/"
                            + (24 + r.nextInt(9)) + "']");
                case 6 ->
                    out.add("[domain-name:value = '" + domain(r) + "' OR domain-name:value = '" + domain(r) + "']");
                default -> out.add("[file:hashes.MD5 = '" + md5(new Random(i)) + "' AND file:size > 1000]");
            }
        }
        return out;
    }

    /** The generated observations (deterministic). */
    static List<StixObject> observationObjects() {
        Random r = new Random(7);
        List<StixObject> out = new ArrayList<>(OBSERVATIONS);
        for (int i = 0; i < OBSERVATIONS; i++) {
            ObjectNode od = Json.mapper().createObjectNode();
            od.put("type", "observed-data");
            od.put("id", String.format(Locale.ROOT, "observed-data--00000000-0000-4000-8000-%012d", i));
            String t = String.format(Locale.ROOT, "2024-01-%02dT%02d:%02d:%02dZ", 1 + i % 28, i % 24, i % 60, i % 59);
            od.put("first_observed", t);
            od.put("last_observed", t);
            od.put("number_observed", 1);
            ObjectNode sco = od.putObject("objects").putObject("0");
            switch (i % 3) {
                case 0 -> {
                    sco.put("type", "ipv4-addr");
                    sco.put("value", ip(r));
                }
                case 1 -> {
                    sco.put("type", "domain-name");
                    sco.put("value", domain(r));
                }
                default -> {
                    sco.put("type", "file");
                    sco.put("name", "f" + i + ".exe");
                    sco.put("size", r.nextInt(5000));
                    // every 100th file carries a hash some pattern names
                    int k = r.nextInt(PATTERNS / 8) * 8 + 3 + (r.nextBoolean() ? 4 : 0);
                    sco.putObject("hashes").put("MD5", i % 100 == 2 ? md5(new Random(k)) : md5(r));
                }
            }
            out.add(StixObject.adopt(od));
        }
        return out;
    }

    @Setup(Level.Trial)
    public void setUp() throws PatternException {
        PatternCompiler compiler = new PatternCompiler();
        patterns = new ArrayList<>(PATTERNS);
        for (String p : patternTexts()) {
            patterns.add(compiler.compile(p));
        }
        objects = observationObjects();
        matcher = PatternMatcher.of(objects);
        index = PatternIndex.of(patterns);
    }

    /** One pass: every pattern against every observation. */
    @Benchmark
    @OperationsPerInvocation(PATTERNS * OBSERVATIONS)
    public List<MatchResult> matchAll() {
        return index.match(matcher);
    }

    /** Preparing the observations (once per batch of observed-data). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public PatternMatcher prepare() {
        return PatternMatcher.of(objects);
    }

    /** Building the index (once per pattern set). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public PatternIndex index() {
        return PatternIndex.of(patterns);
    }
}
