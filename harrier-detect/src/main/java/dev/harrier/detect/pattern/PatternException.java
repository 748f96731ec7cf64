package dev.harrier.detect.pattern;

import java.util.List;

/**
 * A STIX pattern that cannot be parsed or compiled: where (line, column, offset) and why.
 *
 * <p>{@link #line()} is 1-based; {@link #column()} is 1-based and counts Unicode code points of that line;
 * {@link #offset()} is the 0-based {@code char} index into the pattern text (so {@code text.substring(offset)} starts
 * at the offending token). {@link #expected()} lists what the grammar would have accepted there (empty when the error
 * is not a syntax error, e.g. an invalid date in a timestamp literal). {@link #getMessage()} renders all of it on one
 * line; {@link #caret()} gives the two-line "source line / caret" excerpt the CLI prints.
 */
public final class PatternException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String pattern;
    private final int line;
    private final int column;
    private final int offset;
    private final String reason;
    private final List<String> expected;

    /** An error at {@code offset} of {@code pattern}; line and column are computed from the offset. */
    PatternException(String pattern, int offset, String reason, List<String> expected) {
        super(render(pattern, offset, reason, expected));
        this.pattern = pattern;
        this.offset = Math.max(0, Math.min(offset, pattern.length()));
        int[] lc = lineColumn(pattern, this.offset);
        this.line = lc[0];
        this.column = lc[1];
        this.reason = reason;
        this.expected = List.copyOf(expected);
    }

    PatternException(String pattern, int offset, String reason) {
        this(pattern, offset, reason, List.of());
    }

    /** The pattern text that failed. */
    public String pattern() {
        return pattern;
    }

    /** The 1-based line of the error. */
    public int line() {
        return line;
    }

    /** The 1-based column of the error, in code points. */
    public int column() {
        return column;
    }

    /** The 0-based {@code char} offset of the error in {@link #pattern()}. */
    public int offset() {
        return offset;
    }

    /** What is wrong, e.g. {@code unexpected ']'} or {@code month 13 is out of range in timestamp}. */
    public String reason() {
        return reason;
    }

    /** The tokens the grammar accepts at the error position (display names such as {@code 'AND'}), or empty. */
    public List<String> expected() {
        return expected;
    }

    /**
     * Two lines: the pattern line holding the error, and a caret under the error column. Tabs in the line are kept
     * in the caret line so the caret lines up in a terminal.
     */
    public String caret() {
        int start = pattern.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        if (offset > 0 && offset <= pattern.length() && pattern.charAt(offset - 1) == '\n') {
            start = offset;
        }
        int end = pattern.indexOf('\n', offset);
        if (end < 0) {
            end = pattern.length();
        }
        String text = pattern.substring(start, end);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        StringBuilder caret = new StringBuilder();
        String before = pattern.substring(start, Math.min(offset, start + text.length()));
        before.codePoints().forEach(cp -> caret.append(cp == '\t' ? '\t' : ' '));
        caret.append('^');
        return text + "\n" + caret;
    }

    private static String render(String pattern, int offset, String reason, List<String> expected) {
        int[] lc = lineColumn(pattern, Math.max(0, Math.min(offset, pattern.length())));
        StringBuilder sb = new StringBuilder();
        sb.append("line ")
                .append(lc[0])
                .append(", column ")
                .append(lc[1])
                .append(": ")
                .append(reason);
        if (!expected.isEmpty()) {
            sb.append(" (expected ").append(String.join(", ", expected)).append(')');
        }
        return sb.toString();
    }

    private static int[] lineColumn(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = text.codePointCount(lineStart, offset) + 1;
        return new int[] {line, column};
    }
}
