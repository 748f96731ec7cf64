package dev.harrier.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code harrier pattern}: STIX patterning (validate patterns, match them against observed data). */
@Command(
        name = "pattern",
        mixinStandardHelpOptions = true,
        description = "Validate STIX 2.0/2.1 patterns and match them against observed-data.",
        subcommands = {PatternCheckCommand.class, PatternMatchCommand.class})
final class PatternCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
