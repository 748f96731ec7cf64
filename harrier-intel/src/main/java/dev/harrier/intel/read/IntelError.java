package dev.harrier.intel.read;

/**
 * One rejected entry of an intel file.
 *
 * @param source the file (or stream) name
 * @param location where in the file: a JSON path such as {@code $.objects[17].aliases[2]}, or {@code line 12} for
 *     text input
 * @param line the 1-based line of the entry (for JSON, where the rejected object starts)
 * @param column the 1-based column of the entry
 * @param message what is wrong
 */
public record IntelError(String source, String location, long line, long column, String message) {

    /** {@code source:line:column: location: message}. */
    @Override
    public String toString() {
        return source + ":" + line + ":" + column + ": " + location + ": " + message;
    }
}
