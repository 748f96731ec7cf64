package dev.harrier.intel.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.StixObject;
import dev.harrier.core.StixTypes;
import dev.harrier.store.IncomingObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Streams a STIX 2.0/2.1 bundle: the envelope is read token by token, each element of {@code objects} is built as a
 * tree under the per-object limits, validated, upgraded to 2.1 when it is a 2.0 object (the original JSON kept) and
 * handed to the sink. A bad object is rejected with its JSON path and reading goes on; malformed JSON anywhere is a
 * syntax error of the file.
 */
final class StixBundleReader implements FormatReader {
    /** MITRE's identity, the {@code created_by_ref} of every ATT&amp;CK object. */
    static final String MITRE_IDENTITY = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5";

    static final String ATTACK_SOURCE = "MITRE ATT&CK";

    private final StixObjectValidator validator = new StixObjectValidator();
    private @Nullable String declaredSpec;
    private boolean sawUpgraded;
    private boolean sawNative;

    @Override
    public ReadSummary read(InputStream in, ReadContext ctx) throws IOException, IntelSyntaxException {
        try (JsonParser p = JsonInput.parser(ctx.limits(), in)) {
            ctx.positionHint(() -> JsonInput.position(p));
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw ctx.syntaxAtToken(
                        p, "not a STIX bundle: the content is " + JsonInput.describe(t) + ", not a JSON object");
            }
            boolean isBundle = false;
            BoundedTreeReader trees = new BoundedTreeReader(ctx.limits(), true);
            ObjectWriter writer = JsonInput.mapper(ctx.limits()).writer();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                long[] pos = JsonInput.tokenPosition(p);
                switch (name) {
                    case "type" -> {
                        if (t != JsonToken.VALUE_STRING || !p.getText().equals("bundle")) {
                            throw ctx.syntax(
                                    pos[0],
                                    pos[1],
                                    "not a STIX bundle: \"type\" is "
                                            + (t == JsonToken.VALUE_STRING
                                                    ? "'" + StixObjectValidator.clip(p.getText()) + "'"
                                                    : JsonInput.describe(t))
                                            + ", not 'bundle'");
                        }
                        isBundle = true;
                    }
                    case "spec_version" -> {
                        if (t != JsonToken.VALUE_STRING
                                || !(p.getText().equals("2.0") || p.getText().equals("2.1"))) {
                            throw ctx.syntax(pos[0], pos[1], "unsupported bundle spec_version");
                        }
                        declaredSpec = p.getText();
                    }
                    case "objects" -> {
                        if (t != JsonToken.START_ARRAY) {
                            throw ctx.syntax(
                                    pos[0], pos[1], "\"objects\" is " + JsonInput.describe(t) + ", not an array");
                        }
                        readObjects(p, ctx, trees, writer);
                    }
                    default -> JsonInput.skipValue(p);
                }
            }
            if (!isBundle) {
                throw ctx.syntaxAtToken(p, "not a STIX bundle: no \"type\": \"bundle\"");
            }
            JsonInput.expectEnd(p, ctx);
        }
        String spec = declaredSpec != null ? declaredSpec : (sawUpgraded && !sawNative ? "2.0" : "2.1");
        return ctx.summary(spec);
    }

    private void readObjects(JsonParser p, ReadContext ctx, BoundedTreeReader trees, ObjectWriter writer)
            throws IOException {
        long index = -1;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input in \"objects\"");
            }
            index++;
            String path = JsonInput.index("$.objects", index);
            if (t != JsonToken.START_OBJECT) {
                long[] pos = JsonInput.tokenPosition(p);
                JsonInput.skipValue(p);
                ctx.reject(path, pos[0], pos[1], "not a JSON object but " + JsonInput.describe(t));
                continue;
            }
            if (!ctx.admitEntry()) {
                long[] pos = JsonInput.tokenPosition(p);
                p.skipChildren();
                ctx.reject(path, pos[0], pos[1], ctx.tooManyEntries());
                continue;
            }
            BoundedTreeReader.Outcome r = trees.read(p, path);
            ObjectNode node = r.node();
            if (node == null) {
                ctx.reject(r.problemPath(), r.line(), r.column(), r.problem());
                continue;
            }
            Optional<StixObjectValidator.Problem> problem = validator.validate(node, path);
            if (problem.isPresent()) {
                ctx.reject(
                        problem.get().path(),
                        r.line(),
                        r.column(),
                        problem.get().message());
                continue;
            }
            accept(node, ctx, writer);
        }
    }

    private void accept(ObjectNode node, ReadContext ctx, ObjectWriter writer) throws IOException {
        String type = node.path("type").asText();
        String spec = node.path("spec_version").asText("");
        boolean upgrade;
        if (spec.equals("2.1")) {
            upgrade = false;
        } else if (spec.equals("2.0")) {
            upgrade = true;
        } else {
            // no spec_version: a 2.0 object, except a 2.1 cyber-observable (its spec_version is optional)
            upgrade = !(StixTypes.SCO.contains(type) && !"2.0".equals(declaredSpec));
        }
        String original = null;
        ObjectNode out = node;
        if (upgrade) {
            original = writer.writeValueAsString(node);
            out = Stix20Upgrader.upgrade(node);
            sawUpgraded = true;
        } else {
            sawNative = true;
        }
        String source = ctx.source();
        if (MITRE_IDENTITY.equals(out.path("created_by_ref").asText())
                || MITRE_IDENTITY.equals(out.path("id").asText())) {
            source = ATTACK_SOURCE;
        }
        ctx.accept(new IncomingObject(StixObject.adopt(out), original, false, source));
    }
}
