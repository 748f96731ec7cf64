package dev.harrier.cli;

import dev.harrier.core.Limits;
import dev.harrier.detect.bench.IocBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code harrier bench ioc}: IOC matching throughput against plain TSV parsing of the same Zeek logs, and the time
 * and heap an index of many indicators takes, in one run (see {@link IocBench}).
 */
@Command(
        name = "ioc",
        mixinStandardHelpOptions = true,
        description = {
            "Measure IOC matching in one JVM: generates N indicators (IPv4 and IPv6",
            "addresses, networks, domains, hashes, URLs) and Zeek TSV conn.log and dns.log",
            "with M events of which a share carries a planted indicator observable, times",
            "and weighs the index build (heap after GC), then times parse only (TSV split),",
            "parse + map (the event reader) and parse + match, each after a warm-up pass,",
            "and compares parse + match with the target: 50%% of parse only. A million",
            "indicators need more than 512 MiB of heap: run with -Xmx2g."
        })
final class BenchIocCommand implements Callable<Integer> {
    @Option(
            names = "--indicators",
            paramLabel = "N",
            description = "Indicators to generate and index (default: 1,000,000).")
    int indicators = IocBench.DEFAULT_INDICATORS;

    @Option(names = "--events", paramLabel = "M", description = "Events in conn.log + dns.log (default: 1,000,000).")
    long events = IocBench.DEFAULT_EVENTS;

    @Option(
            names = "--passes",
            paramLabel = "K",
            defaultValue = "3",
            description = "Measured passes of each kind after the warm-up (default: ${DEFAULT-VALUE}).")
    int passes = 3;

    @Option(
            names = "--hit-rate",
            paramLabel = "P",
            description = "Share of events carrying a planted indicator observable (default: 0.01).")
    double hitRate = IocBench.DEFAULT_HIT_RATE;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: a fixed seed).")
    long seed = IocBench.DEFAULT_SEED;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Write the logs into DIR and keep them (default: a temporary directory, deleted at the end).")
    @Nullable
    Path dir;

    @Option(names = "--json", description = "Print the result as one JSON document.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (indicators < 100 || indicators > IocBench.MAX_INDICATORS) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--indicators must be between 100 and " + IocBench.MAX_INDICATORS);
        }
        if (events < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--events must be at least 1");
        }
        if (passes < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--passes must be at least 1");
        }
        if (!(hitRate >= 0 && hitRate <= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--hit-rate must be between 0 and 1");
        }
        Path logs = dir;
        boolean temporary = logs == null;
        if (logs == null) {
            logs = Files.createTempDirectory("harrier-bench-ioc-");
        }
        try {
            IocBench.Result r =
                    IocBench.run(logs, indicators, events, hitRate, seed, passes, Limits.defaults(), msg -> {
                        err.println(msg);
                        err.flush();
                    });
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("result", r);
                JsonOutput.print(out, doc);
            } else {
                out.println();
                out.print(r.toText());
                out.flush();
            }
            return r.badRecords() == 0 && r.hits() == r.planted() ? 0 : Main.PARTIAL;
        } finally {
            if (temporary) {
                deleteTree(logs);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
