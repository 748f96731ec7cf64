package dev.harrier.telemetry;

import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Opens {@link EventSource}s over files and directories of telemetry: Windows event logs written as JSON, Zeek and
 * Suricata network logs (all detected from content), and CSV or JSON lines read with a {@link ColumnMapping}.
 */
public final class EventSources {
    private EventSources() {}

    /**
     * Reads a file, or every file under a directory (recursively, sorted by name, hidden files and directories and
     * symbolic links to directories skipped). Each file is decompressed when it starts with the gzip ({@code 1f 8b})
     * or zstd ({@code 28 b5 2f fd}) magic number, and its {@link TelemetryFormat} is detected from its content (see
     * {@link #detect}); a file of no known format is skipped and reported in {@link EventSource#stats()}. Files of
     * different formats may be mixed in one directory.
     *
     * @throws NoSuchFileException when {@code fileOrDir} does not exist
     */
    public static EventSource open(Path fileOrDir, Limits limits) throws IOException {
        return new FilesEventSource(files(fileOrDir), limits, null);
    }

    /**
     * Reads a file, or every file under a directory (walked as {@link #open(Path, Limits)} does, gzip and zstd read
     * directly), with a column mapping: no format detection, every file is CSV or JSON lines as the mapping says. A
     * CSV file whose header lacks a column the mapping names is skipped and reported in {@link EventSource#stats()}
     * with the mapping file, the mapping key and the column; a record whose timestamp is missing or does not parse,
     * or whose mapped value does not fit its type, is reported with its line and skipped.
     *
     * <pre>{@code
     * ColumnMapping proxy = ColumnMapping.load(Path.of("proxy.mapping.yml"));
     * try (EventSource src = EventSources.open(Path.of("exports/"), proxy, Limits.defaults())) { ... }
     * }</pre>
     *
     * @throws NoSuchFileException when {@code fileOrDir} does not exist
     */
    public static EventSource open(Path fileOrDir, ColumnMapping mapping, Limits limits) throws IOException {
        return new FilesEventSource(files(fileOrDir), limits, null, mapping);
    }

    /** Like {@link #open(Path, Limits)}, but reads every file as {@code format} without detection. */
    public static EventSource open(Path fileOrDir, TelemetryFormat format, Limits limits) throws IOException {
        return new FilesEventSource(files(fileOrDir), limits, format);
    }

    /**
     * The format of one file (decompressed first if gzip or zstd) from its first 64 KiB, or empty when it is not
     * one of the {@link TelemetryFormat}s (for example a native {@code .evtx} file or a YAML file).
     *
     * <p>A first line that starts with a Zeek header ({@code #separator}, or {@code #fields}, {@code #path}, ...) is
     * {@link TelemetryFormat#ZEEK_TSV}. Otherwise the first JSON object that parses decides by its top-level keys,
     * first match wins: an {@code Event} object is {@link TelemetryFormat#EVTX_JSON}; {@code winlog} or {@code ecs}
     * is {@link TelemetryFormat#ECS_NDJSON}; without {@code EventID} and {@code Channel}, a string {@code
     * event_type} with {@code timestamp}, {@code flow_id}, {@code src_ip}, {@code dest_ip} or {@code in_iface} is
     * {@link TelemetryFormat#SURICATA_EVE}, and a {@code ts} with a Zeek key ({@code _path}, {@code uid}, {@code
     * fuid}, {@code id.*}, {@code certificate.*}, {@code fingerprint}, {@code note}, ...) is {@link
     * TelemetryFormat#ZEEK_JSON}; any other object is {@link TelemetryFormat#FLAT_JSON}. The file name plays no part
     * in detection (it only names the Zeek log type of records without {@code _path} or {@code #path}).
     */
    public static Optional<TelemetryFormat> detect(Path file, Limits limits) throws IOException {
        try (BufferedInputStream in = Inputs.open(file)) {
            return Optional.ofNullable(Inputs.detect(
                            Inputs.peek(in, Inputs.PREFIX), Json.create(limits).getFactory())
                    .format());
        }
    }

    private static Iterator<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString());
        }
        if (!Files.isDirectory(root)) {
            return List.of(root).iterator();
        }
        return new DirectoryWalk(root);
    }

    /** A lazy depth-first walk in name order; holds one sorted listing per open directory level. */
    private static final class DirectoryWalk implements Iterator<Path> {
        private final Deque<Iterator<Path>> stack = new ArrayDeque<>();
        private @Nullable Path next;

        DirectoryWalk(Path root) throws IOException {
            stack.push(list(root));
            advance();
        }

        private static Iterator<Path> list(Path dir) throws IOException {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    Path name = p.getFileName();
                    if (name != null && !name.toString().startsWith(".")) {
                        children.add(p);
                    }
                }
            }
            Collections.sort(children);
            return children.iterator();
        }

        private void advance() {
            next = null;
            while (!stack.isEmpty()) {
                Iterator<Path> top = stack.peek();
                if (!top.hasNext()) {
                    stack.pop();
                    continue;
                }
                Path p = top.next();
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        stack.push(list(p));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                } else if (Files.isRegularFile(p)) {
                    next = p;
                    return;
                }
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Path next() {
            Path p = next;
            if (p == null) {
                throw new NoSuchElementException();
            }
            advance();
            return p;
        }
    }
}
