package dev.harrier.intel.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/** Jackson streaming helpers shared by the JSON readers: parsers bounded by {@link Limits}, positions, paths. */
final class JsonInput {
    private static volatile @Nullable Cached cache;

    private record Cached(Limits limits, ObjectMapper mapper) {}

    private JsonInput() {}

    /** The mapper configured with {@code limits} (nesting depth, string, number and name lengths). */
    static ObjectMapper mapper(Limits limits) {
        Cached c = cache;
        if (c == null || !c.limits().equals(limits)) {
            c = new Cached(limits, limits.equals(Limits.defaults()) ? Json.mapper() : Json.create(limits));
            cache = c;
        }
        return c.mapper();
    }

    /** A streaming parser over {@code in} bounded by {@code limits}. */
    static JsonParser parser(Limits limits, InputStream in) throws IOException {
        JsonFactory f = mapper(limits).getFactory();
        return f.createParser(in);
    }

    /** The byte offset of a location (the character offset for character input). */
    static long offset(JsonLocation loc) {
        long b = loc.getByteOffset();
        return b >= 0 ? b : loc.getCharOffset();
    }

    /** {@code {line, column}} of the token the parser is on. */
    static long[] tokenPosition(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return new long[] {Math.max(0, l.getLineNr()), Math.max(0, l.getColumnNr())};
    }

    /** {@code {line, column}} where the parser is. */
    static long[] position(JsonParser p) {
        JsonLocation l = p.currentLocation();
        return new long[] {Math.max(0, l.getLineNr()), Math.max(0, l.getColumnNr())};
    }

    /** A syntax error from a Jackson exception, positioned where Jackson says (else where the parser is). */
    static IntelSyntaxException syntax(String source, JsonProcessingException e, long[] fallback) {
        JsonLocation l = e.getLocation();
        long line = 0;
        long column = 0;
        if (l != null && l.getLineNr() > 0) {
            line = l.getLineNr();
            column = Math.max(0, l.getColumnNr());
        } else {
            line = fallback[0];
            column = fallback[1];
        }
        String msg = e.getOriginalMessage();
        if (msg == null || msg.isBlank()) {
            msg = e.getClass().getSimpleName();
        }
        return new IntelSyntaxException(source, line, column, "malformed JSON: " + firstLine(msg));
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** The JSON path of a property of the value at {@code path}. */
    static String field(String path, String name) {
        if (isSimpleName(name)) {
            return path + "." + name;
        }
        return path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    private static boolean isSimpleName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean more = (c >= '0' && c <= '9') || c == '-';
            if (!letter && (i == 0 || !more)) {
                return false;
            }
        }
        return true;
    }

    /** The JSON path of an item of the array at {@code path}. */
    static String index(String path, long i) {
        return path + "[" + i + "]";
    }

    /** A short description of a token for messages ("a string", "an array"). */
    static String describe(@Nullable JsonToken t) {
        if (t == null) {
            return "the end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    /** Skips the value the parser is on (a scalar or a whole container). */
    static void skipValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
        }
    }

    /** Fails unless the document ends after the current value. */
    static void expectEnd(JsonParser p, ReadContext ctx) throws IOException, IntelSyntaxException {
        JsonToken t = p.nextToken();
        if (t != null) {
            long[] pos = tokenPosition(p);
            throw ctx.syntax(pos[0], pos[1], "unexpected content after the top-level JSON value");
        }
    }
}
