/**
 * Analysis of a case, built on the sightings of the detection stages: the activity clock (package {@code clock}:
 * when do the operators work, in which UTC offset, which holidays do they keep) and attribution (package
 * {@code attribution}: which known actor fits the evidence, with what probability, and what speaks against it).
 */
@NullMarked
package dev.harrier.analysis;

import org.jspecify.annotations.NullMarked;
