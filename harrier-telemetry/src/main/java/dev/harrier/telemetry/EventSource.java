package dev.harrier.telemetry;

import java.io.IOException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A stream of {@link Event}s read from one or more inputs, one record at a time.
 *
 * <p>A source never holds a whole input: memory stays flat however long the input is. A malformed record is counted
 * in {@link #stats()} with its source, line and reason, and reading goes on. {@link #next()} throws only for
 * failures of the source as a whole (an unreadable directory); a broken input file is reported in the stats and
 * the source moves on to the next file.
 *
 * <p>The contract is format-neutral on purpose: a native {@code .evtx} reader (binary chunks and BinXML) can
 * implement it later by decoding one record per {@link #next()} call and reporting the record number as the
 * {@link Event#line()}.
 *
 * <p>Not thread-safe; one consumer per source. Close it to release the open file.
 */
public interface EventSource extends AutoCloseable {
    /** The next event, or {@code null} at the end of every input. */
    @Nullable
    Event next() throws IOException;

    /** Passes every remaining event to {@code action}, in input order. */
    default void forEach(Consumer<? super Event> action) throws IOException {
        for (Event e = next(); e != null; e = next()) {
            action.accept(e);
        }
    }

    /** A snapshot of what was read so far: events, bad records, the first errors. */
    ReadStats stats();

    @Override
    void close() throws IOException;
}
