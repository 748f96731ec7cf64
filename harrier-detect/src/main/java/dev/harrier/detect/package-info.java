/**
 * Detection runs: {@link dev.harrier.detect.DetectionPipeline} streams events through a compiled Sigma rule set
 * ({@link dev.harrier.detect.sigma}) and its correlations and hands each alert to a sink as a
 * {@link dev.harrier.detect.Hit}, which converts to a {@link dev.harrier.store.Sighting} for the case store;
 * {@link dev.harrier.detect.DetectionStats} sums up the run.
 *
 * <pre>{@code
 * SigmaRules.Loaded rules = new SigmaRules().load(List.of(Path.of("rules/")), n -> {});
 * DetectionPipeline p = new DetectionPipeline(rules.ruleSet(), Levels.parse("medium"));
 * try (EventSource src = EventSources.open(Path.of("logs/"), Limits.defaults())) {
 *     DetectionStats s = p.run(src, hit -> System.out.println(hit.title() + " by " + hit.author()), n -> {});
 * }
 * }</pre>
 */
@NullMarked
package dev.harrier.detect;

import org.jspecify.annotations.NullMarked;
