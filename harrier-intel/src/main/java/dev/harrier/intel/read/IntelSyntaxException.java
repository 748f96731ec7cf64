package dev.harrier.intel.read;

/**
 * A problem of the whole file that stops reading it: malformed or truncated JSON, a JSON document that is not the
 * expected kind (not a bundle), binary content, or input beyond the nesting and string limits. The importer rolls
 * back everything read from such a file.
 */
public final class IntelSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final long column;
    private final String detail;

    /** A syntax error at {@code line}:{@code column} (1-based; 0 when unknown) of {@code source}. */
    public IntelSyntaxException(String source, long line, long column, String detail) {
        super(source + ":" + line + ":" + column + ": " + detail);
        this.source = source;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** The file or stream name. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, 0 when unknown. */
    public long line() {
        return line;
    }

    /** The 1-based column of the problem, 0 when unknown. */
    public long column() {
        return column;
    }

    /** The problem without the position prefix. */
    public String detail() {
        return detail;
    }
}
