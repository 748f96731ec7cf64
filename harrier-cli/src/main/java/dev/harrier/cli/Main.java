package dev.harrier.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code harrier} command: finds intrusions, groups them into campaigns and attributes them. */
@Command(
        name = "harrier",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Harrier: detect intrusions, group them into campaigns, attribute them to",
            "known actors with graded evidence, and publish the result.",
            ""
        },
        subcommands = {
            IntelCommand.class,
            DetectCommand.class,
            HuntCommand.class,
            AssetsCommand.class,
            CampaignsCommand.class,
            ScopeCommand.class,
            ClockCommand.class,
            SigmaCommand.class,
            PatternCommand.class,
            SampleCommand.class,
            AttributeCommand.class,
            ReportCommand.class,
            DemoCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 ok, 1 some input rejected or nothing found, 2 usage error,",
            "3 store or network failure.",
            "Run 'harrier COMMAND --help' for the options of a command."
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Exit code: some input was rejected or nothing was found. */
    static final int PARTIAL = 1;

    /** Exit code: the store or the network failed. */
    static final int FAILURE = 3;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams; returns the exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("harrier: " + Errors.describe(ex));
            if (Boolean.getBoolean("harrier.debug")) {
                ex.printStackTrace(commandLine.getErr());
            }
            return FAILURE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"harrier " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
