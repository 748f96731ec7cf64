package dev.harrier.telemetry;

import java.util.List;

/**
 * What an {@link EventSource} has read so far.
 *
 * @param events events delivered
 * @param badRecords records rejected (bad JSON, wrong shape, over a limit), plus files ended early by a syntax error
 * @param files input files opened and read as telemetry
 * @param skippedFiles input files not read at all (unrecognized format, unreadable)
 * @param errors the first {@link dev.harrier.core.Limits#maxErrorsReported()} problems, in order
 */
public record ReadStats(long events, long badRecords, long files, long skippedFiles, List<ReadError> errors) {
    /** Copies {@code errors}. */
    public ReadStats {
        errors = List.copyOf(errors);
    }
}
