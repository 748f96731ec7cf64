package dev.harrier.telemetry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.harrier.core.Limits;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads one JSON value from a parser into plain Java values (Map, List, String, Long, Double, BigDecimal, Boolean,
 * null), counting properties and bytes against {@link Limits}. Depth and string length are bounded by the parser's
 * own constraints ({@link dev.harrier.core.Json#create}).
 */
final class JsonTree {
    /** A value broke a size limit; the parser is left inside the value. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private final Limits limits;
    private int properties;
    private long startOffset;

    JsonTree(Limits limits) {
        this.limits = limits;
    }

    /** Reads the value whose first token is the parser's current token. */
    @Nullable
    Object read(JsonParser p) throws IOException, TooLarge {
        return read(p, false);
    }

    /**
     * Reads the value whose first token is the parser's current token; {@code fits} says that the whole input is known
     * to be within {@link Limits#maxObjectBytes()} (a line that short), so the size is not checked per property.
     */
    @Nullable
    Object read(JsonParser p, boolean fits) throws IOException, TooLarge {
        properties = 0;
        startOffset = fits ? -1 : p.currentTokenLocation().getByteOffset();
        return value(p);
    }

    private @Nullable Object value(JsonParser p) throws IOException, TooLarge {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("unexpected end of input");
        }
        return switch (t) {
            case START_OBJECT -> {
                Map<String, @Nullable Object> map = new LinkedHashMap<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    if (n != JsonToken.FIELD_NAME) {
                        throw new IOException("expected a property name, got " + n);
                    }
                    String name = p.currentName();
                    count(p);
                    p.nextToken();
                    map.put(name, value(p));
                }
                yield Collections.unmodifiableMap(map);
            }
            case START_ARRAY -> {
                List<@Nullable Object> list = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    count(p);
                    list.add(value(p));
                }
                yield Collections.unmodifiableList(list);
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT ->
                switch (p.getNumberType()) {
                    case INT, LONG -> (Object) p.getLongValue();
                    default -> new BigDecimal(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> {
                BigDecimal d = p.getDecimalValue();
                double v = d.doubleValue();
                // a Double when it says exactly what the text says, else the exact BigDecimal
                yield Double.isFinite(v) && BigDecimal.valueOf(v).compareTo(d) == 0 ? (Object) v : d;
            }
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected token " + t);
        };
    }

    private void count(JsonParser p) throws TooLarge {
        if (++properties > limits.maxObjectProperties()) {
            throw new TooLarge("more than " + limits.maxObjectProperties() + " properties and items in one record");
        }
        if (startOffset < 0) {
            return;
        }
        long off = p.currentTokenLocation().getByteOffset();
        if (off >= 0 && off - startOffset > limits.maxObjectBytes()) {
            throw new TooLarge("record larger than " + limits.maxObjectBytes() + " bytes");
        }
    }

    /** Resolves a dotted path in nested maps; a key may itself contain dots ({@code "winlog.channel"}). */
    static @Nullable Object path(@Nullable Object root, String path) {
        if (!(root instanceof Map)) {
            return null;
        }
        Map<?, ?> map = (Map<?, ?>) root;
        Object whole = map.get(path);
        if (whole != null) {
            return whole;
        }
        for (int i = path.indexOf('.'); i > 0; i = path.indexOf('.', i + 1)) {
            Object head = map.get(path.substring(0, i));
            if (head instanceof Map) {
                Object found = path(head, path.substring(i + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Adds the dotted path of every leaf (scalar, list, empty map) under {@code prefix}. */
    static void leafPaths(Map<?, ?> map, String prefix, java.util.Collection<String> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map && !((Map<?, ?>) v).isEmpty()) {
                leafPaths((Map<?, ?>) v, key, out);
            } else {
                out.add(key);
            }
        }
    }
}
