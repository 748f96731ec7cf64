package dev.harrier.detect.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.detect.pattern.PatternAst.AnyIndex;
import dev.harrier.detect.pattern.PatternAst.Index;
import dev.harrier.detect.pattern.PatternAst.Key;
import dev.harrier.detect.pattern.PatternAst.ObjectPath;
import dev.harrier.detect.pattern.PatternAst.PathStep;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A compiled object path: selects the values a comparison looks at, starting from one root object.
 *
 * <p>Steps follow the specification: a key step reads a property or dictionary key; a property whose name ends in
 * {@code _ref} is dereferenced at once (to the object it names in the same observation), one ending in {@code _refs}
 * yields a list whose elements are dereferenced by the index step that follows; {@code _bin}/{@code _hex} values are
 * decoded to octets when compared. {@code [n]} selects one list element (nothing when out of range), {@code [*]}
 * every element. Unresolvable references and steps into the wrong kind of value select nothing, which makes the
 * comparison false ("not present").
 *
 * <p>A path with {@code [*]} steps walks a frontier of distinct nodes, so cyclic references ({@code a_refs[*].a_refs[*]
 * ...}) cost time linear in the path length, not exponential.
 */
final class PathWalker {
    /** Value encodings carried along a path. */
    static final int PLAIN = 0;

    static final int BIN = 1;
    static final int HEX = 2;
    static final int REFS = 3;

    private static final int KEY = 0;
    private static final int INDEX = 1;
    private static final int STAR = 2;

    final String objectType;
    final ObjectPath path;
    private final int[] kind;
    private final String[] key;
    private final int[] keyEnc;
    private final boolean[] deref;
    private final long[] index;
    private final boolean hasStar;
    /** The encoding of the selected values, known from the names alone. */
    final int finalEncoding;

    PathWalker(ObjectPath path) {
        this.path = path;
        this.objectType = path.objectType();
        List<PathStep> steps = path.steps();
        int n = steps.size();
        kind = new int[n];
        key = new String[n];
        keyEnc = new int[n];
        deref = new boolean[n];
        index = new long[n];
        boolean star = false;
        int enc = PLAIN;
        for (int i = 0; i < n; i++) {
            PathStep s = steps.get(i);
            if (s instanceof Key k) {
                kind[i] = KEY;
                key[i] = k.name();
                String name = k.name();
                if (name.endsWith("_ref")) {
                    deref[i] = true;
                    keyEnc[i] = PLAIN;
                } else if (name.endsWith("_refs")) {
                    keyEnc[i] = REFS;
                } else if (name.endsWith("_bin")) {
                    keyEnc[i] = BIN;
                } else if (name.endsWith("_hex")) {
                    keyEnc[i] = HEX;
                } else {
                    keyEnc[i] = PLAIN;
                }
                enc = keyEnc[i];
            } else if (s instanceof Index ix) {
                kind[i] = INDEX;
                index[i] = ix.index();
                enc = enc == REFS ? PLAIN : enc;
            } else if (s instanceof AnyIndex) {
                kind[i] = STAR;
                star = true;
                enc = enc == REFS ? PLAIN : enc;
            }
        }
        hasStar = star;
        finalEncoding = enc;
    }

    /** Receives selected values; returns true to stop the walk. */
    interface Visitor {
        boolean visit(JsonNode value, int encoding);
    }

    /** Walks from {@code root}; true if the visitor stopped the walk. */
    boolean walk(JsonNode root, Obs obs, Visitor v) {
        if (!hasStar) {
            JsonNode node = root;
            int enc = PLAIN;
            for (int i = 0; i < kind.length; i++) {
                if (kind[i] == KEY) {
                    if (enc == REFS || !node.isObject()) {
                        return false;
                    }
                    JsonNode next = node.get(key[i]);
                    if (next == null) {
                        return false;
                    }
                    if (deref[i]) {
                        next = obs.resolve(next);
                        if (next == null) {
                            return false;
                        }
                    }
                    node = next;
                    enc = keyEnc[i];
                } else {
                    long ix = index[i];
                    if (!node.isArray() || ix < 0 || ix >= node.size()) {
                        return false;
                    }
                    JsonNode next = node.get((int) ix);
                    if (enc == REFS) {
                        next = obs.resolve(next);
                        if (next == null) {
                            return false;
                        }
                        enc = PLAIN;
                    }
                    node = next;
                }
            }
            return v.visit(node, enc);
        }
        List<JsonNode> nodes = new ArrayList<>();
        List<Integer> encs = new ArrayList<>();
        nodes.add(root);
        encs.add(PLAIN);
        for (int i = 0; i < kind.length && !nodes.isEmpty(); i++) {
            List<JsonNode> nextNodes = new ArrayList<>();
            List<Integer> nextEncs = new ArrayList<>();
            IdentityHashMap<JsonNode, Boolean> seen = new IdentityHashMap<>();
            for (int j = 0; j < nodes.size(); j++) {
                JsonNode node = nodes.get(j);
                int enc = encs.get(j);
                if (kind[i] == KEY) {
                    if (enc == REFS || !node.isObject()) {
                        continue;
                    }
                    JsonNode next = node.get(key[i]);
                    if (next != null && deref[i]) {
                        next = obs.resolve(next);
                    }
                    add(next, keyEnc[i], nextNodes, nextEncs, seen);
                } else if (node.isArray()) {
                    int outEnc = enc == REFS ? PLAIN : enc;
                    if (kind[i] == INDEX) {
                        long ix = index[i];
                        if (ix >= 0 && ix < node.size()) {
                            JsonNode next = node.get((int) ix);
                            add(enc == REFS ? obs.resolve(next) : next, outEnc, nextNodes, nextEncs, seen);
                        }
                    } else {
                        for (JsonNode el : node) {
                            add(enc == REFS ? obs.resolve(el) : el, outEnc, nextNodes, nextEncs, seen);
                        }
                    }
                }
            }
            nodes = nextNodes;
            encs = nextEncs;
        }
        for (int j = 0; j < nodes.size(); j++) {
            if (v.visit(nodes.get(j), encs.get(j))) {
                return true;
            }
        }
        return false;
    }

    private static void add(
            @Nullable JsonNode n,
            int enc,
            List<JsonNode> nodes,
            List<Integer> encs,
            IdentityHashMap<JsonNode, Boolean> seen) {
        if (n != null && seen.put(n, Boolean.TRUE) == null) {
            nodes.add(n);
            encs.add(enc);
        }
    }

    /** A key identifying the path (type and steps) for the index. */
    String id() {
        return path.toString();
    }
}
