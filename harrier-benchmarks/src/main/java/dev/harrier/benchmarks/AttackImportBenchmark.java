package dev.harrier.benchmarks;

import dev.harrier.core.Limits;
import dev.harrier.intel.FileImportResult;
import dev.harrier.intel.IntelImporter;
import dev.harrier.store.Store;
import java.nio.file.Path;
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
 * The analyst's first step: importing the whole of ATT&amp;CK Enterprise (45 MB, 24,771 objects) into an empty case
 * ({@code first}), and importing it again ({@code reimport}: every object compared, nothing written), on SQLite and
 * on PostgreSQL, with the heap capped at 512 MiB. {@link JsonParseBaselineBenchmark} streams the same file through
 * Jackson without building anything: the floor that import time is measured against.
 *
 * <p>Run: {@code java -jar harrier-benchmarks/target/benchmarks.jar AttackImportBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m", "-Xms512m"})
public class AttackImportBenchmark {
    @Param({"sqlite", "postgresql"})
    public String store;

    @Param({"first", "reimport"})
    public String phase;

    private Path attack;
    private Store target;

    @Setup(Level.Iteration)
    public void freshCase() {
        attack = BenchData.shared("attack/enterprise-attack.json");
        target = BenchData.freshStore(store);
        if (phase.equals("reimport")) {
            check(new IntelImporter(target, Limits.defaults(), true).importFile(attack, n -> {}));
        }
    }

    @TearDown(Level.Iteration)
    public void close() {
        target.close();
    }

    @Benchmark
    public FileImportResult importAttack() {
        return check(new IntelImporter(target, Limits.defaults(), true).importFile(attack, n -> {}));
    }

    private static FileImportResult check(FileImportResult r) {
        if (!r.status().equals("imported") || r.rejected() > 0) {
            throw new IllegalStateException("import failed: " + r.status() + " " + r.message() + " " + r.errors());
        }
        return r;
    }
}
