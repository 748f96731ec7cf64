/**
 * Attribution: which known actor fits the evidence of an intrusion or campaign, with what probability, and what
 * speaks for and against each candidate.
 *
 * <p>{@link dev.harrier.analysis.attribution.AttributionKnowledge} reads the case's intel (actors merged across
 * aliases and sources, their techniques, software, victimology and attributed-to chains; the technique hierarchy
 * and the techniques each piece of software implements). {@link dev.harrier.analysis.attribution.Attributor} scores
 * an {@link dev.harrier.analysis.attribution.Evidence} set with a smoothed generative model per actor against a
 * background model that stands for an unknown actor, calibrates the result ({@link
 * dev.harrier.analysis.attribution.Calibration}) and returns an {@link
 * dev.harrier.analysis.attribution.Attribution}: ranked candidates with probabilities, the unknown-actor probability,
 * the abstain decision, graded evidence items and the competing-hypotheses table. {@link
 * dev.harrier.analysis.attribution.AttributionBench} runs the "partial novelty" benchmark on ATT&amp;CK. See
 * docs/attribution.md.
 */
@NullMarked
package dev.harrier.analysis.attribution;

import org.jspecify.annotations.NullMarked;
