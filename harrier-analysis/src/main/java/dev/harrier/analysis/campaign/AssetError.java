package dev.harrier.analysis.campaign;

/**
 * A rejected row of an assets file.
 *
 * @param file the file as given
 * @param line the 1-based line number
 * @param field the column at fault ({@code host}, {@code ip ranges}, {@code organisation}, {@code country}, ...), or
 *     {@code row} when the row as a whole is malformed
 * @param message what is wrong
 */
public record AssetError(String file, long line, String field, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + message;
    }
}
