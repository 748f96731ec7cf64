package dev.harrier.telemetry;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One Zeek TSV record, already checked by its reader, that keeps its line bytes and column bounds and builds a
 * field's typed value only when asked (then keeps it). Looks and behaves like the map-backed network event: the
 * fields in column order without unset ones, {@code ts} as timestamp, the sensor as host.
 */
final class ZeekTsvEvent implements Event {
    private final ZeekTsvLayout layout;
    private final byte[] line;
    /** {@code [start, end)} of column {@code i} at {@code 2i} and {@code 2i + 1}; start -1 when unset. */
    private final int[] bounds;

    private final int present;
    private final String source;
    private final long number;
    private @Nullable Object @Nullable [] values;
    private @Nullable Fields view;

    ZeekTsvEvent(ZeekTsvLayout layout, byte[] line, int[] bounds, int present, String source, long number) {
        this.layout = layout;
        this.line = line;
        this.bounds = bounds;
        this.present = present;
        this.source = source;
        this.number = number;
    }

    /** The typed value of column {@code i}, null when unset. */
    @Nullable
    Object value(int i) {
        int from = bounds[2 * i];
        if (from < 0) {
            return null;
        }
        Object[] vs = values;
        if (vs == null) {
            vs = new Object[layout.names.length];
            values = vs;
        }
        Object v = vs[i];
        if (v == null) {
            try {
                v = layout.value(i, line, from, bounds[2 * i + 1]);
            } catch (ZeekTsvLayout.BadValue e) {
                throw new IllegalStateException("checked value failed to decode: " + e.getMessage(), e);
            }
            vs[i] = v;
        }
        return v;
    }

    private int column(String field) {
        Map<String, Integer> c = layout.columns;
        Integer i = c == null ? null : c.get(field);
        return i == null ? -1 : i;
    }

    @Override
    public Object fieldLayout() {
        return layout;
    }

    @Override
    public @Nullable Object get(String field) {
        int i = column(field);
        return i < 0 ? null : value(i);
    }

    @Override
    public Map<String, @Nullable Object> fields() {
        Fields f = view;
        if (f == null) {
            f = new Fields();
            view = f;
        }
        return f;
    }

    @Override
    public Iterable<String> fieldNames() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(fields().keySet()));
    }

    @Override
    public @Nullable Instant timestamp() {
        int ts = layout.tsColumn;
        return ts >= 0 && value(ts) instanceof Instant i ? i : null;
    }

    @Override
    public @Nullable String host() {
        for (int i : layout.sensorColumns) {
            if (value(i) instanceof String s && !s.isEmpty()) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String channel() {
        return layout.channel;
    }

    @Override
    public @Nullable String provider() {
        return null;
    }

    @Override
    public String product() {
        return "zeek";
    }

    @Override
    public int eventId() {
        return -1;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public long line() {
        return number;
    }

    @Override
    public String toString() {
        return source + ":" + number + " " + layout.channel + " " + fields();
    }

    /** The fields as an unmodifiable map in column order, values built on access. */
    private final class Fields extends AbstractMap<String, @Nullable Object> {
        private @Nullable Set<Map.Entry<String, @Nullable Object>> entries;

        @Override
        public int size() {
            return present;
        }

        @Override
        public boolean containsKey(@Nullable Object key) {
            int i = key instanceof String s ? column(s) : -1;
            return i >= 0 && bounds[2 * i] >= 0;
        }

        @Override
        public @Nullable Object get(@Nullable Object key) {
            return key instanceof String s ? ZeekTsvEvent.this.get(s) : null;
        }

        @Override
        public Set<Map.Entry<String, @Nullable Object>> entrySet() {
            Set<Map.Entry<String, @Nullable Object>> e = entries;
            if (e == null) {
                e = new AbstractSet<>() {
                    @Override
                    public Iterator<Map.Entry<String, @Nullable Object>> iterator() {
                        return new Columns();
                    }

                    @Override
                    public int size() {
                        return present;
                    }
                };
                entries = e;
            }
            return e;
        }
    }

    /** Iterates the set columns. */
    private final class Columns implements Iterator<Map.Entry<String, @Nullable Object>> {
        private int next = advance(0);

        private int advance(int from) {
            int i = from;
            while (i < layout.names.length && bounds[2 * i] < 0) {
                i++;
            }
            return i;
        }

        @Override
        public boolean hasNext() {
            return next < layout.names.length;
        }

        @Override
        public Map.Entry<String, @Nullable Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int i = next;
            next = advance(i + 1);
            return new Column(i);
        }
    }

    /** One field; its value is built when first asked for. */
    private final class Column implements Map.Entry<String, @Nullable Object> {
        private final int index;

        Column(int index) {
            this.index = index;
        }

        @Override
        public String getKey() {
            return layout.names[index];
        }

        @Override
        public @Nullable Object getValue() {
            return value(index);
        }

        @Override
        public @Nullable Object setValue(@Nullable Object value) {
            throw new UnsupportedOperationException("events are immutable");
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Map.Entry<?, ?> e
                    && getKey().equals(e.getKey())
                    && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return getKey().hashCode() ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return getKey() + "=" + getValue();
        }
    }
}
