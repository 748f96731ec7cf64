package dev.harrier.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads byte lines of at most {@code maxLength} bytes; longer lines are skipped and flagged. */
final class LineReader {
    private final InputStream in;
    private final int maxLength;
    private final byte[] chunk = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[1024];
    private int length;
    private boolean tooLong;
    private long number;

    LineReader(InputStream in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** Reads the next line; false at the end of input. */
    boolean next() throws IOException {
        length = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(chunk, 0, chunk.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return false;
                    }
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && chunk[pos] != '\n') {
                pos++;
            }
            append(start, pos);
            if (pos < limit) {
                pos++; // the newline
                break;
            }
        }
        number++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (number == 1
                && length >= 3
                && (line[0] & 0xff) == 0xef
                && (line[1] & 0xff) == 0xbb
                && (line[2] & 0xff) == 0xbf) {
            System.arraycopy(line, 3, line, 0, length - 3);
            length -= 3;
        }
        return true;
    }

    private void append(int from, int to) {
        int n = to - from;
        if (tooLong || n == 0) {
            return;
        }
        if (length + n > maxLength) {
            tooLong = true;
            length = 0;
            return;
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLength + 1, Math.max(line.length * 2, length + n)));
        }
        System.arraycopy(chunk, from, line, length, n);
        length += n;
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    boolean tooLong() {
        return tooLong;
    }

    long number() {
        return number;
    }

    boolean blank() {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
