/**
 * Reports generated from a case. So far: {@link dev.harrier.report.NavigatorLayers}, ATT&amp;CK Navigator layers
 * (format 4.5) of the techniques the case's sightings carry, scored by sightings, and a comparison layer against
 * an actor's known techniques, both checked against a JSON Schema written from the layer format definition.
 */
@NullMarked
package dev.harrier.report;

import org.jspecify.annotations.NullMarked;
