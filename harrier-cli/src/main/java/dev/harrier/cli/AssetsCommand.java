package dev.harrier.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code harrier assets}: the defender's assets (hosts, networks, organisations) of a case. */
@Command(
        name = "assets",
        mixinStandardHelpOptions = true,
        description = "Import the case's assets: hosts and networks with their organisation, sector and country.",
        subcommands = {AssetsImportCommand.class})
final class AssetsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
