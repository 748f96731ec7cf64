package dev.harrier.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The archived telemetry of a case ({@code <case>/telemetry/}), kept so that it can be re-scanned later with newer
 * intel (a retro-hunt).
 *
 * <h2>Format</h2>
 *
 * <p>The directory holds <b>segments</b> and one <b>index</b>:
 *
 * <ul>
 *   <li>{@code seg-NNNNNN.ndjson.zst}: zstd-compressed NDJSON, one JSON object per event, in input order. Each
 *       input (one {@link Event#source()}, normally one file) gets its own segments; a segment is rolled every
 *       {@link #DEFAULT_SEGMENT_EVENTS} events (see {@link #withSegmentEvents}). An event line is
 *       <pre>{@code
 * {"t":"2026-03-02T09:41:07.120Z","p":"zeek","c":"zeek/dns","h":"sensor-1","s":"/logs/dns.log","l":12,
 *  "f":{"ts":{"$t":"2026-03-02T09:41:07.120Z"},"query":"update-lantern.example","answers":["203.0.113.45"]}}
 * }</pre>
 *       with {@code t} the timestamp (absent when unknown), {@code p} the product, {@code c} the channel and
 *       {@code h} the host (absent when unknown), {@code s} the original source and {@code l} the original line,
 *       and {@code f} the event's {@link Event#fields()} in order. Field values keep their type: JSON strings,
 *       booleans, integers ({@link Long}), finite floating-point numbers ({@link Double}), null and arrays ({@link
 *       java.util.List}) are written as themselves; every JSON object in {@code f} is a one-member tag: {@code
 *       {"$t":"<ISO-8601>"}} an {@link Instant}, {@code {"$d":"<digits>"}} a {@link java.math.BigDecimal}, {@code
 *       {"$f":"NaN"}} a non-finite double, {@code {"$m":{...}}} a map. An event read back is equal to the original in
 *       its fields (types included), timestamp, host, channel, product, provider, event id, source and line; only
 *       the dotted paths of the original Windows record ({@code Event.System...}) are not kept.
 *   <li>{@code index.json}, rewritten atomically (temporary file, then rename) after every archived input:
 *       <pre>{@code
 * {"format":"harrier-telemetry-archive/1","nextSegment":3,
 *  "segments":[{"file":"seg-000001.ndjson.zst","events":120,"minTime":"...","maxTime":"...",
 *               "hosts":["WS-PL-014"],"hostsTruncated":false,"channels":["..."],"products":["windows"],
 *               "sha256":"<of the compressed file>","sources":["/logs/ws-pl-014-sysmon.json"]}],
 *  "inputs":[{"source":"/logs/ws-pl-014-sysmon.json","sha256":"<of its event lines>","events":120,
 *             "segments":["seg-000001.ndjson.zst"]}]}
 * }</pre>
 *       {@code minTime}/{@code maxTime} are absent when no event of the segment has a timestamp; at most {@link
 *       #MAX_INDEXED_HOSTS} hosts are listed (then {@code hostsTruncated} is true and the segment is never skipped
 *       by host).
 * </ul>
 *
 * <h2>Idempotence</h2>
 *
 * <p>An input is identified by its source and the SHA-256 of its encoded event lines. Archiving an input already
 * listed in {@code inputs} writes nothing (its segments are discarded when it ends), so archiving the same logs
 * twice leaves the archive unchanged; an input that changed (a log that grew) is archived again in full. Re-scanning
 * duplicate events is harmless: sighting ids are derived from the event's source and line.
 *
 * <h2>Reading</h2>
 *
 * <p>{@link #open(Instant, Instant, Set)} skips segments by their index entry (time range, hosts), then filters
 * events; events report their original source and line. A segment that is missing or whose SHA-256 does not match
 * the index is reported in {@link EventSource#stats()} (as a skipped file) and the others are read; a line that does
 * not decode is reported with the segment and line and skipped.
 *
 * <p>One writer at a time per archive; readers see only committed inputs. Memory stays flat: events are streamed.
 */
public final class TelemetryArchive {
    /** Events per segment unless {@link #withSegmentEvents} says otherwise. */
    public static final int DEFAULT_SEGMENT_EVENTS = 100_000;

    /** Hosts listed per segment in the index. */
    public static final int MAX_INDEXED_HOSTS = 64;

    /** The index file's name. */
    public static final String INDEX = "index.json";

    static final String FORMAT = "harrier-telemetry-archive/1";

    private final Path dir;
    private final Limits limits;
    private final int segmentEvents;

    private TelemetryArchive(Path dir, Limits limits, int segmentEvents) {
        this.dir = dir;
        this.limits = limits;
        this.segmentEvents = segmentEvents;
    }

    /** The archive in {@code dir} (created on the first append). */
    public static TelemetryArchive at(Path dir, Limits limits) {
        return new TelemetryArchive(dir, limits, DEFAULT_SEGMENT_EVENTS);
    }

    /** The archive of a case directory: {@code <caseDir>/telemetry}. */
    public static TelemetryArchive ofCase(Path caseDir, Limits limits) {
        return at(caseDir.resolve("telemetry"), limits);
    }

    /** A copy that rolls segments every {@code events} events. */
    public TelemetryArchive withSegmentEvents(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("segment size must be positive: " + events);
        }
        return new TelemetryArchive(dir, limits, events);
    }

    /** The archive directory. */
    public Path dir() {
        return dir;
    }

    /**
     * One segment as the index lists it.
     *
     * @param file the segment's file name in the archive directory
     * @param events events in the segment
     * @param minTime earliest event timestamp, null when no event has one
     * @param maxTime latest event timestamp, null when no event has one
     * @param hosts hosts of the events, sorted, at most {@link #MAX_INDEXED_HOSTS}
     * @param hostsTruncated whether there were more hosts than listed
     * @param channels channels of the events, sorted
     * @param products products of the events, sorted
     * @param sha256 SHA-256 of the compressed file, lower-case hex
     * @param sources the inputs the events came from
     */
    public record Segment(
            String file,
            long events,
            @Nullable Instant minTime,
            @Nullable Instant maxTime,
            List<String> hosts,
            boolean hostsTruncated,
            List<String> channels,
            List<String> products,
            String sha256,
            List<String> sources) {
        /** Copies the lists. */
        public Segment {
            hosts = List.copyOf(hosts);
            channels = List.copyOf(channels);
            products = List.copyOf(products);
            sources = List.copyOf(sources);
        }
    }

    /**
     * One archived input.
     *
     * @param source the input's {@link Event#source()}
     * @param sha256 SHA-256 of its encoded event lines, lower-case hex
     * @param events its events
     * @param segments its segment files
     */
    public record Input(String source, String sha256, long events, List<String> segments) {
        /** Copies the list. */
        public Input {
            segments = List.copyOf(segments);
        }
    }

    /**
     * What an append did.
     *
     * @param events events read
     * @param inputs inputs archived
     * @param inputsAlreadyArchived inputs skipped because they were archived already
     * @param segments segments written
     */
    public record AppendResult(long events, long inputs, long inputsAlreadyArchived, long segments) {}

    /** An {@link EventSource} over the archive that also says how many segments it read and skipped. */
    public interface Scan extends EventSource {
        /** Segments selected by the index (read or to be read), missing and corrupt ones included. */
        int segmentsSelected();

        /** Segments skipped by the index (time range or hosts outside the query). */
        int segmentsSkipped();
    }

    /** The segments the index lists, in archive order; empty when there is no archive. */
    public List<Segment> segments() throws IOException {
        return ArchiveIndex.read(dir, mapper()).segments;
    }

    /** The inputs the index lists, in archive order; empty when there is no archive. */
    public List<Input> inputs() throws IOException {
        return ArchiveIndex.read(dir, mapper()).inputs;
    }

    /** Whether the archive has an index. */
    public boolean exists() {
        return Files.isRegularFile(dir.resolve(INDEX));
    }

    /** Archives every event of {@code source} (the caller closes it). */
    public AppendResult append(EventSource source) throws IOException {
        try (Appender a = appender()) {
            for (Event e = source.next(); e != null; e = source.next()) {
                a.add(e);
            }
            return a.commit();
        }
    }

    /** Starts an append: {@link Appender#add} events, then {@link Appender#commit}. */
    public Appender appender() throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path p : ds) {
                Files.deleteIfExists(p); // left by an interrupted append
            }
        }
        return new Appender(ArchiveIndex.read(dir, mapper()));
    }

    /**
     * The archived events whose timestamp is in {@code [since, until)} (an event without timestamp only when both
     * are null) and whose host is one of {@code hosts} (case-insensitive; empty: any host), in archive order.
     */
    public Scan open(@Nullable Instant since, @Nullable Instant until, Set<String> hosts) throws IOException {
        ArchiveIndex index = ArchiveIndex.read(dir, mapper());
        Set<String> wanted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        wanted.addAll(hosts);
        List<Segment> selected = new ArrayList<>();
        int skipped = 0;
        for (Segment s : index.segments) {
            if (ArchiveScan.mayMatch(s, since, until, wanted)) {
                selected.add(s);
            } else {
                skipped++;
            }
        }
        return new ArchiveScan(dir, selected, skipped, since, until, wanted, limits, jsonFactory());
    }

    private ObjectMapper mapper() {
        return Json.create(limits);
    }

    private JsonFactory jsonFactory() {
        return Json.create(limits).getFactory();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes events into new segments. Events of one input ({@link Event#source()}) are committed when the next
     * input starts or at {@link #commit()}; closing without committing discards the input in progress.
     */
    public final class Appender implements AutoCloseable {
        private final ArchiveIndex index;
        private final ArchiveCodec codec = new ArchiveCodec(jsonFactory());
        private final List<Path> pendingFiles = new ArrayList<>();
        private final List<Segment> pendingSegments = new ArrayList<>();
        private @Nullable String input;
        private MessageDigest inputDigest = sha256();
        private long inputEvents;
        private @Nullable SegmentWriter current;
        private long events;
        private long inputs;
        private long already;
        private long segments;
        private boolean closed;

        Appender(ArchiveIndex index) {
            this.index = index;
        }

        /** Archives one event. */
        public void add(Event e) throws IOException {
            if (closed) {
                throw new IllegalStateException("appender closed");
            }
            if (!e.source().equals(input)) {
                finishInput();
                input = e.source();
            }
            SegmentWriter w = current;
            if (w == null || w.events >= segmentEvents) {
                if (w != null) {
                    pendingSegments.add(w.finish());
                }
                String name = String.format(Locale.ROOT, "seg-%06d.ndjson.zst", index.nextSegment++);
                Path tmp = dir.resolve(name + ".tmp");
                pendingFiles.add(tmp);
                w = new SegmentWriter(name, tmp);
                current = w;
            }
            byte[] line = codec.encode(e);
            inputDigest.update(line);
            inputEvents++;
            events++;
            w.write(line, e);
        }

        /** An {@link EventSource} that archives every event read through it (commit after reading). */
        public EventSource tee(EventSource source) {
            return new EventSource() {
                @Override
                public @Nullable Event next() throws IOException {
                    Event e = source.next();
                    if (e != null) {
                        add(e);
                    }
                    return e;
                }

                @Override
                public ReadStats stats() {
                    return source.stats();
                }

                @Override
                public void close() throws IOException {
                    source.close();
                }
            };
        }

        /** Commits the input in progress and says what was archived. */
        public AppendResult commit() throws IOException {
            finishInput();
            closed = true;
            return new AppendResult(events, inputs, already, segments);
        }

        private void finishInput() throws IOException {
            String src = input;
            SegmentWriter w = current;
            current = null;
            input = null;
            if (w != null) {
                pendingSegments.add(w.finish());
            }
            if (src == null) {
                return;
            }
            String digest = HexFormat.of().formatHex(inputDigest.digest());
            inputDigest = sha256();
            long n = inputEvents;
            inputEvents = 0;
            boolean known = index.inputs.stream()
                    .anyMatch(i -> i.source().equals(src) && i.sha256().equals(digest));
            if (known) {
                for (Path p : pendingFiles) {
                    Files.deleteIfExists(p);
                }
                already++;
            } else {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < pendingFiles.size(); i++) {
                    Segment s = pendingSegments.get(i);
                    Files.move(
                            pendingFiles.get(i),
                            dir.resolve(s.file()),
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                    index.segments.add(s);
                    names.add(s.file());
                }
                index.inputs.add(new Input(src, digest, n, names));
                index.write(dir, mapper());
                inputs++;
                segments += names.size();
            }
            pendingFiles.clear();
            pendingSegments.clear();
        }

        /** Discards the input in progress unless {@link #commit()} was called. */
        @Override
        public void close() throws IOException {
            closed = true;
            SegmentWriter w = current;
            current = null;
            if (w != null) {
                w.abort();
            }
            for (Path p : pendingFiles) {
                Files.deleteIfExists(p);
            }
            pendingFiles.clear();
            pendingSegments.clear();
        }
    }

    /** One segment being written: compressed, hashed, with its index entry accumulated. */
    private static final class SegmentWriter {
        private final String name;
        private final MessageDigest digest = sha256();
        private final OutputStream out;
        private long events;
        private @Nullable Instant min;
        private @Nullable Instant max;
        private final Set<String> hosts = new TreeSet<>();
        private boolean hostsTruncated;
        private final Set<String> channels = new TreeSet<>();
        private final Set<String> products = new TreeSet<>();
        private final Set<String> sources = new LinkedHashSet<>();

        SegmentWriter(String name, Path tmp) throws IOException {
            this.name = name;
            OutputStream file = Files.newOutputStream(tmp);
            try {
                this.out = new BufferedOutputStream(
                        new ZstdOutputStream(new DigestOutputStream(new BufferedOutputStream(file), digest), 3),
                        64 * 1024);
            } catch (IOException | RuntimeException ex) {
                file.close();
                throw ex;
            }
        }

        void write(byte[] line, Event e) throws IOException {
            out.write(line);
            events++;
            Instant t = e.timestamp();
            if (t != null) {
                Instant lo = min;
                Instant hi = max;
                min = lo == null || t.isBefore(lo) ? t : lo;
                max = hi == null || t.isAfter(hi) ? t : hi;
            }
            String h = e.host();
            if (h != null && !hosts.contains(h)) {
                if (hosts.size() < MAX_INDEXED_HOSTS) {
                    hosts.add(h);
                } else {
                    hostsTruncated = true;
                }
            }
            String c = e.channel();
            if (c != null && channels.size() < 1_000) {
                channels.add(c);
            }
            products.add(e.product());
            sources.add(e.source());
        }

        Segment finish() throws IOException {
            out.close();
            return new Segment(
                    name,
                    events,
                    min,
                    max,
                    new ArrayList<>(hosts),
                    hostsTruncated,
                    new ArrayList<>(channels),
                    new ArrayList<>(products),
                    HexFormat.of().formatHex(digest.digest()),
                    new ArrayList<>(sources));
        }

        void abort() throws IOException {
            out.close();
        }
    }

    /** The index file: segments, inputs, the next segment number. */
    static final class ArchiveIndex {
        final List<Segment> segments = new ArrayList<>();
        final List<Input> inputs = new ArrayList<>();
        long nextSegment = 1;

        static ArchiveIndex read(Path dir, ObjectMapper mapper) throws IOException {
            ArchiveIndex idx = new ArchiveIndex();
            Path f = dir.resolve(INDEX);
            if (!Files.exists(f)) {
                return idx;
            }
            JsonNode root = mapper.readTree(f.toFile());
            if (!FORMAT.equals(root.path("format").asText())) {
                throw new IOException(f + ": not a " + FORMAT + " index");
            }
            idx.nextSegment = root.path("nextSegment").asLong(1);
            for (JsonNode s : root.path("segments")) {
                idx.segments.add(new Segment(
                        s.path("file").asText(),
                        s.path("events").asLong(),
                        time(s.get("minTime")),
                        time(s.get("maxTime")),
                        strings(s.path("hosts")),
                        s.path("hostsTruncated").asBoolean(),
                        strings(s.path("channels")),
                        strings(s.path("products")),
                        s.path("sha256").asText(),
                        strings(s.path("sources"))));
            }
            for (JsonNode i : root.path("inputs")) {
                idx.inputs.add(new Input(
                        i.path("source").asText(),
                        i.path("sha256").asText(),
                        i.path("events").asLong(),
                        strings(i.path("segments"))));
            }
            return idx;
        }

        private static @Nullable Instant time(@Nullable JsonNode n) throws IOException {
            if (n == null || n.isNull()) {
                return null;
            }
            try {
                return Instant.parse(n.asText());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IOException("bad time in archive index: " + n.asText(), e);
            }
        }

        private static List<String> strings(JsonNode n) {
            List<String> out = new ArrayList<>();
            n.forEach(x -> out.add(x.asText()));
            return out;
        }

        void write(Path dir, ObjectMapper mapper) throws IOException {
            ObjectNode root = mapper.createObjectNode();
            root.put("format", FORMAT);
            root.put("nextSegment", nextSegment);
            ArrayNode segs = root.putArray("segments");
            for (Segment s : segments) {
                ObjectNode o = segs.addObject();
                o.put("file", s.file());
                o.put("events", s.events());
                if (s.minTime() != null) {
                    o.put("minTime", String.valueOf(s.minTime()));
                }
                if (s.maxTime() != null) {
                    o.put("maxTime", String.valueOf(s.maxTime()));
                }
                s.hosts().forEach(o.putArray("hosts")::add);
                o.put("hostsTruncated", s.hostsTruncated());
                s.channels().forEach(o.putArray("channels")::add);
                s.products().forEach(o.putArray("products")::add);
                o.put("sha256", s.sha256());
                s.sources().forEach(o.putArray("sources")::add);
            }
            ArrayNode ins = root.putArray("inputs");
            for (Input i : inputs) {
                ObjectNode o = ins.addObject();
                o.put("source", i.source());
                o.put("sha256", i.sha256());
                o.put("events", i.events());
                i.segments().forEach(o.putArray("segments")::add);
            }
            Path tmp = dir.resolve(INDEX + ".tmp");
            mapper.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, dir.resolve(INDEX), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
