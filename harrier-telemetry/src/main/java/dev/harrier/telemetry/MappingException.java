package dev.harrier.telemetry;

import java.io.IOException;

/**
 * A {@link ColumnMapping} file that cannot be used: not YAML, an unknown or missing key, a bad value. The message
 * starts with the mapping file's name and names the key at fault.
 */
public final class MappingException extends IOException {
    private static final long serialVersionUID = 1L;

    MappingException(String message) {
        super(message);
    }

    MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
