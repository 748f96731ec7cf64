package dev.harrier.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code harrier bench}: performance measurements on this machine. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure performance on this machine (results for docs/performance.md).",
        subcommands = {BenchDetectCommand.class, BenchIocCommand.class, BenchAttributionCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
