package dev.harrier.intel.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.harrier.core.Limits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Builds the JSON tree of one entry (a STIX object, a MISP attribute, a galaxy value) from a streaming parser while
 * enforcing the per-object limits: {@link Limits#maxObjectBytes()} through the parser's byte offsets and {@link
 * Limits#maxObjectProperties()} by counting properties and array items. An entry over a limit is skipped to its end
 * without building the rest, so one oversized entry costs no memory. Nesting depth and string lengths are bounded
 * by the parser's own constraints.
 */
final class BoundedTreeReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final long maxBytes;
    private final int maxProperties;
    private final boolean rejectDuplicateNames;

    /**
     * The entry, or why it was skipped.
     *
     * @param node the tree, null when skipped
     * @param problemPath the JSON path of the problem
     * @param problem the problem
     * @param line the line where the entry starts
     * @param column the column where the entry starts
     */
    record Outcome(@Nullable ObjectNode node, String problemPath, String problem, long line, long column) {}

    BoundedTreeReader(Limits limits, boolean rejectDuplicateNames) {
        this.maxBytes = limits.maxObjectBytes();
        this.maxProperties = limits.maxObjectProperties();
        this.rejectDuplicateNames = rejectDuplicateNames;
    }

    /**
     * Reads the object the parser is on ({@code START_OBJECT}) through its {@code END_OBJECT}.
     *
     * @param path the JSON path of the object, for problems
     */
    Outcome read(JsonParser p, String path) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        long startOffset = JsonInput.offset(start);
        long line = start.getLineNr();
        long column = start.getColumnNr();
        ObjectNode root = NODES.objectNode();
        List<ContainerNode<?>> stack = new ArrayList<>();
        // the name (String) or index (Long) under which each container below the root hangs, for paths
        List<Object> segments = new ArrayList<>();
        stack.add(root);
        String field = "";
        long props = 0;
        while (true) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new JsonParseException(p, "unexpected end of input inside an object");
            }
            ContainerNode<?> parent = stack.get(stack.size() - 1);
            if (t == JsonToken.FIELD_NAME) {
                field = p.currentName();
                props++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                stack.remove(stack.size() - 1);
                if (stack.isEmpty()) {
                    long size = JsonInput.offset(p.currentLocation()) - startOffset;
                    if (size > maxBytes) {
                        return tooLarge(path, line, column);
                    }
                    return new Outcome(root, path, "", line, column);
                }
                segments.remove(segments.size() - 1);
            } else {
                JsonNode value = scalarOrContainer(p, t);
                if (parent instanceof ObjectNode o) {
                    if (rejectDuplicateNames && o.has(field)) {
                        String where = JsonInput.field(path(path, segments), field);
                        skipRest(p, stack.size() + (value.isContainerNode() ? 1 : 0));
                        return new Outcome(null, where, "duplicate property name '" + field + "'", line, column);
                    }
                    o.set(field, value);
                    if (value.isContainerNode()) {
                        segments.add(field);
                    }
                } else {
                    ArrayNode a = (ArrayNode) parent;
                    a.add(value);
                    props++;
                    if (value.isContainerNode()) {
                        segments.add((long) a.size() - 1);
                    }
                }
                if (value.isContainerNode()) {
                    stack.add((ContainerNode<?>) value);
                }
            }
            if (props > maxProperties) {
                skipRest(p, stack.size());
                return new Outcome(
                        null,
                        path,
                        String.format(
                                Locale.ROOT,
                                "object has more than maxObjectProperties (%,d) properties and items",
                                maxProperties),
                        line,
                        column);
            }
            if (JsonInput.offset(p.currentLocation()) - startOffset > maxBytes) {
                skipRest(p, stack.size());
                return tooLarge(path, line, column);
            }
        }
    }

    private Outcome tooLarge(String path, long line, long column) {
        return new Outcome(
                null,
                path,
                String.format(Locale.ROOT, "object is larger than maxObjectBytes (%,d bytes)", maxBytes),
                line,
                column);
    }

    private static JsonNode scalarOrContainer(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> NODES.objectNode();
            case START_ARRAY -> NODES.arrayNode();
            case VALUE_STRING -> TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT ->
                switch (p.getNumberType()) {
                    case INT -> IntNode.valueOf(p.getIntValue());
                    case LONG -> LongNode.valueOf(p.getLongValue());
                    default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> DecimalNode.valueOf(p.getDecimalValue());
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.getInstance();
            default -> throw new JsonParseException(p, "unexpected token " + t);
        };
    }

    /** Skips tokens until {@code depth} open containers are closed. */
    private static void skipRest(JsonParser p, int depth) throws IOException {
        int d = depth;
        while (d > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new JsonParseException(p, "unexpected end of input inside an object");
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                d++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                d--;
            }
        }
    }

    private static String path(String base, List<Object> segments) {
        String cur = base;
        for (Object s : segments) {
            cur = s instanceof Long i ? JsonInput.index(cur, i) : JsonInput.field(cur, (String) s);
        }
        return cur;
    }
}
