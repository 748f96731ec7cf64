package dev.harrier.telemetry;

/**
 * One problem found while reading: a malformed record, an unreadable or unrecognized file.
 *
 * @param source the file (or other input)
 * @param line the 1-based line in the decompressed input where the problem starts, or 0 for the whole file
 * @param reason what was wrong, in words
 */
public record ReadError(String source, long line, String reason) {
    @Override
    public String toString() {
        return source + ":" + line + ": " + reason;
    }
}
