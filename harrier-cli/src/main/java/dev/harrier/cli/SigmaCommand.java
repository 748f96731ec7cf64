package dev.harrier.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code harrier sigma}: checks Sigma rules and the engine. */
@Command(
        name = "sigma",
        mixinStandardHelpOptions = true,
        description = "Check Sigma rules, and the engine against a SigmaHQ checkout.",
        subcommands = {SigmaCheckCommand.class, SigmaConformanceCommand.class})
final class SigmaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
