package dev.harrier.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes an {@link Event} as one line of archive NDJSON and decodes it back (the format is described in {@link
 * TelemetryArchive}). Not thread-safe: reuses one buffer.
 */
final class ArchiveCodec {
    private final JsonFactory factory;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);

    ArchiveCodec(JsonFactory factory) {
        this.factory = factory;
    }

    /** The event as one JSON object followed by a newline. */
    byte[] encode(Event e) throws IOException {
        buffer.reset();
        try (JsonGenerator g = factory.createGenerator(buffer)) {
            g.writeStartObject();
            Instant t = e.timestamp();
            if (t != null) {
                g.writeStringField("t", t.toString());
            }
            g.writeStringField("p", e.product());
            writeIfPresent(g, "c", e.channel());
            writeIfPresent(g, "h", e.host());
            g.writeStringField("s", e.source());
            g.writeNumberField("l", e.line());
            g.writeFieldName("f");
            g.writeStartObject();
            for (Map.Entry<String, @Nullable Object> f : e.fields().entrySet()) {
                g.writeFieldName(f.getKey());
                writeValue(g, f.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        buffer.write('\n');
        return buffer.toByteArray();
    }

    private static void writeIfPresent(JsonGenerator g, String name, @Nullable String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void writeValue(JsonGenerator g, @Nullable Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                tagged(g, "$f", Double.toString(d));
            }
        } else if (v instanceof BigDecimal bd) {
            tagged(g, "$d", bd.toString());
        } else if (v instanceof BigInteger bi) {
            tagged(g, "$d", bi.toString());
        } else if (v instanceof Instant i) {
            tagged(g, "$t", i.toString());
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            g.writeFieldName("$m");
            g.writeStartObject();
            for (Map.Entry<?, ?> en : map.entrySet()) {
                g.writeFieldName(String.valueOf(en.getKey()));
                writeValue(g, en.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } else {
            g.writeString(v.toString());
        }
    }

    private static void tagged(JsonGenerator g, String tag, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField(tag, value);
        g.writeEndObject();
    }

    /**
     * Decodes one archive line.
     *
     * @throws IOException with a reason when the line is not an archived event
     */
    Event decode(byte[] bytes, int length) throws IOException {
        try (JsonParser p = factory.createParser(bytes, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            Instant t = null;
            String product = null;
            String channel = null;
            String host = null;
            String source = null;
            long line = -1;
            Map<String, @Nullable Object> fields = null;
            for (JsonToken tok = p.nextToken(); tok == JsonToken.FIELD_NAME; tok = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "t" -> t = instant(text(p, v, name));
                    case "p" -> product = text(p, v, name);
                    case "c" -> channel = text(p, v, name);
                    case "h" -> host = text(p, v, name);
                    case "s" -> source = text(p, v, name);
                    case "l" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT) {
                            throw new IOException("'l' is not an integer");
                        }
                        line = p.getLongValue();
                    }
                    case "f" -> {
                        if (v != JsonToken.START_OBJECT) {
                            throw new IOException("'f' is not an object");
                        }
                        fields = readObject(p);
                    }
                    default -> p.skipChildren();
                }
            }
            if (product == null || source == null || line < 0 || fields == null) {
                throw new IOException("missing 'p', 's', 'l' or 'f'");
            }
            if (product.equals("windows")) {
                return new MapEvent(fields, Map.of(), t, source, line);
            }
            return new MapEvent(fields, Map.of(), t, source, line, new MapEvent.Origin(product, channel, host));
        }
    }

    private static String text(JsonParser p, JsonToken v, String name) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw new IOException("'" + name + "' is not a string");
        }
        return p.getText();
    }

    private static Instant instant(String s) throws IOException {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IOException("bad instant '" + s + "'", e);
        }
    }

    /** Reads the members of an object whose START_OBJECT was just read. */
    private static Map<String, @Nullable Object> readObject(JsonParser p) throws IOException {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        for (JsonToken tok = p.nextToken(); tok == JsonToken.FIELD_NAME; tok = p.nextToken()) {
            String name = p.currentName();
            m.put(name, readValue(p, p.nextToken()));
        }
        return m;
    }

    private static @Nullable Object readValue(JsonParser p, @Nullable JsonToken tok) throws IOException {
        if (tok == null) {
            throw new IOException("unexpected end of line");
        }
        switch (tok) {
            case VALUE_NULL:
                return null;
            case VALUE_STRING:
                return p.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return new BigDecimal(p.getBigIntegerValue());
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case START_ARRAY: {
                List<@Nullable Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(readValue(p, t));
                }
                return Collections.unmodifiableList(list);
            }
            case START_OBJECT:
                return readTagged(p);
            default:
                throw new IOException("unexpected " + tok);
        }
    }

    private static Object readTagged(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            throw new IOException("empty tagged value");
        }
        String tag = p.currentName();
        JsonToken v = p.nextToken();
        Object result;
        if (tag.equals("$m")) {
            if (v != JsonToken.START_OBJECT) {
                throw new IOException("'$m' is not an object");
            }
            result = Collections.unmodifiableMap(readObject(p));
        } else {
            String s = text(p, v, tag);
            try {
                result = switch (tag) {
                    case "$t" -> instant(s);
                    case "$d" -> new BigDecimal(s);
                    case "$f" -> Double.valueOf(s);
                    default -> throw new IOException("unknown tag '" + tag + "'");
                };
            } catch (NumberFormatException e) {
                throw new IOException("bad number '" + s + "'", e);
            }
        }
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw new IOException("tagged value '" + tag + "' with more than one member");
        }
        return result;
    }
}
