package dev.harrier.store.sql;

import dev.harrier.core.StixObject;
import dev.harrier.store.IncomingObject;
import org.jspecify.annotations.Nullable;

/**
 * An {@link IncomingObject} checked and keyed for storage: its id, type and {@linkplain VersionKey version key} are
 * known up front; its JSON text and {@linkplain ContentHash content hash} are computed on first use (the hash only
 * when a comparison or the stored row needs it).
 */
final class Incoming {
    private final IncomingObject source;
    private final String key;
    private @Nullable String hash;
    private @Nullable String json;

    private Incoming(IncomingObject source, String key) {
        this.source = source;
        this.key = key;
    }

    /** Checks {@code source} (it needs an id and a type) and computes its version key. */
    static Incoming of(IncomingObject source) {
        StixObject o = source.object();
        if (o.id().isEmpty() || o.type().isEmpty()) {
            String json = o.toJson();
            throw new IllegalArgumentException("a stored object needs an 'id' and a 'type': "
                    + (json.length() > 200 ? json.substring(0, 200) + "..." : json));
        }
        return new Incoming(source, VersionKey.of(o));
    }

    StixObject object() {
        return source.object();
    }

    String id() {
        return source.object().id();
    }

    String type() {
        return source.object().type();
    }

    String key() {
        return key;
    }

    boolean derived() {
        return source.derived();
    }

    @Nullable
    String original() {
        return source.original();
    }

    String sourceName() {
        return source.sourceName();
    }

    /** The compact JSON text, computed once. */
    String json() {
        String j = json;
        if (j == null) {
            j = source.object().toJson();
            json = j;
        }
        return j;
    }

    /**
     * Whether this object may later be compared by content, so that its row keeps its hash: derived objects and
     * objects with the {@linkplain VersionKey#UNVERSIONED fixed key}.
     */
    boolean comparedByContent() {
        return source.derived() || key.equals(VersionKey.UNVERSIONED);
    }

    /** The hash to store with the row: {@link #hash()} when {@link #comparedByContent()}, else null. */
    @Nullable
    String storedHash() {
        return comparedByContent() ? hash() : null;
    }

    /**
     * Computes the JSON text (and the hash to store) ahead of use; may run on another thread as long as the session
     * thread waits for it (a parallel stream's terminal operation does).
     */
    void prepare() {
        json();
        storedHash();
    }

    /** The content hash, computed once. */
    String hash() {
        String h = hash;
        if (h == null) {
            h = ContentHash.of(source.object());
            hash = h;
        }
        return h;
    }
}
