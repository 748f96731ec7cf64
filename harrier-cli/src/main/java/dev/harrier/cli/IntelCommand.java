package dev.harrier.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code harrier intel}: the knowledge base commands. */
@Command(
        name = "intel",
        mixinStandardHelpOptions = true,
        description = "Import threat intelligence (STIX, ATT&CK, MISP, IOC lists) and query it.",
        subcommands = {
            IntelImportCommand.class,
            IntelStatsCommand.class,
            IntelShowCommand.class,
            IntelExportCommand.class,
            IntelUpdateCommand.class
        })
final class IntelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
