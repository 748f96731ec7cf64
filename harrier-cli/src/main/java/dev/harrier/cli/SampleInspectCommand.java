package dev.harrier.cli;

import dev.harrier.analysis.sample.CodeSigner;
import dev.harrier.analysis.sample.PeFacts;
import dev.harrier.analysis.sample.PeSection;
import dev.harrier.analysis.sample.SampleException;
import dev.harrier.analysis.sample.SampleInspector;
import dev.harrier.analysis.sample.SampleReport;
import dev.harrier.analysis.sample.SampleReports;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code harrier sample inspect}: prints the hashes and PE facts of sample files. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Print hashes (MD5, SHA-1, SHA-256, ssdeep) and, for PE files, machine, compile time, PDB path,",
            "imphash, Rich-header hash, sections with entropy, exports, resources and the Authenticode signer.",
            "Files are parsed, never run. A malformed PE is reported with the offset and field that could not",
            "be read. With --json the output is a sample report that 'sample import --reports' reads."
        })
final class SampleInspectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Sample files to inspect.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--json", description = "Print the samples as a JSON sample report.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SampleInspector inspector = new SampleInspector();
        List<SampleReport> reports = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path f : files) {
            try {
                SampleReport r = inspector.inspect(f);
                reports.add(r);
                if (!json) {
                    print(out, r);
                }
            } catch (SampleException e) {
                errors.add(e.getMessage());
                if (!json) {
                    err.println("harrier: " + e.getMessage());
                }
            }
        }
        if (json) {
            var doc = SampleReports.document(reports);
            var list = doc.putArray("errors");
            errors.forEach(list::add);
            JsonOutput.print(out, doc);
        }
        boolean clean =
                errors.isEmpty() && reports.stream().allMatch(r -> r.problems().isEmpty());
        return clean ? 0 : Main.PARTIAL;
    }

    static void print(PrintWriter out, SampleReport r) {
        out.printf(
                Locale.ROOT,
                "%s  %,d bytes%s%n",
                r.name(),
                r.size(),
                r.family() == null ? "" : "  [" + r.family() + "]");
        line(out, "MD5", r.hashes().md5());
        line(out, "SHA-1", r.hashes().sha1());
        line(out, "SHA-256", r.hashes().sha256());
        line(out, "ssdeep", r.hashes().ssdeep());
        PeFacts pe = r.pe();
        if (pe != null) {
            line(
                    out,
                    "PE",
                    (pe.machine() == null ? "?" : pe.machine())
                            + (pe.dll() ? " DLL" : " EXE")
                            + (pe.compileTime() == null ? "" : ", compiled " + pe.compileTime()));
            line(
                    out,
                    "PDB",
                    pe.pdbPath() == null
                            ? null
                            : pe.pdbPath() + (pe.pdbGuid() == null ? "" : "  {" + pe.pdbGuid() + "}"));
            line(out, "imphash", pe.imphash() == null ? null : pe.imphash() + " (" + pe.importCount() + " imports)");
            line(out, "Rich", pe.richHeaderHash());
            CodeSigner s = pe.signer();
            if (s != null) {
                line(out, "signer", s.subject() + " (not verified)");
                line(out, "", "issuer " + s.issuer() + ", serial " + s.serial());
                line(out, "", "certificate SHA-256 " + s.sha256());
            }
            if (!pe.sections().isEmpty()) {
                line(out, "sections", Integer.toString(pe.sections().size()));
                for (PeSection sec : pe.sections()) {
                    out.printf(
                            Locale.ROOT,
                            "    %-8s rva 0x%08x  vsize %,10d  raw %,10d  entropy %.2f%n",
                            sec.name(),
                            sec.virtualAddress(),
                            sec.virtualSize(),
                            sec.rawSize(),
                            sec.entropy());
                }
            }
            if (!pe.exports().isEmpty()) {
                List<String> shown =
                        pe.exports().subList(0, Math.min(20, pe.exports().size()));
                line(
                        out,
                        "exports",
                        String.join(", ", shown)
                                + (pe.exports().size() > shown.size()
                                        ? String.format(
                                                Locale.ROOT,
                                                " ... (%,d in all)",
                                                pe.exports().size())
                                        : ""));
            }
            line(out, "resources", Integer.toString(pe.resourceCount()));
        }
        for (String p : r.problems()) {
            out.println("  problem: " + p);
        }
    }

    private static void line(PrintWriter out, String label, @org.jspecify.annotations.Nullable String value) {
        if (value != null) {
            out.printf(Locale.ROOT, "  %-10s %s%n", label, value);
        }
    }
}
