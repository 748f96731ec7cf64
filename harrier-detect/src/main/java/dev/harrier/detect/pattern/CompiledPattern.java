package dev.harrier.detect.pattern;

import java.util.List;
import java.util.Optional;

/**
 * A pattern ready to match: immutable and thread-safe; made by {@link PatternCompiler}.
 *
 * <p>It holds the {@link PatternAst} it came from and, internally, one predicate per bracketed observation
 * expression (object paths compiled to walkers, constants to typed values, regular expressions compiled) and the
 * observation-expression tree the matcher searches. An optional {@link #id()} (for example the id of the indicator
 * the pattern came from) travels into every {@link MatchResult}.
 */
public final class CompiledPattern {
    private final PatternAst ast;
    private final String id;
    final Search.Node root;
    final List<Search.Atom> atoms;

    CompiledPattern(PatternAst ast, String id, Search.Node root, List<Search.Atom> atoms) {
        this.ast = ast;
        this.id = id;
        this.root = root;
        this.atoms = List.copyOf(atoms);
    }

    /** The pattern text. */
    public String text() {
        return ast.text();
    }

    /** The parsed pattern. */
    public PatternAst ast() {
        return ast;
    }

    /** The dialect it was written in. */
    public PatternDialect dialect() {
        return ast.dialect();
    }

    /** The caller's id for this pattern, when one was given. */
    public Optional<String> id() {
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    /** The same pattern carrying {@code id}. */
    public CompiledPattern withId(String id) {
        return new CompiledPattern(ast, id, root, atoms);
    }

    /** How many bracketed observation expressions the pattern has. */
    public int observationExpressions() {
        return atoms.size();
    }

    @Override
    public String toString() {
        return id.isEmpty() ? ast.text() : id + ": " + ast.text();
    }
}
