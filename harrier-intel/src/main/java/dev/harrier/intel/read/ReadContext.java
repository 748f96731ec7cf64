package dev.harrier.intel.read;

import dev.harrier.core.Limits;
import dev.harrier.store.IncomingObject;
import java.util.Locale;

/** The state one read shares between its parts: the source name, the limits, the sink and the counters. */
final class ReadContext {
    private final String source;
    private final Limits limits;
    private final IntelSink sink;
    private long accepted;
    private long rejected;
    private long entries;
    private PositionHint hint = () -> new long[] {0, 0};

    /** Where the reader is, for errors raised below it (a broken gzip stream, an undecodable byte). */
    interface PositionHint {
        long[] lineAndColumn();
    }

    ReadContext(String source, Limits limits, IntelSink sink) {
        this.source = source;
        this.limits = limits;
        this.sink = sink;
    }

    String source() {
        return source;
    }

    Limits limits() {
        return limits;
    }

    void accept(IncomingObject o) {
        accepted++;
        sink.accept(o);
    }

    void reject(String location, long line, long column, String message) {
        rejected++;
        sink.reject(new IntelError(source, location, line, column, message));
    }

    /** Counts one more entry (object, attribute, value, line); false once the file has more than allowed. */
    boolean admitEntry() {
        return ++entries <= limits.maxObjectsPerFile();
    }

    String tooManyEntries() {
        return String.format(
                Locale.ROOT,
                "skipped: the file has more than maxObjectsPerFile (%,d) entries",
                limits.maxObjectsPerFile());
    }

    ReadSummary summary(String specVersion) {
        return new ReadSummary(accepted, rejected, specVersion);
    }

    IntelSyntaxException syntax(long line, long column, String message) {
        return new IntelSyntaxException(source, line, column, message);
    }

    /** A fatal error at the parser's current token. */
    IntelSyntaxException syntaxAtToken(com.fasterxml.jackson.core.JsonParser p, String message) {
        long[] pos = JsonInput.tokenPosition(p);
        return syntax(pos[0], pos[1], message);
    }

    void positionHint(PositionHint h) {
        this.hint = h;
    }

    long[] currentPosition() {
        return hint.lineAndColumn();
    }
}
