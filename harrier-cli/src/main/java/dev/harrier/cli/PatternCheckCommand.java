package dev.harrier.cli;

import dev.harrier.core.Limits;
import dev.harrier.detect.pattern.PatternDialect;
import dev.harrier.detect.pattern.PatternException;
import dev.harrier.detect.pattern.StixPatternParser;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code harrier pattern check}: validates one pattern, or every line of a file. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Validate a STIX pattern (or each non-blank line of a file; lines starting with # are skipped).",
            "For an invalid pattern, print the position, the line with a caret under the error, the reason and",
            "the tokens that would have been accepted. Exit code 0 when all are valid, 1 when some are not."
        })
final class PatternCheckCommand implements Callable<Integer> {
    static final class Source {
        @Parameters(paramLabel = "PATTERN", description = "The pattern (quote it for the shell).")
        @Nullable
        String pattern;

        @Option(names = "--file", paramLabel = "FILE", description = "Check every line of FILE.")
        @Nullable
        Path file;
    }

    @ArgGroup(multiplicity = "1")
    Source source = new Source();

    @Option(
            names = "--stix-version",
            paramLabel = "2.0|2.1",
            defaultValue = "2.1",
            description = "The patterning dialect (default: ${DEFAULT-VALUE}).")
    String stixVersion = "2.1";

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PatternDialect dialect = dialect(spec, stixVersion);
        List<String[]> inputs = new ArrayList<>(); // {label, pattern}
        if (source.file != null) {
            List<String> lines = Files.readAllLines(source.file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    inputs.add(new String[] {source.file + ":" + (i + 1), l});
                }
            }
        } else {
            inputs.add(new String[] {"", source.pattern == null ? "" : source.pattern});
        }
        StixPatternParser parser = new StixPatternParser(Limits.defaults());
        List<Map<String, Object>> results = new ArrayList<>();
        int invalid = 0;
        for (String[] in : inputs) {
            Map<String, Object> r = new LinkedHashMap<>();
            if (!in[0].isEmpty()) {
                r.put("source", in[0]);
            }
            r.put("pattern", in[1]);
            try {
                parser.parse(in[1], dialect);
                r.put("valid", true);
                if (!json) {
                    out.println((in[0].isEmpty() ? "" : in[0] + ": ") + "valid");
                }
            } catch (PatternException e) {
                invalid++;
                r.put("valid", false);
                r.put("line", e.line());
                r.put("column", e.column());
                r.put("offset", e.offset());
                r.put("reason", e.reason());
                r.put("expected", e.expected());
                if (!json) {
                    printError(out, in[0], e);
                }
            }
            results.add(r);
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("stixVersion", stixVersion);
            doc.put("checked", results.size());
            doc.put("invalid", invalid);
            doc.put("patterns", results);
            JsonOutput.print(out, doc);
        } else if (inputs.size() > 1) {
            out.printf("%d patterns: %d valid, %d invalid%n", inputs.size(), inputs.size() - invalid, invalid);
        }
        return invalid == 0 ? 0 : Main.PARTIAL;
    }

    static void printError(PrintWriter out, String label, PatternException e) {
        out.println((label.isEmpty() ? "" : label + ": ") + "invalid pattern at line " + e.line() + ", column "
                + e.column() + ": " + e.reason());
        for (String l : e.caret().split("\n", -1)) {
            out.println("  " + l);
        }
        if (!e.expected().isEmpty()) {
            out.println("  expected: " + String.join(", ", e.expected()));
        }
    }

    static PatternDialect dialect(CommandLine.Model.CommandSpec spec, String version) {
        switch (version) {
            case "2.0":
                return PatternDialect.STIX_2_0;
            case "2.1":
                return PatternDialect.STIX_2_1;
            default:
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--stix-version must be 2.0 or 2.1, not " + version);
        }
    }
}
