package dev.harrier.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An {@link EventSource} over a lazy sequence of files, each decompressed and detected on its own. */
final class FilesEventSource implements EventSource {
    private static final Logger LOG = LoggerFactory.getLogger(FilesEventSource.class);

    private final Iterator<Path> files;
    private final Limits limits;
    private final @Nullable TelemetryFormat forced;
    private final @Nullable ColumnMapping mapping;
    private final JsonFactory factory;
    private final Stats stats;
    private @Nullable FileRecords current;
    private boolean closed;

    FilesEventSource(Iterator<Path> files, Limits limits, @Nullable TelemetryFormat forced) {
        this(files, limits, forced, null);
    }

    /** Every file read with {@code mapping} (no detection) when it is given, else as {@code forced} or detected. */
    FilesEventSource(
            Iterator<Path> files, Limits limits, @Nullable TelemetryFormat forced, @Nullable ColumnMapping mapping) {
        this.files = files;
        this.limits = limits;
        this.forced = forced;
        this.mapping = mapping;
        this.factory = Json.create(limits).getFactory();
        this.stats = new Stats(limits.maxErrorsReported());
    }

    @Override
    public @Nullable Event next() throws IOException {
        if (closed) {
            throw new IllegalStateException("source is closed");
        }
        while (true) {
            FileRecords cur = current;
            if (cur == null) {
                Path file;
                try {
                    if (!files.hasNext()) {
                        return null;
                    }
                    file = files.next();
                } catch (java.io.UncheckedIOException ex) {
                    throw ex.getCause(); // an unreadable directory
                }
                current = openFile(file);
                continue;
            }
            Event e;
            try {
                e = cur.next();
            } catch (IOException ex) {
                // a broken file (truncated gzip, corrupt zstd frame, disk error): report it and go on
                stats.bad(cur.source, 0, "read failed, rest of the file skipped: " + ex);
                e = null;
            }
            if (e != null) {
                stats.events++;
                return e;
            }
            closeCurrent();
        }
    }

    private @Nullable FileRecords openFile(Path file) {
        String source = file.toString();
        BufferedInputStream in = null;
        try {
            in = Inputs.open(file);
            ColumnMapping m = mapping;
            if (m != null) {
                return openMapped(source, in, m);
            }
            Inputs.Detected d = Inputs.detect(Inputs.peek(in, Inputs.PREFIX), factory);
            TelemetryFormat format = forced != null ? forced : d.format();
            if (format == null) {
                stats.skippedFiles++;
                stats.error(source, 0, "skipped: " + d.reason());
                LOG.debug("{}: skipped: {}", source, d.reason());
                in.close();
                return null;
            }
            stats.files++;
            LOG.debug("{}: reading as {}", source, format);
            if (format == TelemetryFormat.ZEEK_TSV) {
                return new ZeekTsvRecords(source, NetworkMapping.pathFromFileName(file), in, limits, stats);
            }
            FileRecords.RecordMapper mapper = FieldMapping.mapper(format, file);
            // a forced format on input that is not JSON (a Zeek TSV log read as JSON) is read line by line
            return d.lineDelimited() || d.format() == null || d.format() == TelemetryFormat.ZEEK_TSV
                    ? new FileRecords.Lines(source, mapper, in, limits, factory, stats)
                    : new FileRecords.Concatenated(source, mapper, in, limits, factory, stats);
        } catch (IOException | RuntimeException e) {
            stats.skippedFiles++;
            stats.error(source, 0, "skipped: cannot read: " + e);
            if (in != null) {
                try {
                    in.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            return null;
        }
    }

    private @Nullable FileRecords openMapped(String source, BufferedInputStream in, ColumnMapping m)
            throws IOException {
        if (m.format() == ColumnMapping.Format.JSONL) {
            stats.files++;
            LOG.debug("{}: reading as JSON lines with {}", source, m.source());
            return new FileRecords.Lines(source, MappedRecords.jsonMapper(m), in, limits, factory, stats);
        }
        MappedRecords.Csv csv = new MappedRecords.Csv(source, m, in, limits, stats);
        String problem = csv.open();
        if (problem != null) {
            stats.skippedFiles++;
            stats.error(source, 0, "skipped: " + problem);
            LOG.debug("{}: skipped: {}", source, problem);
            in.close();
            return null;
        }
        stats.files++;
        LOG.debug("{}: reading as CSV with {}", source, m.source());
        return csv;
    }

    private void closeCurrent() throws IOException {
        FileRecords cur = current;
        current = null;
        if (cur != null) {
            cur.close();
        }
    }

    @Override
    public ReadStats stats() {
        return stats.snapshot();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        closeCurrent();
    }
}
