package dev.harrier.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.harrier.core.Limits;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/** The records of one decompressed input, mapped to events; problems go to the {@link Stats} collector. */
abstract class FileRecords implements Closeable {
    /** Turns one parsed JSON record into an event, or says why it cannot. */
    @FunctionalInterface
    interface RecordMapper {
        MapEvent map(@Nullable Object record, String source, long line) throws FieldMapping.BadShape;
    }

    final String source;
    final Stats stats;
    final JsonTree tree;
    final InputStream in;

    FileRecords(String source, InputStream in, Limits limits, Stats stats) {
        this.source = source;
        this.in = in;
        this.stats = stats;
        this.tree = new JsonTree(limits);
    }

    /** The next good event of this input, or null at its end. */
    abstract @Nullable Event next() throws IOException;

    @Override
    public void close() throws IOException {
        in.close();
    }

    static String message(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            m = e.getClass().getSimpleName();
        }
        m = m.replace('\n', ' ');
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    /** One JSON object per line (NDJSON); a bad line is reported and skipped. */
    static final class Lines extends FileRecords {
        private final LineReader lines;
        private final JsonFactory factory;
        private final int maxLineLength;
        private final long maxObjectBytes;
        private final RecordMapper mapper;

        Lines(String source, RecordMapper mapper, InputStream in, Limits limits, JsonFactory factory, Stats stats) {
            super(source, in, limits, stats);
            this.mapper = mapper;
            this.lines = new LineReader(in, limits.maxLineLength());
            this.factory = factory;
            this.maxLineLength = limits.maxLineLength();
            this.maxObjectBytes = limits.maxObjectBytes();
        }

        @Override
        @Nullable
        Event next() throws IOException {
            while (lines.next()) {
                long n = lines.number();
                if (lines.tooLong()) {
                    stats.bad(source, n, "line longer than " + maxLineLength + " bytes (Limits.maxLineLength)");
                    continue;
                }
                if (lines.blank()) {
                    continue;
                }
                Object record;
                try (JsonParser p = factory.createParser(lines.bytes(), 0, lines.length())) {
                    p.nextToken();
                    record = tree.read(p, lines.length() <= maxObjectBytes);
                    if (p.nextToken() != null) {
                        stats.bad(source, n, "bad JSON: more data after the record");
                        continue;
                    }
                } catch (JsonProcessingException e) {
                    stats.bad(source, n, "bad JSON: " + message(e));
                    continue;
                } catch (JsonTree.TooLarge e) {
                    stats.bad(source, n, e.getMessage());
                    continue;
                } catch (IOException e) {
                    // parsing bytes in memory: any I/O error is a problem of this line
                    stats.bad(source, n, "bad JSON: " + e.getMessage());
                    continue;
                }
                try {
                    return mapper.map(record, source, n);
                } catch (FieldMapping.BadShape e) {
                    stats.bad(source, n, e.getMessage());
                }
            }
            return null;
        }
    }

    /**
     * JSON objects concatenated with or without whitespace, possibly pretty-printed. A syntax error ends the input
     * (the parser cannot resynchronize reliably); a record of the wrong shape or over a limit is skipped.
     */
    static final class Concatenated extends FileRecords {
        private final JsonParser parser;
        private final RecordMapper mapper;
        private boolean done;

        Concatenated(
                String source, RecordMapper mapper, InputStream in, Limits limits, JsonFactory factory, Stats stats)
                throws IOException {
            super(source, in, limits, stats);
            this.mapper = mapper;
            this.parser = factory.createParser(in);
        }

        @Override
        @Nullable
        Event next() throws IOException {
            while (!done) {
                long line = Math.max(1, parser.currentLocation().getLineNr());
                try {
                    JsonToken t = parser.nextToken();
                    if (t == null) {
                        done = true;
                        return null;
                    }
                    line = parser.currentTokenLocation().getLineNr();
                    Object record;
                    try {
                        record = tree.read(parser);
                    } catch (JsonTree.TooLarge e) {
                        stats.bad(source, line, e.getMessage());
                        while (!parser.getParsingContext().inRoot()) {
                            if (parser.nextToken() == null) {
                                throw new IOException("unexpected end of input");
                            }
                        }
                        continue;
                    }
                    try {
                        return mapper.map(record, source, line);
                    } catch (FieldMapping.BadShape e) {
                        stats.bad(source, line, e.getMessage());
                    }
                } catch (JsonProcessingException e) {
                    done = true;
                    long at = e.getLocation() != null && e.getLocation().getLineNr() > 0
                            ? e.getLocation().getLineNr()
                            : line;
                    stats.bad(source, at, "bad JSON, rest of the file skipped: " + message(e));
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            try {
                parser.close();
            } finally {
                super.close();
            }
        }
    }
}
