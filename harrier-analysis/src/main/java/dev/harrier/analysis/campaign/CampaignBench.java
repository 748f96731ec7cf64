package dev.harrier.analysis.campaign;

import dev.harrier.store.Sighting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A synthetic workload for campaign clustering, shared by the scale test, the JMH benchmark and {@code harrier
 * bench}: sightings over one year (one every 30 s) on {@value #HOSTS} hosts of 100 organisations. One in ten is an
 * IOC sighting of one of {@value #CAMPAIGNS} campaigns (chosen by host, five indicators and C2 addresses each); the
 * rest fire one of 300 Sigma rules (half-normal popularity, so a long tail of rare ones) tagged with the rule's own
 * technique and T1059.001, which every incident has. Deterministic for a seed.
 */
public final class CampaignBench {
    /** Hosts in the workload. */
    public static final int HOSTS = 5000;

    /** Campaigns planted in the workload. */
    public static final int CAMPAIGNS = 20;

    /**
     * What one run measured.
     *
     * @param analysis the clustering result
     * @param seconds wall time of streaming and clustering (the generation of the sightings included)
     */
    public record Result(CampaignAnalysis analysis, double seconds) {
        /** Campaigns of more than ten incidents (the planted ones, when nothing merged them). */
        public long largeCampaigns() {
            return analysis.campaigns().stream()
                    .filter(c -> c.incidents().size() > 10)
                    .count();
        }

        /** One line for reports. */
        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "campaign clustering: %,d sightings, %,d incidents, %,d campaigns (%d of more than ten"
                            + " incidents; %d planted) in %.1f s (%,.0f sightings/s)",
                    analysis.sightings(),
                    analysis.incidents().size(),
                    analysis.campaigns().size(),
                    largeCampaigns(),
                    CAMPAIGNS,
                    seconds,
                    analysis.sightings() / seconds);
        }
    }

    private CampaignBench() {}

    /** The workload's assets: one per host, 50 hosts per organisation. */
    public static AssetBook assets() {
        List<Asset> assets = new ArrayList<>();
        for (int h = 0; h < HOSTS; h++) {
            assets.add(new Asset("h" + h + ".corp.example", List.of(), "org" + (h / 50), "energy", "DE", null));
        }
        return new AssetBook(assets, null);
    }

    /** Sends {@code n} sightings, in time order, to {@code sink}. */
    public static void generate(int n, long seed, Consumer<Sighting> sink) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        for (int k = 0; k < n; k++) {
            Instant t = start.plusSeconds(k * 30L);
            int host = rnd.nextInt(HOSTS);
            String h = "h" + host + ".corp.example";
            if (rnd.nextInt(10) == 0) {
                int campaign = host % CAMPAIGNS;
                String id = String.format(
                        Locale.ROOT, "indicator--00000000-0000-4000-8000-0000000%02d%03d", campaign, rnd.nextInt(5));
                String ip = "203.0." + campaign + "." + rnd.nextInt(5);
                sink.accept(new Sighting(
                        "s" + k,
                        "ioc",
                        id,
                        "IOC",
                        "high",
                        null,
                        List.of(),
                        t,
                        h,
                        "bench",
                        k,
                        Map.of("DestinationIp", ip, "indicator", "ip " + ip, "indicators", id)));
            } else {
                int rule = (int) Math.min(299, Math.abs(rnd.nextGaussian()) * 60);
                sink.accept(new Sighting(
                        "s" + k,
                        "sigma",
                        "R" + rule,
                        "Rule " + rule,
                        "medium",
                        null,
                        List.of("T" + (1000 + rule), "T1059.001"),
                        t,
                        h,
                        "bench",
                        k,
                        Map.of("Image", "C:\\x\\y.exe")));
            }
        }
    }

    /** Generates {@code n} sightings, clusters them with the default options and times it. */
    public static Result run(int n, long seed) {
        long t0 = System.nanoTime();
        CampaignAnalyzer analyzer = new CampaignAnalyzer(assets(), CampaignOptions.defaults());
        generate(n, seed, analyzer::accept);
        CampaignAnalysis a = analyzer.finish();
        return new Result(a, (System.nanoTime() - t0) / 1e9);
    }
}
