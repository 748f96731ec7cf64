/**
 * Harrier's shared vocabulary: STIX objects, identifiers, timestamps, TLP markings and input limits.
 *
 * <p>A {@link dev.harrier.core.StixObject} is an immutable view over the JSON tree of one STIX 2.1 object; it keeps
 * every property (custom ones included) so that re-exporting gives the JSON that came in. {@link
 * dev.harrier.core.StixIds} makes and checks identifiers, {@link dev.harrier.core.StixTimestamps} parses and orders
 * timestamps of any precision, {@link dev.harrier.core.Tlp} maps TLP 1.0/2.0 marking definitions and MISP tags to
 * one ordered scale, and {@link dev.harrier.core.Limits} is the single place where size, depth and count limits
 * for untrusted input live.
 *
 * <pre>{@code
 * StixObject actor = StixObject.parse("{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--...\",...}");
 * actor.name();            // "APT29"
 * actor.aliases();         // ["APT29", "Cozy Bear", ...]
 * Tlp.highestOf(actor);    // Optional[AMBER] when object_marking_refs names TLP:AMBER
 * }</pre>
 */
@NullMarked
package dev.harrier.core;

import org.jspecify.annotations.NullMarked;
