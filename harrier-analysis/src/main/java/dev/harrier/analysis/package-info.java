/**
 * Analysis of a case, built on the sightings of the detection stages: assets, incidents, campaigns and their scope
 * (package {@code campaign}: who was hit, where, when, and what links the intrusions), the activity clock (package
 * {@code clock}: when do the operators work, in which UTC offset, which holidays do they keep), samples (package
 * {@code sample}: PE facts, hashes, fuzzy hashes and similarity to known toolkits) and attribution (package {@code
 * attribution}: which known actor fits the evidence, with what probability, and what speaks against it).
 */
@NullMarked
package dev.harrier.analysis;

import org.jspecify.annotations.NullMarked;
