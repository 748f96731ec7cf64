package dev.harrier.detect.ioc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Texts stored back to back as UTF-8 in one byte array, numbered from 0 in the order added: about a third of the
 * heap of as many {@link String}s for short ASCII texts (no object headers, no per-string array).
 */
final class TextPool {
    private byte[] data = new byte[256];
    private int[] ends = new int[16];
    private int count;
    private int length;

    /** Adds {@code s}; answers its number. */
    int add(String s) {
        int n = s.length();
        if (length + n > data.length || length + 3 * n > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, length + 3 * n));
        }
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            data[length + i] = (byte) c;
        }
        if (ascii) {
            length += n;
        } else {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(b, 0, data, length, b.length);
            length += b.length;
        }
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, count * 2);
        }
        ends[count] = length;
        return count++;
    }

    private int start(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    /** Text {@code i}. */
    String get(int i) {
        int from = start(i);
        return new String(data, from, ends[i] - from, StandardCharsets.UTF_8);
    }

    /** Whether text {@code i} equals {@code s}. */
    boolean equalsAt(int i, String s) {
        int from = start(i);
        int len = ends[i] - from;
        int n = s.length();
        for (int j = 0; j < n; j++) {
            char c = s.charAt(j);
            if (c >= 0x80) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                return Arrays.equals(data, from, from + len, b, 0, b.length);
            }
            if (j >= len || c != data[from + j]) {
                return false; // an ASCII prefix differs: so do the encodings
            }
        }
        return n == len;
    }

    /**
     * Whether text {@code i} equals {@code s[from, to)} with ASCII letters lower-cased; {@code s[from, to)} must be
     * ASCII.
     */
    boolean equalsAsciiLower(int i, String s, int from, int to) {
        int start = start(i);
        if (ends[i] - start != to - from) {
            return false;
        }
        for (int j = from; j < to; j++) {
            if (lower(s.charAt(j)) != data[start + j - from]) {
                return false;
            }
        }
        return true;
    }

    /** {@code c} with an ASCII upper-case letter lower-cased. */
    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** Drops the room kept for growth. */
    void trim() {
        data = Arrays.copyOf(data, length);
        ends = Arrays.copyOf(ends, count);
    }
}
