package dev.harrier.intel.read;

import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * Reads lines of text without ever holding more than one line of at most {@code maxLength} characters: the rest of
 * a longer line is read and dropped, and the line is reported as too long. Lines end at {@code \n}, {@code \r\n}
 * or {@code \r}.
 */
final class BoundedLineReader {
    /** One line: its text (cut at the limit) and whether it was longer. */
    record Line(long number, String text, boolean tooLong) {}

    private final Reader in;
    private final int maxLength;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private long number;
    private boolean pendingCr;
    private boolean sawNul;

    BoundedLineReader(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The number of the last line returned (1-based). */
    long lineNumber() {
        return number;
    }

    /** Whether a NUL character was met (a sign of binary content). */
    boolean sawNul() {
        return sawNul;
    }

    @Nullable
    Line next() throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    if (!any) {
                        return null;
                    }
                    number++;
                    return new Line(number, sb.toString(), tooLong);
                }
            }
            char c = buf[pos++];
            if (pendingCr) {
                pendingCr = false;
                if (c == '\n') {
                    continue;
                }
            }
            any = true;
            if (c == '\n' || c == '\r') {
                pendingCr = c == '\r';
                number++;
                return new Line(number, sb.toString(), tooLong);
            }
            if (c == 0) {
                sawNul = true;
            }
            if (sb.length() < maxLength) {
                sb.append(c);
            } else {
                tooLong = true;
            }
        }
    }
}
