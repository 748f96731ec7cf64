package dev.harrier.core;

/** ASCII hexadecimal digits. */
public final class Hex {
    private Hex() {}

    /** The value of an ASCII hex digit ({@code 0-9}, {@code a-f}, {@code A-F}), or -1 (other digits are not hex). */
    public static int digit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
