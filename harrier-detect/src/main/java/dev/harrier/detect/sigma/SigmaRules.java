package dev.harrier.detect.sigma;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/** Loads Sigma rule files and directories: walks, parses and compiles them in one step. */
public final class SigmaRules {
    private final SigmaParser parser;
    private final SigmaCompiler compiler;

    /** A loader with default limits, the shipped logsource map and no placeholder values. */
    public SigmaRules() {
        this(new SigmaParser(), new SigmaCompiler());
    }

    /** A loader with the given parser and compiler. */
    public SigmaRules(SigmaParser parser, SigmaCompiler compiler) {
        this.parser = parser;
        this.compiler = compiler;
    }

    /** What {@link #load} read. */
    public record Loaded(int files, CompileResult result) {
        /** The compiled rule set. */
        public CompiledRuleSet ruleSet() {
            return result.ruleSet();
        }

        /** Every parse and compile error. */
        public List<SigmaError> errors() {
            return result.errors();
        }
    }

    /**
     * Reads every {@code .yml}/{@code .yaml} file under the given files and directories (sorted, hidden entries
     * skipped) and compiles them together (correlations and filters may refer to rules of other files).
     *
     * @param progress called with the number of files read so far
     * @throws java.nio.file.NoSuchFileException when a path does not exist
     */
    public Loaded load(List<Path> paths, IntConsumer progress) throws IOException {
        List<Path> files = files(paths);
        List<ParseResult> parsed = new ArrayList<>(files.size());
        int n = 0;
        for (Path f : files) {
            parsed.add(parser.parse(f));
            progress.accept(++n);
        }
        return new Loaded(files.size(), compiler.compile(parsed));
    }

    /** The rule files under {@code paths}, sorted per path. */
    public static List<Path> files(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new java.nio.file.NoSuchFileException(p.toString());
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> isRuleFile(f) && !hidden(p, f))
                            .sorted()
                            .forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean isRuleFile(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yml") || n.endsWith(".yaml");
    }

    private static boolean hidden(Path root, Path f) {
        for (Path part : root.relativize(f)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
