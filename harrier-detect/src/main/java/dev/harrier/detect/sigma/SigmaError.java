package dev.harrier.detect.sigma;

/**
 * One problem found while parsing a Sigma file: where it is (1-based line and column; 0 when unknown) and what is
 * wrong. {@link #toString()} is {@code source:line:column: message}, without the column when it is unknown.
 */
public record SigmaError(String source, int line, int column, String message) {
    @Override
    public String toString() {
        return source + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
    }
}
