package dev.harrier.benchmarks;

import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import dev.harrier.detect.bench.CorpusBuilder;
import dev.harrier.detect.bench.DetectBench;
import dev.harrier.detect.sigma.CompiledRuleSet;
import dev.harrier.detect.sigma.SigmaRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sigma detection throughput against plain JSON parsing of the same input: a corpus of {@value #EVENTS} varied
 * copies of SigmaHQ's regression events (one evtx_dump JSON object per line, built once per trial by
 * {@link CorpusBuilder}) is read in full by each benchmark, with every SigmaHQ rule loaded (rules,
 * rules-emerging-threats, rules-threat-hunting). Each invocation is one pass over the corpus and counts as
 * {@value #EVENTS} operations, so the scores are <b>events per second</b>:
 *
 * <ul>
 *   <li>{@code parseOnly}: Jackson reads every line into a {@code Map}, nothing else (the floor);
 *   <li>{@code parseAndMap}: Harrier's event reader ({@code EventSources}: limits, tree, Sigma field names);
 *   <li>{@code parseAndDetect}: the reader plus a {@code Detector} over all rules.
 * </ul>
 *
 * <p>Target: {@code parseAndDetect} at no less than half of {@code parseOnly}. {@code harrier bench detect} measures
 * the same three passes on a million events, with heap sampling.
 *
 * <p>Run: {@code java -jar harrier-benchmarks/target/benchmarks.jar DetectThroughput}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
public class DetectThroughputBenchmark {
    /** Events in the corpus: one benchmark invocation reads them all. */
    static final int EVENTS = 100_000;

    private Path dir;
    private Path corpus;
    private CompiledRuleSet rules;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path sigma = BenchData.shared("sigma");
        dir = Files.createTempDirectory("harrier-detect-bench");
        corpus = dir.resolve("corpus.ndjson");
        CorpusBuilder.fromRegressionData(BenchData.shared("sigma/regression_data"))
                .write(corpus, EVENTS, false, n -> {});
        SigmaRules.Loaded loaded = DetectBench.loadRules(DetectBench.sigmaRuleDirs(sigma), n -> {});
        rules = loaded.ruleSet();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(corpus);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public DetectBench.Pass parseOnly() throws IOException {
        return check(DetectBench.parseOnly(corpus, Json.mapper()));
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public DetectBench.Pass parseAndMap() throws IOException {
        return check(DetectBench.parseAndMap(corpus, Limits.defaults()));
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public DetectBench.Pass parseAndDetect() throws IOException {
        return check(DetectBench.parseAndDetect(corpus, Limits.defaults(), rules));
    }

    private static DetectBench.Pass check(DetectBench.Pass p) {
        if (p.events() != EVENTS || p.badRecords() != 0) {
            throw new IllegalStateException("expected " + EVENTS + " good events, read " + p);
        }
        return p;
    }
}
