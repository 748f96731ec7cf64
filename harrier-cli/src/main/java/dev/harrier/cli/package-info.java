/**
 * The {@code harrier} command line: picocli commands over the other modules.
 *
 * <p>{@link dev.harrier.cli.Main} is the entry point and lists the command tree. Every command that works on a case
 * mixes in {@link dev.harrier.cli.CaseOptions} ({@code --case DIR}, {@code --db URL}); every command that prints
 * results accepts {@code --json}, which prints one JSON document on standard output and nothing else. Long work
 * shows a {@link dev.harrier.cli.ProgressBar} on standard error when it is a terminal.
 *
 * <p>Exit codes: 0 success; 1 the command ran but some input was rejected or not found; 2 usage error; 3 the case
 * store or the network failed.
 */
@NullMarked
package dev.harrier.cli;

import org.jspecify.annotations.NullMarked;
