/**
 * Detection throughput measurement: {@link dev.harrier.detect.bench.CorpusBuilder} writes a large, varied NDJSON
 * corpus of Windows events (evtx_dump shape) from a small set of seed events (SigmaHQ's regression events), and
 * {@link dev.harrier.detect.bench.DetectBench} reads it three ways in one JVM (plain Jackson parsing, Harrier's event
 * reader, and the reader plus a Sigma {@link dev.harrier.detect.sigma.Detector}) so that detection throughput is
 * stated relative to the cost of parsing the same input on the same machine at the same time.
 *
 * <pre>{@code
 * CorpusBuilder b = CorpusBuilder.fromRegressionData(Path.of("../shared/data/sigma/regression_data"));
 * b.write(Path.of("/tmp/corpus.ndjson"), 1_000_000, false, n -> {});
 * SigmaRules.Loaded rules = DetectBench.loadRules(List.of(Path.of("../shared/data/sigma/rules")), n -> {});
 * DetectBench.Result r = new DetectBench(rules, Limits.defaults()).run(Path.of("/tmp/corpus.ndjson"), 3, System.err::println);
 * System.out.print(r.toText());
 * }</pre>
 *
 * <p>Used by {@code harrier bench detect} and the JMH {@code DetectThroughputBenchmark}; figures are recorded in
 * {@code docs/performance.md}.
 */
@NullMarked
package dev.harrier.detect.bench;

import org.jspecify.annotations.NullMarked;
