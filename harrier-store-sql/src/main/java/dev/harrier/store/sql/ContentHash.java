package dev.harrier.store.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.StixObject;
import dev.harrier.core.StixTypes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The content digest of an object: SHA-256 over its JSON tree with properties in name order, leaving out the
 * version timestamps ({@code created}, {@code modified}) of versioned types.
 *
 * <p>Two objects have the same hash exactly when their JSON trees are equal apart from property order (and, for
 * versioned types, those timestamps). Numbers keep their written form, so {@code 1.1} and {@code 1.10} differ. The
 * store compares hashes to decide whether a derived object or an unversioned one (SCO, marking definition) changed.
 */
final class ContentHash {
    private static final HexFormat HEX = HexFormat.of();

    private ContentHash() {}

    /** The hex digest of {@code object}. */
    static String of(StixObject object) {
        ObjectNode tree = object.json();
        if (StixTypes.isVersioned(object.type())) {
            tree.remove("created");
            tree.remove("modified");
        }
        Canonical out = new Canonical(sha256());
        out.node(tree);
        return HEX.formatHex(out.digest());
    }

    /**
     * The canonical byte form of a JSON tree: a tag byte per value and per property name, properties in name order,
     * text as UTF-8 ended by {@code 0xFF} (a byte UTF-8 never uses), so that different trees never share a form.
     */
    private static final class Canonical {
        private final MessageDigest md;
        private final byte[] buf = new byte[8192];
        private int len;

        Canonical(MessageDigest md) {
            this.md = md;
        }

        byte[] digest() {
            md.update(buf, 0, len);
            return md.digest();
        }

        void node(JsonNode n) {
            switch (n.getNodeType()) {
                case OBJECT -> {
                    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(n.properties());
                    members.sort(Map.Entry.comparingByKey());
                    put('{');
                    for (Map.Entry<String, JsonNode> m : members) {
                        put('k');
                        text(m.getKey());
                        node(m.getValue());
                    }
                    put('}');
                }
                case ARRAY -> {
                    put('[');
                    for (JsonNode item : n) {
                        node(item);
                    }
                    put(']');
                }
                case STRING -> {
                    put('s');
                    text(n.textValue());
                }
                case NUMBER -> {
                    put('n');
                    text(n.asText());
                }
                case BOOLEAN -> put(n.booleanValue() ? 't' : 'f');
                case NULL -> put('z');
                default -> {
                    put('?');
                    text(n.toString());
                }
            }
        }

        private void text(String s) {
            byte[] b = buf;
            int p = len;
            for (int i = 0, n = s.length(); i < n; i++) {
                if (p > b.length - 4) {
                    md.update(b, 0, p);
                    p = 0;
                }
                char c = s.charAt(i);
                if (c < 0x80) {
                    b[p++] = (byte) c;
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xC0 | (c >> 6));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                } else {
                    // surrogates are encoded one by one (CESU-8 style): deterministic, and never 0xFF
                    b[p++] = (byte) (0xE0 | (c >> 12));
                    b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            len = p;
            put((char) 0xFF);
        }

        private void put(char tag) {
            if (len == buf.length) {
                md.update(buf, 0, len);
                len = 0;
            }
            buf[len++] = (byte) tag;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
