package dev.harrier.benchmarks;

import dev.harrier.analysis.campaign.AssetBook;
import dev.harrier.analysis.campaign.CampaignAnalysis;
import dev.harrier.analysis.campaign.CampaignAnalyzer;
import dev.harrier.analysis.campaign.CampaignBench;
import dev.harrier.analysis.campaign.CampaignOptions;
import dev.harrier.store.Sighting;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Campaign clustering of the {@link CampaignBench} workload: the sightings are generated once per trial and held in
 * memory (as a store would stream them), then each invocation groups them into incidents and clusters those into
 * campaigns. Reported in seconds per run of {@code sightings} sightings; target: 1,000,000 in under a minute.
 *
 * <p>Run: {@code java -jar harrier-benchmarks/target/benchmarks.jar CampaignClustering}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx3g"})
public class CampaignClusteringBenchmark {
    /** Sightings per run. */
    @Param({"1000000"})
    int sightings;

    private List<Sighting> data = List.of();
    private AssetBook assets = AssetBook.empty();

    @Setup(Level.Trial)
    public void generate() {
        List<Sighting> out = new ArrayList<>(sightings);
        CampaignBench.generate(sightings, 42, out::add);
        data = out;
        assets = CampaignBench.assets();
    }

    @Benchmark
    public CampaignAnalysis cluster() {
        CampaignAnalyzer analyzer = new CampaignAnalyzer(assets, CampaignOptions.defaults());
        for (Sighting s : data) {
            analyzer.accept(s);
        }
        return analyzer.finish();
    }
}
