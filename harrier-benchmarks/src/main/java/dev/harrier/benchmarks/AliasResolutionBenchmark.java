package dev.harrier.benchmarks;

import dev.harrier.core.Limits;
import dev.harrier.intel.IntelImporter;
import dev.harrier.intel.KnowledgeBase;
import dev.harrier.intel.Resolution;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Alias resolution: an analyst (or the attribution stage) asks which actor "Cozy Bear", "apt-c-39" or "G0016" is,
 * over ATT&amp;CK Enterprise plus the MISP threat-actor and mitre-intrusion-set galaxies (about 1,400 actor objects).
 * {@code resolve} is the in-memory lookup of a loaded knowledge base; {@code load} is the one-off cost of loading
 * the actor index from a SQLite case.
 *
 * <p>Run: {@code java -jar harrier-benchmarks/target/benchmarks.jar AliasResolutionBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
public class AliasResolutionBenchmark {
    @Param({"Cozy Bear", "apt-c-39", "G0016", "equation", "no such actor"})
    public String query;

    private Store store;
    private KnowledgeBase kb;

    @Setup(Level.Trial)
    public void load() {
        store = BenchData.freshStore("sqlite");
        IntelImporter importer = new IntelImporter(store, Limits.defaults(), false);
        for (String f : List.of(
                "attack/enterprise-attack.json",
                "misp-galaxy/clusters/threat-actor.json",
                "misp-galaxy/clusters/mitre-intrusion-set.json")) {
            importer.importFile(BenchData.shared(f), n -> {});
        }
        kb = KnowledgeBase.load(store);
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    @Benchmark
    public Resolution resolve() {
        return kb.resolve(query);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public KnowledgeBase loadIndex() {
        return KnowledgeBase.load(store);
    }
}
