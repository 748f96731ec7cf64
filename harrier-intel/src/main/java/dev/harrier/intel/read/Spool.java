package dev.harrier.intel.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Keeps entries read before the information needed to convert them (a MISP event's tags come after its attributes;
 * a galaxy file may list its values before its type): in memory up to a byte budget, then in a temporary file, so
 * memory stays bounded whatever the size of the input.
 */
final class Spool implements Closeable {
    /** One kept entry. */
    record Entry(String kind, ObjectNode node, String path, long line, long column) {}

    /** Receives entries back, in the order they were added. */
    interface EntryConsumer {
        void accept(Entry e) throws IOException;
    }

    static final long DEFAULT_MEMORY_BUDGET = 16L << 20;

    private final ObjectMapper mapper;
    private final long memoryBudget;
    private final List<Entry> memory = new ArrayList<>();
    private long memoryBytes;
    private @Nullable Path file;
    private @Nullable DataOutputStream out;
    private long size;

    Spool(ObjectMapper mapper, long memoryBudget) {
        this.mapper = mapper;
        this.memoryBudget = memoryBudget;
    }

    /** Adds an entry; {@code bytes} is its size in the input, the measure of the budget. */
    void add(Entry e, long bytes) throws IOException {
        size++;
        if (out == null && memoryBytes + bytes <= memoryBudget) {
            memory.add(e);
            memoryBytes += bytes;
            return;
        }
        if (out == null) {
            Path f = Files.createTempFile("harrier-spool", ".bin");
            file = f;
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f), 1 << 16));
        }
        DataOutputStream o = out;
        writeString(o, e.kind());
        writeString(o, e.path());
        o.writeLong(e.line());
        o.writeLong(e.column());
        byte[] json = mapper.writeValueAsBytes(e.node());
        o.writeInt(json.length);
        o.write(json);
    }

    long size() {
        return size;
    }

    /** Replays every entry in order. */
    void forEach(EntryConsumer c) throws IOException {
        for (Entry e : memory) {
            c.accept(e);
        }
        if (out == null || file == null) {
            return;
        }
        out.flush();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                String kind;
                try {
                    kind = readString(in);
                } catch (EOFException end) {
                    break;
                }
                String path = readString(in);
                long line = in.readLong();
                long column = in.readLong();
                byte[] json = new byte[in.readInt()];
                in.readFully(json);
                JsonNode n = mapper.readTree(json);
                c.accept(new Entry(kind, (ObjectNode) n, path, line, column));
            }
        }
    }

    private static void writeString(DataOutputStream o, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        o.writeInt(b.length);
        o.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        memory.clear();
        try {
            if (out != null) {
                out.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // best effort: the file is a temporary file
        } finally {
            out = null;
            file = null;
        }
    }
}
