package dev.harrier.cli;

import dev.harrier.core.Limits;
import dev.harrier.detect.bench.CorpusBuilder;
import dev.harrier.detect.bench.DetectBench;
import dev.harrier.detect.sigma.SigmaRules;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code harrier bench detect}: Sigma detection throughput against plain JSON parsing of the same input, in one run
 * (see {@link DetectBench}).
 */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = {
            "Measure Sigma detection throughput against plain JSON parsing of the same",
            "input, in one JVM. Builds an NDJSON corpus of varied copies of SigmaHQ's",
            "regression events (or reads --corpus), loads every SigmaHQ rule (rules,",
            "rules-emerging-threats, rules-threat-hunting; placeholders as wildcards),",
            "then times parse only (Jackson), parse + map (the event reader) and",
            "parse + detect, each after a warm-up pass, and compares parse + detect with",
            "the target: 50%% of parse only. Heap use after GC is sampled at 25, 50, 75",
            "and 100%% of the input: run with -Xmx512m to check that it stays flat."
        })
final class BenchDetectCommand implements Callable<Integer> {
    /** Exit code: usage error (here: the reference data is missing). */
    private static final int USAGE = 2;

    @Option(names = "--events", paramLabel = "N", description = "Events in the generated corpus (default: 1,000,000).")
    long events = CorpusBuilder.DEFAULT_EVENTS;

    @Option(
            names = "--corpus",
            paramLabel = "FILE",
            description = "NDJSON corpus to read. An existing file is used as it is (--events is ignored); a missing"
                    + " one is generated there and kept. Default: a temporary file, deleted at the end.")
    @Nullable
    Path corpus;

    @Option(
            names = "--rules",
            arity = "1..*",
            paramLabel = "DIR|FILE",
            description = "Sigma rule files or directories (default: the rules* directories of DATA/sigma).")
    List<Path> rules = new ArrayList<>();

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Shared data root holding sigma/ (default: -Dharrier.shared.data, $HARRIER_SHARED_DATA,"
                    + " ../shared/data beside the harrier checkout, else ../shared/data from here).")
    @Nullable
    Path data;

    @Option(
            names = "--passes",
            paramLabel = "K",
            defaultValue = "3",
            description = "Measured passes of each kind after the warm-up (default: ${DEFAULT-VALUE}).")
    int passes = 3;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Random seed of the corpus variation (default: a fixed seed).")
    long seed = CorpusBuilder.DEFAULT_SEED;

    @Option(names = "--gzip", description = "Write the generated corpus gzip-compressed.")
    boolean gzip;

    @Option(names = "--json", description = "Print the result as one JSON document.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (events < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--events must be at least 1");
        }
        if (passes < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--passes must be at least 1");
        }
        boolean reuse = corpus != null && Files.isRegularFile(corpus);
        Path sigma = null;
        if (!reuse || rules.isEmpty()) {
            Path root = dataRoot();
            sigma = root.resolve("sigma");
            if (!Files.isDirectory(sigma.resolve("rules")) || !Files.isDirectory(sigma.resolve("regression_data"))) {
                err.println("harrier: SigmaHQ data not found: expected "
                        + sigma.toAbsolutePath().normalize()
                        + "/rules and .../regression_data. Pass --data DIR (the directory holding sigma/),"
                        + " or both --corpus FILE (an existing corpus) and --rules DIR.");
                return USAGE;
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        Path file = corpus;
        boolean temporary = false;
        if (file == null) {
            file = Files.createTempFile("harrier-bench-", gzip ? ".ndjson.gz" : ".ndjson");
            temporary = true;
        }
        try {
            if (!reuse) {
                CorpusBuilder builder = CorpusBuilder.fromRegressionData(
                                requireNonNull(sigma).resolve("regression_data"))
                        .withRandomSeed(seed);
                CorpusBuilder.Summary s;
                try (ProgressBar bar = new ProgressBar(err, true, "events", "writing corpus")) {
                    s = builder.write(file, events, gzip, bar::update);
                }
                doc.put("corpusBuild", s);
                err.printf(
                        Locale.ROOT,
                        "corpus: %,d events from %,d seed events (%,d unchanged copies), %,.1f MiB, written in %.1f s%n",
                        s.events(),
                        s.seedEvents(),
                        s.unchanged(),
                        s.bytes() / (1024.0 * 1024.0),
                        s.nanos() / 1e9);
                err.flush();
            }
            List<Path> ruleDirs = rules.isEmpty() ? DetectBench.sigmaRuleDirs(requireNonNull(sigma)) : rules;
            long t0 = System.nanoTime();
            SigmaRules.Loaded loaded;
            try (ProgressBar bar = new ProgressBar(err, true, "rule files", "loading rules")) {
                loaded = DetectBench.loadRules(ruleDirs, bar::update);
            }
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            doc.put("ruleDirs", ruleDirs.stream().map(Path::toString).toList());
            doc.put("ruleLoadSeconds", loadSeconds);
            err.printf(
                    Locale.ROOT,
                    "rules: %,d compiled from %,d files in %.1f s%n",
                    loaded.ruleSet().rules().size(),
                    loaded.files(),
                    loadSeconds);
            err.flush();
            DetectBench.Result r = new DetectBench(loaded, Limits.defaults()).run(file, passes, msg -> {
                err.println(msg);
                err.flush();
            });
            doc.put("result", r);
            if (json) {
                JsonOutput.print(out, doc);
            } else {
                out.println();
                out.print(r.toText());
                out.flush();
            }
            return r.badRecords() == 0 ? 0 : Main.PARTIAL;
        } finally {
            if (temporary) {
                Files.deleteIfExists(file);
            }
        }
    }

    private Path dataRoot() {
        if (data != null) {
            return data;
        }
        String prop = System.getProperty("harrier.shared.data");
        if (prop == null || prop.isBlank()) {
            prop = System.getenv("HARRIER_SHARED_DATA");
        }
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String home = System.getProperty("harrier.home");
        if (home != null && !home.isBlank() && Files.isDirectory(Path.of(home).resolve("../shared/data"))) {
            return Path.of(home).resolve("../shared/data").normalize();
        }
        return Path.of("../shared/data");
    }

    private static Path requireNonNull(@Nullable Path p) {
        if (p == null) {
            throw new IllegalStateException("no SigmaHQ data directory");
        }
        return p;
    }
}
