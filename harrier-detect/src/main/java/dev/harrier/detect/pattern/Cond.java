package dev.harrier.detect.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A compiled comparison expression (the inside of one pair of brackets), evaluated against one root object of one
 * observation. All comparisons of an AND must hold for the same root (STIX 2.1 9.5); a comparison whose object type
 * is not the root's type is false.
 */
abstract class Cond {
    abstract boolean test(JsonNode root, String rootType, Obs obs);

    /** One comparison: the path's values, any of which passes the predicate (XOR {@code NOT}). */
    static final class Cmp extends Cond {
        final PathWalker path;
        final Pred pred;
        final boolean negated;
        final PatternAst.Comparison source;

        Cmp(PathWalker path, Pred pred, boolean negated, PatternAst.Comparison source) {
            this.path = path;
            this.pred = pred;
            this.negated = negated;
            this.source = source;
        }

        @Override
        boolean test(JsonNode root, String rootType, Obs obs) {
            if (!path.objectType.equals(rootType)) {
                return false;
            }
            return path.walk(root, obs, (v, enc) -> {
                int r = pred.test(v, enc);
                return r != Pred.ABSENT && (r == Pred.TRUE) != negated;
            });
        }
    }

    /** {@code [NOT] EXISTS path}. */
    static final class Exists extends Cond {
        final PathWalker path;
        final boolean negated;

        Exists(PathWalker path, boolean negated) {
            this.path = path;
            this.negated = negated;
        }

        @Override
        boolean test(JsonNode root, String rootType, Obs obs) {
            if (!path.objectType.equals(rootType)) {
                return false;
            }
            boolean present = path.walk(root, obs, (v, enc) -> true);
            return present != negated;
        }
    }

    static final class All extends Cond {
        final Cond[] parts;

        All(Cond[] parts) {
            this.parts = parts;
        }

        @Override
        boolean test(JsonNode root, String rootType, Obs obs) {
            for (Cond c : parts) {
                if (!c.test(root, rootType, obs)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class Any extends Cond {
        final Cond[] parts;

        Any(Cond[] parts) {
            this.parts = parts;
        }

        @Override
        boolean test(JsonNode root, String rootType, Obs obs) {
            for (Cond c : parts) {
                if (c.test(root, rootType, obs)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Whether some root object of the observation satisfies {@code c}. */
    static boolean matches(Cond c, Obs obs) {
        for (int i = 0; i < obs.roots.length; i++) {
            if (c.test(obs.roots[i], obs.rootTypes[i], obs)) {
                return true;
            }
        }
        return false;
    }
}
