/**
 * Samples: defensive metadata of malware and tool files, and their similarity to known toolkits.
 *
 * <p>{@link dev.harrier.analysis.sample.SampleInspector} reads a file (never runs it): hashes, an ssdeep
 * {@linkplain dev.harrier.analysis.sample.FuzzyHash fuzzy hash}, and for PE files the compile timestamp, PDB path,
 * imphash, Rich-header hash, sections with entropy, exports, resources and the Authenticode signer. Samples known
 * only from reports are read from JSON by {@link dev.harrier.analysis.sample.SampleReports}. {@link
 * dev.harrier.analysis.sample.SampleImporter} keeps samples in a case as STIX 2.1 {@code file} objects, and {@link
 * dev.harrier.analysis.sample.ToolkitSimilarity} compares a sample with the toolkits the case's intel knows
 * (shared signing certificate, imphash, Rich hash, fuzzy hash, PDB path tokens), each finding an evidence item.
 */
@NullMarked
package dev.harrier.analysis.sample;

import org.jspecify.annotations.NullMarked;
