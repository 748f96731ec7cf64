package dev.harrier.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.github.luben.zstd.ZstdInputStream;
import dev.harrier.core.Limits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads the selected segments of a {@link TelemetryArchive}, filtering events by time and host. */
final class ArchiveScan implements TelemetryArchive.Scan {
    private final Path dir;
    private final Iterator<TelemetryArchive.Segment> segments;
    private final int selected;
    private final int skipped;
    private final @Nullable Instant since;
    private final @Nullable Instant until;
    private final Set<String> hosts;
    private final Stats stats;
    private final ArchiveCodec codec;
    private final int maxLine;
    private @Nullable InputStream in;
    private @Nullable LineReader lines;
    private String current = "";

    ArchiveScan(
            Path dir,
            List<TelemetryArchive.Segment> selected,
            int skipped,
            @Nullable Instant since,
            @Nullable Instant until,
            Set<String> hosts,
            Limits limits,
            JsonFactory factory) {
        this.dir = dir;
        this.segments = selected.iterator();
        this.selected = selected.size();
        this.skipped = skipped;
        this.since = since;
        this.until = until;
        this.hosts = hosts;
        this.stats = new Stats(limits.maxErrorsReported());
        this.codec = new ArchiveCodec(factory);
        this.maxLine =
                (int) Math.min(Integer.MAX_VALUE - 16, Math.max(limits.maxLineLength(), limits.maxObjectBytes()));
    }

    /** Whether a segment may hold events in {@code [since, until)} from one of {@code hosts} (empty: any). */
    static boolean mayMatch(
            TelemetryArchive.Segment s, @Nullable Instant since, @Nullable Instant until, Set<String> hosts) {
        if (since != null || until != null) {
            Instant min = s.minTime();
            Instant max = s.maxTime();
            if (min == null || max == null) {
                return false;
            }
            if (since != null && max.isBefore(since)) {
                return false;
            }
            if (until != null && !min.isBefore(until)) {
                return false;
            }
        }
        if (!hosts.isEmpty() && !s.hostsTruncated()) {
            return s.hosts().stream().anyMatch(hosts::contains);
        }
        return true;
    }

    private boolean matches(Event e) {
        if (since != null || until != null) {
            Instant t = e.timestamp();
            if (t == null || (since != null && t.isBefore(since)) || (until != null && !t.isBefore(until))) {
                return false;
            }
        }
        if (!hosts.isEmpty()) {
            String h = e.host();
            return h != null && hosts.contains(h);
        }
        return true;
    }

    @Override
    public @Nullable Event next() throws IOException {
        while (true) {
            LineReader r = lines;
            if (r == null) {
                if (!openNext()) {
                    return null;
                }
                continue;
            }
            boolean more;
            try {
                more = r.next();
            } catch (IOException e) {
                stats.bad(current, r.number() + 1, "segment ends early: " + e.getMessage());
                closeCurrent();
                continue;
            }
            if (!more) {
                closeCurrent();
                continue;
            }
            if (r.blank()) {
                continue;
            }
            if (r.tooLong()) {
                stats.bad(current, r.number(), "line longer than " + maxLine + " bytes");
                continue;
            }
            Event e;
            try {
                e = codec.decode(r.bytes(), r.length());
            } catch (IOException ex) {
                stats.bad(current, r.number(), "not an archived event: " + ex.getMessage());
                continue;
            }
            if (matches(e)) {
                stats.events++;
                return e;
            }
        }
    }

    private boolean openNext() throws IOException {
        while (segments.hasNext()) {
            TelemetryArchive.Segment s = segments.next();
            Path f = dir.resolve(s.file());
            current = f.toString();
            try {
                String sha = sha256(f);
                if (!sha.equals(s.sha256())) {
                    stats.skippedFiles++;
                    stats.error(current, 0, "corrupt segment: SHA-256 " + sha + " does not match the index");
                    continue;
                }
                in = new ZstdInputStream(new BufferedInputStream(Files.newInputStream(f), 64 * 1024));
            } catch (NoSuchFileException e) {
                stats.skippedFiles++;
                stats.error(current, 0, "segment missing");
                continue;
            } catch (IOException e) {
                stats.skippedFiles++;
                stats.error(current, 0, "unreadable segment: " + e.getMessage());
                continue;
            }
            stats.files++;
            lines = new LineReader(in, maxLine);
            return true;
        }
        return false;
    }

    private static String sha256(Path f) throws IOException {
        MessageDigest md = TelemetryArchive.sha256();
        byte[] buf = new byte[64 * 1024];
        try (InputStream is = Files.newInputStream(f)) {
            for (int n = is.read(buf); n > 0; n = is.read(buf)) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private void closeCurrent() throws IOException {
        InputStream i = in;
        in = null;
        lines = null;
        if (i != null) {
            i.close();
        }
    }

    @Override
    public ReadStats stats() {
        return stats.snapshot();
    }

    @Override
    public int segmentsSelected() {
        return selected;
    }

    @Override
    public int segmentsSkipped() {
        return skipped;
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }
}
