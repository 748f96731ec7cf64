package dev.harrier.store;

import dev.harrier.core.StixObject;
import org.jspecify.annotations.Nullable;

/**
 * An object on its way into the store.
 *
 * @param object the STIX 2.1 form
 * @param original the original JSON text when the object was converted (a STIX 2.0 object upgraded on read), else
 *     null
 * @param derived true for objects Harrier made from a non-STIX source (MISP, IOC list, galaxy); such an object is
 *     unchanged when its content, ignoring {@code created}/{@code modified}, equals the latest stored version
 * @param sourceName the source of the object for provenance ("MITRE ATT&CK", "MISP galaxy threat-actor", a
 *     file name)
 */
public record IncomingObject(StixObject object, @Nullable String original, boolean derived, String sourceName) {

    /** A STIX object read as is. */
    public static IncomingObject stix(StixObject object, String sourceName) {
        return new IncomingObject(object, null, false, sourceName);
    }
}
