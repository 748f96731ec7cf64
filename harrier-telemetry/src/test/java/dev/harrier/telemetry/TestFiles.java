package dev.harrier.telemetry;

import com.github.luben.zstd.ZstdOutputStream;
import dev.harrier.core.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

final class TestFiles {
    private TestFiles() {}

    static byte[] resource(String name) {
        try (InputStream in = TestFiles.class.getResourceAsStream("/telemetry/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture under {@code src/test/resources/network/}. */
    static byte[] network(String name) {
        try (InputStream in = TestFiles.class.getResourceAsStream("/network/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource network/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a network fixture to {@code dir}, under its own name or {@code as}. */
    static Path copyNetwork(String name, Path dir) throws IOException {
        return copyNetwork(name, dir, name);
    }

    static Path copyNetwork(String name, Path dir, String as) throws IOException {
        Path p = dir.resolve(as);
        Files.createDirectories(p.getParent());
        Files.write(p, network(name));
        return p;
    }

    /** Every event of a source, plus the final stats. */
    record Events(List<Event> events, ReadStats stats) {}

    static Events read(Path p) throws IOException {
        try (EventSource src = EventSources.open(p, Limits.defaults())) {
            List<Event> out = new ArrayList<>();
            src.forEach(out::add);
            return new Events(out, src.stats());
        }
    }

    static Events read(Path p, ColumnMapping mapping) throws IOException {
        try (EventSource src = EventSources.open(p, mapping, Limits.defaults())) {
            List<Event> out = new ArrayList<>();
            src.forEach(out::add);
            return new Events(out, src.stats());
        }
    }

    static Path copy(String name, Path dir) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, resource(name));
        return p;
    }

    static byte[] gzip(byte[] data) throws IOException {
        java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bo)) {
            out.write(data);
        }
        return bo.toByteArray();
    }

    static byte[] zstd(byte[] data) throws IOException {
        java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new ZstdOutputStream(bo)) {
            out.write(data);
        }
        return bo.toByteArray();
    }

    /** Every event of a source as a comparable summary, plus the final stats. */
    record Read(List<Map<String, Object>> events, ReadStats stats) {}

    static Read readAll(Path p) throws IOException {
        return readAll(p, Limits.defaults());
    }

    static Read readAll(Path p, Limits limits) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (EventSource src = EventSources.open(p, limits)) {
            src.forEach(e -> out.add(summary(e)));
            return new Read(out, src.stats());
        }
    }

    static Map<String, Object> summary(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : e.fieldNames()) {
            m.put(f, String.valueOf(e.get(f)));
        }
        m.put("@line", e.line());
        m.put("@timestamp", String.valueOf(e.timestamp()));
        if (!e.product().equals("windows")) {
            m.put("@product", e.product());
            m.put("@channel", String.valueOf(e.channel()));
            m.put("@host", String.valueOf(e.host()));
        }
        return m;
    }

    /** Heap in use after two full collections, for checks that memory stays flat. */
    static long usedAfterGc() {
        java.lang.management.MemoryMXBean mem = java.lang.management.ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return mem.getHeapMemoryUsage().getUsed();
    }

    /** Deletes a directory tree (files first). */
    static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
        try (var s = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path p :
                    s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }
}
