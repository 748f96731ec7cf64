package dev.harrier.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import dev.harrier.intel.read.IntelError;
import dev.harrier.intel.read.IntelFormat;
import dev.harrier.intel.read.IntelReaders;
import dev.harrier.intel.read.IntelSink;
import dev.harrier.intel.read.ReadSummary;
import dev.harrier.store.IncomingObject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Baselines for {@link AttackImportBenchmark}: {@code jacksonTokens} streams ATT&amp;CK Enterprise through Jackson
 * and builds nothing (the floor); {@code readOnly} runs Harrier's STIX reader (trees, validation, 2.0 upgrade) into
 * a sink that drops every object, so import minus read is the store's share.
 *
 * <p>Run: {@code java -jar harrier-benchmarks/target/benchmarks.jar JsonParseBaselineBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m", "-Xms512m"})
public class JsonParseBaselineBenchmark {
    private Path attack;

    @Setup
    public void locate() {
        attack = BenchData.shared("attack/enterprise-attack.json");
    }

    @Benchmark
    public long jacksonTokens() throws Exception {
        long tokens = 0;
        try (JsonParser p = Json.mapper().getFactory().createParser(attack.toFile())) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.VALUE_STRING) {
                    tokens += p.getTextLength();
                }
                tokens++;
            }
        }
        return tokens;
    }

    @Benchmark
    public ReadSummary readOnly() throws Exception {
        long[] n = {0};
        return IntelReaders.read(attack, IntelFormat.STIX_BUNDLE, Limits.defaults(), new IntelSink() {
            @Override
            public void accept(IncomingObject o) {
                n[0]++;
            }

            @Override
            public void reject(IntelError e) {
                throw new IllegalStateException(e.toString());
            }
        });
    }
}
