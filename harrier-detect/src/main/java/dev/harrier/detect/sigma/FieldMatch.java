package dev.harrier.detect.sigma;

import java.util.List;

/**
 * One {@code field|modifiers: values} entry of a search identifier. The values are OR-ed unless {@link Modifier#ALL}
 * is present. An empty {@code field} means a keyword search with modifiers ({@code '|contains': ...}).
 */
public record FieldMatch(String field, List<Modifier> modifiers, List<Value> values, int line) {
    public FieldMatch {
        modifiers = List.copyOf(modifiers);
        values = List.copyOf(values);
    }

    /** Whether {@code modifier} is applied. */
    public boolean has(Modifier modifier) {
        return modifiers.contains(modifier);
    }
}
