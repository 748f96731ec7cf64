package dev.harrier.analysis.sample;

/** A sample file or sample report that cannot be read at all; the message names the file and the reason. */
public final class SampleException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An exception with a message naming the file. */
    public SampleException(String message) {
        super(message);
    }

    /** An exception with a message naming the file, and its cause. */
    public SampleException(String message, Throwable cause) {
        super(message, cause);
    }
}
