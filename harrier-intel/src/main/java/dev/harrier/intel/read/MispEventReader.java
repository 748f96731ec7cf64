package dev.harrier.intel.read;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Streams MISP event exports: {@code {"Event": {...}}}, a bare event object, {@code {"response": [{"Event":
 * ...}, ...]}} and top-level arrays of those. The event's small properties, tags and galaxies are kept; attributes
 * and objects are spooled (each bounded by the per-object limits) because MISP writes the event's tags after them;
 * when the event closes, {@link MispEventConverter} turns it into STIX.
 */
final class MispEventReader implements FormatReader {
    static final String ATTRIBUTE = "attribute";
    static final String OBJECT = "object";

    private final long spoolBudget;
    private int events;

    MispEventReader() {
        this(Spool.DEFAULT_MEMORY_BUDGET);
    }

    MispEventReader(long spoolBudget) {
        this.spoolBudget = spoolBudget;
    }

    @Override
    public ReadSummary read(InputStream in, ReadContext ctx) throws IOException, IntelSyntaxException {
        try (JsonParser p = JsonInput.parser(ctx.limits(), in)) {
            ctx.positionHint(() -> JsonInput.position(p));
            BoundedTreeReader trees = new BoundedTreeReader(ctx.limits(), false);
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                readArray(p, "$", ctx, trees);
            } else if (t == JsonToken.START_OBJECT) {
                readContainer(p, "$", ctx, trees);
            } else {
                throw ctx.syntaxAtToken(p, "not a MISP event: the content is " + JsonInput.describe(t));
            }
            JsonInput.expectEnd(p, ctx);
            if (events == 0) {
                throw ctx.syntax(
                        1,
                        1,
                        "not a MISP event: no event found (expected \"Event\", \"response\" or "
                                + "an object with \"info\"/\"Attribute\")");
            }
        }
        return ctx.summary("");
    }

    private void readArray(JsonParser p, String path, ReadContext ctx, BoundedTreeReader trees)
            throws IOException, IntelSyntaxException {
        long i = -1;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonParseException(p, "unexpected end of input in an array");
            }
            i++;
            String at = JsonInput.index(path, i);
            if (t == JsonToken.START_OBJECT) {
                readContainer(p, at, ctx, trees);
            } else {
                long[] pos = JsonInput.tokenPosition(p);
                JsonInput.skipValue(p);
                ctx.reject(at, pos[0], pos[1], "not a MISP event but " + JsonInput.describe(t));
            }
        }
    }

    /** An object that is a wrapper ({@code Event}, {@code response}) or itself an event. */
    private void readContainer(JsonParser p, String path, ReadContext ctx, BoundedTreeReader trees)
            throws IOException, IntelSyntaxException {
        long[] start = JsonInput.tokenPosition(p);
        try (Spool spool = new Spool(JsonInput.mapper(ctx.limits()), spoolBudget)) {
            MispEvent bare = new MispEvent(path, start[0], start[1], spool);
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                String at = JsonInput.field(path, name);
                if (name.equals("Event") && t == JsonToken.START_OBJECT) {
                    readEvent(p, at, ctx, trees);
                } else if (name.equals("response") && t == JsonToken.START_ARRAY) {
                    readArray(p, at, ctx, trees);
                } else {
                    eventProperty(bare, name, t, p, at, ctx, trees);
                }
            }
            if (bare.sawEventProperty) {
                finish(bare, ctx);
            }
        }
    }

    private void readEvent(JsonParser p, String path, ReadContext ctx, BoundedTreeReader trees)
            throws IOException, IntelSyntaxException {
        long[] start = JsonInput.tokenPosition(p);
        try (Spool spool = new Spool(JsonInput.mapper(ctx.limits()), spoolBudget)) {
            MispEvent ev = new MispEvent(path, start[0], start[1], spool);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                eventProperty(ev, name, t, p, JsonInput.field(path, name), ctx, trees);
            }
            ev.sawEventProperty = true;
            finish(ev, ctx);
        }
    }

    private void finish(MispEvent ev, ReadContext ctx) throws IOException {
        events++;
        new MispEventConverter(ctx, ev).convert();
    }

    private static void eventProperty(
            MispEvent ev, String name, JsonToken t, JsonParser p, String path, ReadContext ctx, BoundedTreeReader trees)
            throws IOException {
        switch (name) {
            case "uuid" -> {
                ev.uuid = scalar(p, t);
                ev.sawEventProperty = true;
                return;
            }
            case "info" -> {
                ev.info = scalar(p, t);
                ev.sawEventProperty = true;
                return;
            }
            case "date" -> {
                ev.date = scalar(p, t);
                return;
            }
            case "timestamp" -> {
                ev.timestamp = scalar(p, t);
                return;
            }
            case "publish_timestamp" -> {
                ev.publishTimestamp = scalar(p, t);
                return;
            }
            case "threat_level_id" -> {
                ev.threatLevel = scalar(p, t);
                return;
            }
            case "analysis" -> {
                ev.analysis = scalar(p, t);
                return;
            }
            case "published" -> {
                String pub = scalar(p, t);
                ev.published = pub == null ? null : pub.equals("true") || pub.equals("1");
                return;
            }
            case "Orgc", "Org" -> {
                if (t == JsonToken.START_OBJECT) {
                    BoundedTreeReader.Outcome o = trees.read(p, path);
                    if (o.node() == null) {
                        ctx.reject(o.problemPath(), o.line(), o.column(), o.problem());
                    } else if (name.equals("Orgc")) {
                        ev.orgc = o.node();
                    } else {
                        ev.org = o.node();
                    }
                } else {
                    JsonInput.skipValue(p);
                }
                return;
            }
            case "Tag", "EventTag" -> {
                if (t == JsonToken.START_ARRAY) {
                    readTags(ev, p, path, ctx, trees);
                } else {
                    JsonInput.skipValue(p);
                }
                return;
            }
            case "Galaxy" -> {
                if (t == JsonToken.START_ARRAY) {
                    readGalaxies(ev, p, path, ctx, trees);
                } else {
                    JsonInput.skipValue(p);
                }
                return;
            }
            case "Attribute", "Object" -> {
                ev.sawEventProperty = true;
                if (t == JsonToken.START_ARRAY) {
                    spoolEntries(ev, name.equals("Attribute") ? ATTRIBUTE : OBJECT, p, path, ctx, trees);
                } else {
                    long[] pos = JsonInput.tokenPosition(p);
                    JsonInput.skipValue(p);
                    ctx.reject(path, pos[0], pos[1], "'" + name + "' must be a list");
                }
                return;
            }
            default -> JsonInput.skipValue(p);
        }
    }

    private static @Nullable String scalar(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING
                || t == JsonToken.VALUE_NUMBER_INT
                || t == JsonToken.VALUE_NUMBER_FLOAT
                || t == JsonToken.VALUE_TRUE
                || t == JsonToken.VALUE_FALSE) {
            return p.getText();
        }
        JsonInput.skipValue(p);
        return null;
    }

    private static void readTags(MispEvent ev, JsonParser p, String path, ReadContext ctx, BoundedTreeReader trees)
            throws IOException {
        long i = -1;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonParseException(p, "unexpected end of input in a tag list");
            }
            i++;
            String at = JsonInput.index(path, i);
            if (t == JsonToken.VALUE_STRING) {
                addTag(ev, p.getText(), at, JsonInput.tokenPosition(p), ctx);
            } else if (t == JsonToken.START_OBJECT) {
                BoundedTreeReader.Outcome o = trees.read(p, at);
                ObjectNode n = o.node();
                if (n == null) {
                    ctx.reject(o.problemPath(), o.line(), o.column(), o.problem());
                    continue;
                }
                JsonNode name = n.has("Tag") ? n.path("Tag").path("name") : n.path("name");
                if (name.isTextual()) {
                    addTag(ev, name.asText(), at, new long[] {o.line(), o.column()}, ctx);
                }
            } else {
                JsonInput.skipValue(p);
            }
        }
    }

    private static void addTag(MispEvent ev, String tag, String at, long[] pos, ReadContext ctx) {
        if (ev.tags.size() >= ctx.limits().maxObjectProperties()) {
            ctx.reject(at, pos[0], pos[1], "too many tags (more than maxObjectProperties)");
            return;
        }
        ev.tags.add(tag);
    }

    private static void readGalaxies(MispEvent ev, JsonParser p, String path, ReadContext ctx, BoundedTreeReader trees)
            throws IOException {
        long i = -1;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonParseException(p, "unexpected end of input in a galaxy list");
            }
            i++;
            String at = JsonInput.index(path, i);
            if (t != JsonToken.START_OBJECT) {
                JsonInput.skipValue(p);
                continue;
            }
            BoundedTreeReader.Outcome o = trees.read(p, at);
            ObjectNode n = o.node();
            if (n == null) {
                ctx.reject(o.problemPath(), o.line(), o.column(), o.problem());
            } else if (ev.galaxies.size() >= ctx.limits().maxObjectProperties()) {
                ctx.reject(at, o.line(), o.column(), "too many galaxies (more than maxObjectProperties)");
            } else {
                ev.galaxies.add(n);
            }
        }
    }

    private static void spoolEntries(
            MispEvent ev, String kind, JsonParser p, String path, ReadContext ctx, BoundedTreeReader trees)
            throws IOException {
        long i = -1;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonParseException(p, "unexpected end of input in a list");
            }
            i++;
            String at = JsonInput.index(path, i);
            long[] pos = JsonInput.tokenPosition(p);
            if (t != JsonToken.START_OBJECT) {
                JsonInput.skipValue(p);
                ctx.reject(at, pos[0], pos[1], "not a JSON object but " + JsonInput.describe(t));
                continue;
            }
            if (!ctx.admitEntry()) {
                p.skipChildren();
                ctx.reject(at, pos[0], pos[1], ctx.tooManyEntries());
                continue;
            }
            long startOffset = JsonInput.offset(p.currentTokenLocation());
            BoundedTreeReader.Outcome o = trees.read(p, at);
            ObjectNode n = o.node();
            if (n == null) {
                ctx.reject(o.problemPath(), o.line(), o.column(), o.problem());
                continue;
            }
            long bytes = JsonInput.offset(p.currentLocation()) - startOffset;
            ev.entries.add(new Spool.Entry(kind, n, at, o.line(), o.column()), Math.max(bytes, 64));
        }
    }
}
