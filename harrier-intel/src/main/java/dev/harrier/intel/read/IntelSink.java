package dev.harrier.intel.read;

import dev.harrier.store.IncomingObject;

/**
 * Receives what a reader makes of a file, in file order: every object that passed validation, and an error for
 * every entry that did not.
 */
public interface IntelSink {
    /** One STIX 2.1 object, ready for the store. */
    void accept(IncomingObject o);

    /** One entry of the file that was rejected; the reader goes on with the next one. */
    void reject(IntelError e);
}
