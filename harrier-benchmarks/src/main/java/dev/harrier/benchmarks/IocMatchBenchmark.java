package dev.harrier.benchmarks;

import dev.harrier.core.Limits;
import dev.harrier.detect.bench.DetectBench;
import dev.harrier.detect.bench.IocBench;
import dev.harrier.detect.ioc.IocEntry;
import dev.harrier.detect.ioc.IocIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * IOC matching throughput against plain TSV parsing of the same Zeek logs: {@value #INDICATORS} generated indicators
 * (the {@link IocBench} mix) and Zeek {@code conn.log} + {@code dns.log} with {@value #EVENTS} events, 1 % carrying a
 * planted indicator observable, built once per trial. Each invocation of the throughput benchmarks is one pass over
 * both logs and counts as {@value #EVENTS} operations, so their scores are <b>events per second</b>:
 *
 * <ul>
 *   <li>{@code parseOnly}: TSV lines split on tab into {@code String[]} (the floor);
 *   <li>{@code parseAndMap}: Harrier's event reader ({@code EventSources});
 *   <li>{@code parseAndMatch}: the reader plus an {@code IocMatcher} over the index.
 * </ul>
 *
 * <p>{@code buildIndex} builds the index of the {@value #INDICATORS} indicators (generated once per trial) and is
 * reported in milliseconds per build. Target: {@code parseAndMatch} at no less than half of {@code parseOnly}.
 * {@code harrier bench ioc} measures the same in one run, with index memory and heap sampling.
 *
 * <p>Run: {@code java -jar harrier-benchmarks/target/benchmarks.jar IocMatch}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class IocMatchBenchmark {
    /** Indicators in the index. */
    static final int INDICATORS = 1_000_000;

    /** Events in the logs: one throughput invocation reads them all. */
    static final int EVENTS = 100_000;

    private Path dir;
    private List<IocEntry> entries;
    private IocIndex index;
    private long planted;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("harrier-ioc-bench");
        planted = IocBench.writeLogs(dir, IocBench.DEFAULT_SEED, INDICATORS, EVENTS, IocBench.DEFAULT_HIT_RATE)
                .planted();
        entries = IocBench.indicators(IocBench.DEFAULT_SEED, INDICATORS);
        index = IocIndex.build(entries, null);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public DetectBench.Pass parseOnly() throws IOException {
        return check(IocBench.parseOnly(dir));
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public DetectBench.Pass parseAndMap() throws IOException {
        return check(IocBench.parseAndMap(dir, Limits.defaults()));
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public DetectBench.Pass parseAndMatch() throws IOException {
        DetectBench.Pass p = check(IocBench.parseAndMatch(dir, Limits.defaults(), index));
        if (p.hits() != planted) {
            throw new IllegalStateException("expected " + planted + " hits, got " + p.hits());
        }
        return p;
    }

    /** Index build of {@value #INDICATORS} indicators, in milliseconds per build. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 10)
    @Measurement(iterations = 5, time = 10)
    public IocIndex buildIndex() {
        return IocIndex.build(entries, null);
    }

    private static DetectBench.Pass check(DetectBench.Pass p) {
        if (p.events() != EVENTS || p.badRecords() != 0) {
            throw new IllegalStateException("expected " + EVENTS + " good events, read " + p);
        }
        return p;
    }
}
