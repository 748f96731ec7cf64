package dev.harrier.store.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The writes that one batch of puts needs, decided by the STIX versioning rules against the versions already stored.
 *
 * <p>A plan starts from the stored versions of the batch's ids ({@link #known}), takes the puts in order ({@link
 * #add}) and then lists the rows to demote, replace and insert and the ids whose relationship and alias index rows
 * must be rebuilt. Each put is classified as follows, where "latest" is the newest version known so far, the batch
 * included:
 *
 * <ul>
 *   <li>unknown id: inserted as the latest version, {@link Outcome#ADDED};
 *   <li>derived object whose content equals the latest's: {@link Outcome#UNCHANGED};
 *   <li>a version key that is already stored: {@link Outcome#UNCHANGED}, unless the object is derived or {@linkplain
 *       VersionKey#UNVERSIONED unversioned}, the key is the latest one and the content differs, in which case the row
 *       is replaced, {@link Outcome#UPDATED};
 *   <li>a key newer than the latest: inserted and becomes the latest, {@link Outcome#UPDATED};
 *   <li>a key older than the latest: inserted as history, {@link Outcome#OLDER}.
 * </ul>
 */
final class FlushPlan {
    /** What a put did. */
    enum Outcome {
        ADDED,
        UPDATED,
        UNCHANGED,
        OLDER
    }

    /** A row to write, with the latest flag it must end up with. */
    record Write(Incoming object, boolean latest) {}

    /** A stored row that is no longer the latest version. */
    record Demotion(String id, String key) {}

    /** An id whose index rows must be rebuilt from {@code latest}; {@code indexed} when it has index rows now. */
    record Reindex(Incoming latest, boolean indexed) {}

    private static final class Slot {
        final String key;
        final @Nullable String storedHash;
        final boolean stored;
        final boolean storedLatest;

        @Nullable
        Incoming pending;

        Slot(String key, @Nullable String storedHash, boolean stored, boolean storedLatest) {
            this.key = key;
            this.storedHash = storedHash;
            this.stored = stored;
            this.storedLatest = storedLatest;
        }

        String hash() {
            Incoming p = pending;
            if (p != null) {
                return p.hash();
            }
            if (storedHash == null) {
                throw new IllegalStateException("stored version " + key + " was loaded without its content hash");
            }
            return storedHash;
        }
    }

    private static final class History {
        final Map<String, Slot> slots = new HashMap<>();

        @Nullable
        String latestKey;

        boolean indexed;
    }

    private final Map<String, History> histories = new LinkedHashMap<>();

    /**
     * Records a stored version of {@code id}. The hash may be null except for a latest version that a put of the
     * batch compares by content ({@link #needsStoredHash}).
     */
    void known(String id, String key, boolean latest, @Nullable String hash) {
        History h = histories.computeIfAbsent(id, k -> new History());
        h.slots.put(key, new Slot(key, hash, true, latest));
        if (latest) {
            h.latestKey = key;
            h.indexed = true;
        }
    }

    /** Whether deciding about {@code in} may need the content hash of its id's stored latest version. */
    static boolean needsStoredHash(Incoming in) {
        return in.comparedByContent();
    }

    /** Applies one put and says what it did. */
    Outcome add(Incoming in) {
        History h = histories.computeIfAbsent(in.id(), k -> new History());
        String latestKey = h.latestKey;
        if (latestKey == null) {
            Slot s = new Slot(in.key(), null, false, false);
            s.pending = in;
            h.slots.put(in.key(), s);
            h.latestKey = in.key();
            return Outcome.ADDED;
        }
        Slot latest = h.slots.get(latestKey);
        if (in.derived() && latest != null && latest.hash().equals(in.hash())) {
            return Outcome.UNCHANGED;
        }
        Slot same = h.slots.get(in.key());
        if (same != null) {
            boolean replaceable = in.derived() || in.key().equals(VersionKey.UNVERSIONED);
            if (replaceable && in.key().equals(latestKey) && !same.hash().equals(in.hash())) {
                same.pending = in;
                return Outcome.UPDATED;
            }
            return Outcome.UNCHANGED;
        }
        Slot s = new Slot(in.key(), null, false, false);
        s.pending = in;
        h.slots.put(in.key(), s);
        if (in.key().compareTo(latestKey) > 0) {
            h.latestKey = in.key();
            return Outcome.UPDATED;
        }
        return Outcome.OLDER;
    }

    /** Stored rows that were the latest version and no longer are. */
    List<Demotion> demotions() {
        List<Demotion> out = new ArrayList<>();
        histories.forEach((id, h) -> {
            for (Slot s : h.slots.values()) {
                if (s.storedLatest && !s.key.equals(h.latestKey)) {
                    out.add(new Demotion(id, s.key));
                }
            }
        });
        return out;
    }

    /** Stored rows whose content is replaced. */
    List<Write> replacements() {
        return writes(true);
    }

    /** New rows. */
    List<Write> insertions() {
        return writes(false);
    }

    private List<Write> writes(boolean stored) {
        List<Write> out = new ArrayList<>();
        for (History h : histories.values()) {
            for (Slot s : h.slots.values()) {
                Incoming p = s.pending;
                if (p != null && s.stored == stored) {
                    out.add(new Write(p, s.key.equals(h.latestKey)));
                }
            }
        }
        return out;
    }

    /** Ids whose latest version was written in this batch. */
    List<Reindex> reindexes() {
        List<Reindex> out = new ArrayList<>();
        for (History h : histories.values()) {
            String latestKey = h.latestKey;
            Slot latest = latestKey == null ? null : h.slots.get(latestKey);
            if (latest != null && latest.pending != null) {
                out.add(new Reindex(latest.pending, h.indexed));
            }
        }
        return out;
    }
}
