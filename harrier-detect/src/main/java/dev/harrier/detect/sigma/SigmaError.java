package dev.harrier.detect.sigma;

/**
 * One problem found while parsing a Sigma file: where it is (1-based line and column; 0 when unknown) and what is
 * wrong.
 */
public record SigmaError(String source, int line, int column, String message) {
    @Override
    public String toString() {
        return source + ":" + line + ":" + column + ": " + message;
    }
}
