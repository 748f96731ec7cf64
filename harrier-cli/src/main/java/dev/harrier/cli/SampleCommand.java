package dev.harrier.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code harrier sample}: malware and tool samples. */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description = "Inspect samples (hashes, PE facts) and import them with their toolkit similarity.",
        subcommands = {SampleInspectCommand.class, SampleImportCommand.class})
final class SampleCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
