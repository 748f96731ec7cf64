package dev.harrier.benchmarks;

import dev.harrier.analysis.attribution.Attribution;
import dev.harrier.analysis.attribution.AttributionKnowledge;
import dev.harrier.analysis.attribution.Attributor;
import dev.harrier.analysis.attribution.Evidence;
import dev.harrier.core.Limits;
import dev.harrier.intel.IntelImporter;
import dev.harrier.store.Store;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Attribution of one incident: ranking every ATT&amp;CK Enterprise group (172) for 10 techniques and 3 pieces of
 * software, with graded evidence for the 10 leading candidates and the competing-hypotheses table, as {@code
 * harrier attribute} does after loading the case. Target: under 5 ms. {@code prepare} is the one-off cost of
 * building the attributor (co-occurrence counts, spreading weights) from loaded knowledge.
 *
 * <p>Run: {@code java -jar harrier-benchmarks/target/benchmarks.jar AttributionBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
public class AttributionBenchmark {
    private static final Evidence INCIDENT = Evidence.of(
            List.of(
                    "T1059.001",
                    "T1105",
                    "T1566.001",
                    "T1071.001",
                    "T1027",
                    "T1547.001",
                    "T1003.001",
                    "T1021.002",
                    "T1560.001",
                    "T1090.003"),
            List.of("S0154", "S0002", "S0039"));

    private Store store;
    private AttributionKnowledge knowledge;
    private Attributor attributor;

    @Setup(Level.Trial)
    public void load() {
        store = BenchData.freshStore("sqlite");
        new IntelImporter(store, Limits.defaults(), false)
                .importFile(BenchData.shared("attack/enterprise-attack.json"), n -> {});
        knowledge = AttributionKnowledge.load(store);
        attributor = new Attributor(knowledge);
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    @Benchmark
    public Attribution attribute() {
        return attributor.attribute(INCIDENT);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Attributor prepare() {
        return new Attributor(knowledge);
    }
}
