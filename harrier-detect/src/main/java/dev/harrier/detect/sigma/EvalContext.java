package dev.harrier.detect.sigma;

import dev.harrier.telemetry.Event;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Per-thread state of a {@link Detector} for the event being matched: caches each field's values as strings (and
 * lower-cased) so that a field tested by many rules is converted once per event. Entries are stamped with an event
 * counter instead of being cleared, so starting a new event costs nothing.
 */
final class EvalContext {
    private static final String[] NONE = new String[0];

    private static final class Entry {
        int epoch = -1;
        String[] raw = NONE;
        String @Nullable [] lower;
        /** 0 not known yet, 1 the value is one of the event's named fields (so it was scanned), 2 it is not. */
        int named;
    }

    private final Map<String, Entry> cache = new HashMap<>();
    private int epoch;
    private @Nullable Event event;
    private String @Nullable [] allRaw;
    private String @Nullable [] allLower;
    private boolean scanned;
    private NeedleScanner.@Nullable Marks marks;
    private boolean[] scannable = new boolean[0];

    void reset(Event e) {
        event = e;
        epoch++;
        allRaw = null;
        allLower = null;
        scanned = false;
    }

    /**
     * Declares the event's named fields scanned for the needles whose ids are {@code scannable}: a needle among them
     * that is not in {@code marks} occurs in none of those fields' values.
     */
    void scanned(NeedleScanner.Marks m, boolean[] ids) {
        scanned = true;
        marks = m;
        scannable = ids;
    }

    /**
     * Whether the needle scan covered {@code field}'s value in this event (the field is one of the event's named
     * fields), so that {@link #present} answers for its needles.
     */
    boolean canSkip(String field) {
        if (!scanned) {
            return false;
        }
        values(field, true);
        Entry en = cache.get(field);
        if (en == null) {
            return false;
        }
        if (en.named == 0) {
            en.named = event().fields().containsKey(field) ? 1 : 2;
        }
        return en.named == 1;
    }

    /** Whether needle {@code id} may occur in its field: false only when the scan says it does not. */
    boolean present(int id) {
        NeedleScanner.Marks m = marks;
        return m == null || id >= scannable.length || !scannable[id] || m.has(id);
    }

    /** Number of distinct needle ids the scan found in this event. */
    int foundCount() {
        NeedleScanner.Marks m = marks;
        return m == null ? 0 : m.count();
    }

    /** The {@code i}-th needle id the scan found. */
    int found(int i) {
        NeedleScanner.Marks m = marks;
        return m == null ? -1 : m.get(i);
    }

    /** Whether the scan shows needle {@code id} absent from {@code field} (see {@link #canSkip}). */
    boolean absent(int id, String field) {
        return scanned && !present(id) && canSkip(field);
    }

    Event event() {
        Event e = event;
        if (e == null) {
            throw new IllegalStateException("no event");
        }
        return e;
    }

    @Nullable
    Object raw(String field) {
        return event().get(field);
    }

    /** The field's scalar values as strings (array elements each), lower-cased unless {@code cased}. */
    String[] values(String field, boolean cased) {
        Entry en = cache.get(field);
        if (en == null) {
            en = new Entry();
            cache.put(field, en);
        }
        if (en.epoch != epoch) {
            en.epoch = epoch;
            en.raw = strings(event().get(field));
            en.lower = null;
            en.named = 0;
        }
        if (cased) {
            return en.raw;
        }
        String[] lower = en.lower;
        if (lower == null) {
            lower = lower(en.raw);
            en.lower = lower;
        }
        return lower;
    }

    /** Every scalar value of every Sigma field of the event, for keyword searches. */
    String[] allValues(boolean cased) {
        String[] raw = allRaw;
        if (raw == null) {
            List<String> out = new ArrayList<>();
            for (Object v : event().fields().values()) {
                for (String s : strings(v)) {
                    out.add(s);
                }
            }
            raw = out.toArray(NONE);
            allRaw = raw;
        }
        if (cased) {
            return raw;
        }
        String[] lower = allLower;
        if (lower == null) {
            lower = lower(raw);
            allLower = lower;
        }
        return lower;
    }

    private static String[] lower(String[] raw) {
        String[] out = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i].toLowerCase(Locale.ROOT);
        }
        return out;
    }

    static String[] strings(@Nullable Object v) {
        if (v == null) {
            return NONE;
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (o != null && !(o instanceof Map) && !(o instanceof List)) {
                    out.add(text(o));
                }
            }
            return out.toArray(NONE);
        }
        if (v instanceof Map) {
            return NONE;
        }
        return new String[] {text(v)};
    }

    static String text(Object o) {
        if (o instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        if (o instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return o.toString();
    }
}
