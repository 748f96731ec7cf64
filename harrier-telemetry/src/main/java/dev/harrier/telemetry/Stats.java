package dev.harrier.telemetry;

import java.util.ArrayList;
import java.util.List;

/** The mutable counters behind {@link ReadStats}. */
final class Stats {
    private final int maxErrors;
    private final List<ReadError> errors = new ArrayList<>();
    long events;
    long bad;
    long files;
    long skippedFiles;

    Stats(int maxErrors) {
        this.maxErrors = maxErrors;
    }

    void bad(String source, long line, String reason) {
        bad++;
        error(source, line, reason);
    }

    void error(String source, long line, String reason) {
        if (errors.size() < maxErrors) {
            errors.add(new ReadError(source, line, reason));
        }
    }

    ReadStats snapshot() {
        return new ReadStats(events, bad, files, skippedFiles, errors);
    }
}
