/**
 * Harrier's Sigma engine (specification v2.1): parse, compile, match, correlate.
 *
 * <p>The pipeline has three stages, each with an immutable output:
 *
 * <ol>
 *   <li>{@link dev.harrier.detect.sigma.SigmaParser}: YAML → an AST with line numbers (below);
 *   <li>{@link dev.harrier.detect.sigma.SigmaCompiler}: AST → {@link dev.harrier.detect.sigma.CompiledRuleSet}. Each
 *       rule's logsource is resolved with a {@link dev.harrier.detect.sigma.LogSourceMap} (channels, event ids, field
 *       renames), every field match becomes a matcher ({@code MatchCompiler}, {@code StringMatcher}, {@code Node}) and
 *       the prefilter keys are derived ({@code Requirement}): the event ids and the literal needles of which at least
 *       one must occur for the rule to match. Filter rules are folded into the rules they name; placeholders come
 *       from {@link dev.harrier.detect.sigma.Placeholders}. A rule with an invalid part is rejected with file:line;
 *   <li>{@link dev.harrier.detect.sigma.Detector} (one per thread): the event's channel and id select candidate rules
 *       from the index, an Aho–Corasick pass ({@code NeedleScanner}, one automaton per field) over the values of
 *       the fields that have needles marks the needles present, only rules with a marked needle (or none to check)
 *       are evaluated, and their string tests try only the values whose needles were marked. Hits are
 *       {@link dev.harrier.detect.sigma.RuleMatch}es with the fields that matched.
 * </ol>
 *
 * <p>{@link dev.harrier.detect.sigma.CorrelationEngine} turns rule hits into
 * {@link dev.harrier.detect.sigma.CorrelationMatch}es (sliding windows per group, chaining, bounded memory);
 * {@link dev.harrier.detect.sigma.SigmaRules} loads rule directories; {@link dev.harrier.detect.sigma.SigmaConformance}
 * checks the engine against a SigmaHQ checkout and its regression data.
 *
 * <p>The AST:
 *
 * <p>{@link dev.harrier.detect.sigma.SigmaParser} reads YAML (one or more {@code ---}-separated documents) and returns
 * a {@link dev.harrier.detect.sigma.ParseResult} holding
 *
 * <ul>
 *   <li>{@link dev.harrier.detect.sigma.SigmaRule}s: metadata, a {@link dev.harrier.detect.sigma.LogSource} and a
 *       {@link dev.harrier.detect.sigma.Detection}, which maps each search identifier name to a
 *       {@link dev.harrier.detect.sigma.SearchIdentifier} (keywords, or an OR of maps that AND
 *       {@link dev.harrier.detect.sigma.FieldMatch}es; each match has {@link dev.harrier.detect.sigma.Modifier}s and
 *       typed {@link dev.harrier.detect.sigma.Value}s) and holds one or more parsed
 *       {@link dev.harrier.detect.sigma.Condition}s whose {@code 1 of x*} patterns are already resolved;
 *   <li>{@link dev.harrier.detect.sigma.SigmaCorrelation}s (correlation meta rules) and
 *       {@link dev.harrier.detect.sigma.SigmaFilter}s (filter meta rules);
 *   <li>{@link dev.harrier.detect.sigma.SigmaError}s, each {@code source:line:column: message}. A document with an
 *       error is left out; the other documents of the file are still returned. The parser never throws for bad input.
 * </ul>
 *
 * <p>Example:
 *
 * <pre>{@code
 * ParseResult r = new SigmaParser().parse("""
 *     title: Whoami
 *     logsource: {category: process_creation, product: windows}
 *     detection:
 *       selection:
 *         Image|endswith: '\\whoami.exe'
 *       filter_main: {User: SYSTEM}
 *       condition: selection and not 1 of filter_main*
 *     """, "inline");
 * SigmaRule rule = r.rules().get(0);
 * FieldMatch m = rule.detection().searches().get("selection").fieldMaps().get(0).get(0);
 * // m.field() = "Image", m.modifiers() = [ENDSWITH], m.line() = 5
 * // rule.detection().conditions().get(0) =
 * //   And[Ref[selection], Not[Of[ONE, "filter_main*", [filter_main]]]]
 * }</pre>
 *
 * <p>Input is bounded by {@link dev.harrier.core.Limits}: file size by {@code maxObjectBytes}, YAML and condition
 * nesting by {@code maxJsonDepth}, scalars by {@code maxStringLength}; duplicate keys are refused and YAML aliases are
 * capped (no alias bombs). Sigma 1 multi-document collections are supported: {@code action: global} keys are merged
 * (deeply, later values winning) into every following document until {@code action: reset}; {@code action: repeat}
 * re-reads the previous document with its own keys merged over it. Lines always point at the document that wrote the
 * key.
 */
@NullMarked
package dev.harrier.detect.sigma;

import org.jspecify.annotations.NullMarked;
