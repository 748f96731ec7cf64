package dev.harrier.analysis.sample;

import java.util.Locale;

/** A PE structure that cannot be read: where (file offset) and which field. */
final class PeFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String field;

    PeFormatException(long offset, String field, String problem) {
        super(String.format(Locale.ROOT, "%s at offset 0x%x: %s", field, offset, problem));
        this.offset = offset;
        this.field = field;
    }

    long offset() {
        return offset;
    }

    String field() {
        return field;
    }
}
