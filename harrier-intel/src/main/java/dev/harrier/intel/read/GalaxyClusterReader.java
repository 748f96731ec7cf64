package dev.harrier.intel.read;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Streams a MISP galaxy cluster file ({@code {"type": "threat-actor", "uuid": ..., "values": [...]}}): each value
 * is built under the per-object limits and converted by {@link GalaxyValueConverter} as soon as the galaxy type is
 * known (values listed before the type wait in a {@link Spool}).
 */
final class GalaxyClusterReader implements FormatReader {
    private final long spoolBudget;

    GalaxyClusterReader() {
        this(Spool.DEFAULT_MEMORY_BUDGET);
    }

    GalaxyClusterReader(long spoolBudget) {
        this.spoolBudget = spoolBudget;
    }

    @Override
    public ReadSummary read(InputStream in, ReadContext ctx) throws IOException, IntelSyntaxException {
        try (JsonParser p = JsonInput.parser(ctx.limits(), in);
                Spool early = new Spool(JsonInput.mapper(ctx.limits()), spoolBudget)) {
            ctx.positionHint(() -> JsonInput.position(p));
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw ctx.syntaxAtToken(
                        p,
                        "not a MISP galaxy cluster file: the content is " + JsonInput.describe(t)
                                + ", not a JSON object");
            }
            BoundedTreeReader trees = new BoundedTreeReader(ctx.limits(), false);
            String galaxyType = null;
            String category = null;
            GalaxyValueConverter converter = null;
            boolean sawValues = false;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                long[] pos = JsonInput.tokenPosition(p);
                switch (name) {
                    case "type" -> {
                        if (t != JsonToken.VALUE_STRING || p.getText().isBlank()) {
                            throw ctx.syntax(
                                    pos[0],
                                    pos[1],
                                    "not a MISP galaxy cluster file: \"type\" is " + JsonInput.describe(t)
                                            + ", not a galaxy type name");
                        }
                        galaxyType = p.getText().strip();
                    }
                    case "category" -> {
                        category = t == JsonToken.VALUE_STRING ? p.getText() : null;
                        JsonInput.skipValue(p);
                    }
                    case "values" -> {
                        if (t != JsonToken.START_ARRAY) {
                            throw ctx.syntax(
                                    pos[0], pos[1], "\"values\" is " + JsonInput.describe(t) + ", not an array");
                        }
                        sawValues = true;
                        if (galaxyType != null && converter == null) {
                            converter = new GalaxyValueConverter(ctx, galaxyType, category);
                        }
                        readValues(p, ctx, trees, converter, early);
                    }
                    default -> JsonInput.skipValue(p);
                }
            }
            JsonInput.expectEnd(p, ctx);
            if (!sawValues) {
                throw ctx.syntax(1, 1, "not a MISP galaxy cluster file: no \"values\" list");
            }
            if (galaxyType == null) {
                throw ctx.syntax(1, 1, "not a MISP galaxy cluster file: no \"type\"");
            }
            if (early.size() > 0) {
                GalaxyValueConverter late =
                        converter != null ? converter : new GalaxyValueConverter(ctx, galaxyType, category);
                early.forEach(e -> late.convert(e.node(), e.path(), e.line(), e.column()));
            }
        }
        return ctx.summary("");
    }

    private static void readValues(
            JsonParser p,
            ReadContext ctx,
            BoundedTreeReader trees,
            @Nullable GalaxyValueConverter converter,
            Spool early)
            throws IOException {
        long i = -1;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonParseException(p, "unexpected end of input in \"values\"");
            }
            i++;
            String path = JsonInput.index("$.values", i);
            long[] pos = JsonInput.tokenPosition(p);
            if (t != JsonToken.START_OBJECT) {
                JsonInput.skipValue(p);
                ctx.reject(path, pos[0], pos[1], "not a JSON object but " + JsonInput.describe(t));
                continue;
            }
            if (!ctx.admitEntry()) {
                p.skipChildren();
                ctx.reject(path, pos[0], pos[1], ctx.tooManyEntries());
                continue;
            }
            long start = JsonInput.offset(p.currentTokenLocation());
            BoundedTreeReader.Outcome o = trees.read(p, path);
            ObjectNode n = o.node();
            if (n == null) {
                ctx.reject(o.problemPath(), o.line(), o.column(), o.problem());
            } else if (converter != null) {
                converter.convert(n, path, o.line(), o.column());
            } else {
                long bytes = JsonInput.offset(p.currentLocation()) - start;
                early.add(new Spool.Entry("value", n, path, o.line(), o.column()), Math.max(64, bytes));
            }
        }
    }
}
