package dev.harrier.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/** Opens input files: decompression by magic number, then format detection from the first bytes. */
final class Inputs {
    static final int PREFIX = 64 * 1024;

    /** What detection found: a format (or null with a reason), and whether records are one per line. */
    record Detected(@Nullable TelemetryFormat format, boolean lineDelimited, String reason) {}

    private Inputs() {}

    /** The file's bytes, decompressed when it starts with the gzip or zstd magic number. */
    static BufferedInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
            byte[] magic = peek(in, 4);
            if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), 64 * 1024);
            }
            if (magic.length == 4
                    && (magic[0] & 0xff) == 0x28
                    && (magic[1] & 0xff) == 0xb5
                    && (magic[2] & 0xff) == 0x2f
                    && (magic[3] & 0xff) == 0xfd) {
                return new BufferedInputStream(new ZstdInputStream(in), 64 * 1024);
            }
            return in;
        } catch (IOException | RuntimeException | Error e) {
            raw.close();
            throw e;
        }
    }

    /** Up to {@code n} bytes from the stream's current position, which is restored. */
    static byte[] peek(BufferedInputStream in, int n) throws IOException {
        in.mark(n);
        byte[] b = in.readNBytes(n);
        in.reset();
        return b;
    }

    /**
     * Detects the format of decompressed content from its first {@link #PREFIX} bytes (after a UTF-8 byte order
     * mark):
     *
     * <ol>
     *   <li>{@code ElfFile}: a native .evtx file, not supported;
     *   <li>a first line starting with a Zeek header ({@code #separator}, or {@code #fields}, {@code #path}, ...):
     *       {@link TelemetryFormat#ZEEK_TSV};
     *   <li>else the first JSON object that parses (a bad first line does not hide the format) by its top-level
     *       keys, first match wins: an {@code Event} object → {@link TelemetryFormat#EVTX_JSON}; {@code winlog},
     *       {@code winlog.*} or {@code ecs} → {@link TelemetryFormat#ECS_NDJSON}; with neither {@code EventID} nor
     *       {@code Channel}: a string {@code event_type} plus one of {@code timestamp}, {@code flow_id}, {@code
     *       src_ip}, {@code dest_ip}, {@code in_iface} → {@link TelemetryFormat#SURICATA_EVE}; a {@code ts} (number
     *       or string) plus one of {@code _path}, {@code _write_ts}, {@code uid}, {@code uids}, {@code fuid},
     *       {@code conn_uids}, {@code fingerprint}, {@code note}, an {@code id.*} or {@code certificate.*} key or an
     *       {@code id} object → {@link TelemetryFormat#ZEEK_JSON}; otherwise {@link TelemetryFormat#FLAT_JSON};
     *   <li>an empty input is {@link TelemetryFormat#FLAT_JSON} with no records; anything else is no format.
     * </ol>
     */
    static Detected detect(byte[] prefix, JsonFactory factory) {
        int start = 0;
        if (prefix.length >= 3
                && (prefix[0] & 0xff) == 0xef
                && (prefix[1] & 0xff) == 0xbb
                && (prefix[2] & 0xff) == 0xbf) {
            start = 3;
        }
        if (prefix.length >= 8
                && new String(prefix, 0, 7, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ElfFile")) {
            return new Detected(null, false, "native .evtx is not supported yet; convert it with evtx_dump -o json");
        }
        int firstByte = skipWhitespace(prefix, start);
        if (firstByte < prefix.length && prefix[firstByte] == '#') {
            return zeekHeader(prefix, firstByte);
        }
        // try the first record, then each following line start (a bad first line must not hide the format)
        int tries = 0;
        for (int i = start; i < prefix.length && tries < 20; ) {
            int first = skipWhitespace(prefix, i);
            if (first >= prefix.length) {
                break;
            }
            if (prefix[first] == '{') {
                tries++;
                Detected d = classify(prefix, first, factory);
                if (d != null) {
                    return d;
                }
            } else if (tries == 0 && first == skipWhitespace(prefix, start)) {
                return new Detected(null, false, "not JSON objects (starts with " + describe(prefix[first]) + ")");
            }
            int nl = indexOf(prefix, (byte) '\n', first);
            if (nl < 0) {
                break;
            }
            i = nl + 1;
        }
        if (skipWhitespace(prefix, start) >= prefix.length) {
            return new Detected(TelemetryFormat.FLAT_JSON, true, "empty");
        }
        return new Detected(null, false, "no JSON object record found in the first " + PREFIX + " bytes");
    }

    /**
     * A Zeek TSV log starts with its header: {@code #separator} first as Zeek writes it, or (for a log whose first
     * header lines were cut) {@code #fields}, {@code #path}, {@code #set_separator}, {@code #empty_field}, {@code
     * #unset_field} or {@code #open}.
     */
    private static Detected zeekHeader(byte[] b, int from) {
        int end = indexOf(b, (byte) '\n', from);
        String first = new String(
                b, from, Math.min((end < 0 ? b.length : end) - from, 64), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String h : ZEEK_HEADERS) {
            if (first.startsWith(h)
                    && (first.length() == h.length()
                            || first.charAt(h.length()) == ' '
                            || first.charAt(h.length()) == '\t'
                            || first.charAt(h.length()) == '\r')) {
                return new Detected(TelemetryFormat.ZEEK_TSV, true, "");
            }
        }
        return new Detected(null, false, "not JSON objects nor a Zeek log (starts with '#' but no Zeek header)");
    }

    private static final java.util.List<String> ZEEK_HEADERS = java.util.List.of(
            "#separator", "#set_separator", "#empty_field", "#unset_field", "#path", "#open", "#fields");

    /** Keys whose presence (with {@code ts}) marks a Zeek JSON record. */
    private static final java.util.Set<String> ZEEK_KEYS =
            java.util.Set.of("_path", "_write_ts", "uid", "uids", "fuid", "conn_uids", "fingerprint", "note");

    /** Which kinds of keys the first record has; decides the format. */
    private static final class Keys {
        boolean evtx;
        boolean ecs;
        boolean windows;
        boolean eventType;
        boolean suricata;
        boolean ts;
        boolean zeek;

        void see(String name, JsonToken v) {
            if (name.equals("Event") && v == JsonToken.START_OBJECT) {
                evtx = true;
            } else if (name.equals("winlog") || name.startsWith("winlog.") || name.equals("ecs")) {
                ecs = true;
            } else if (name.equals("EventID") || name.equals("Channel")) {
                windows = true;
            } else if (name.equals("event_type") && v == JsonToken.VALUE_STRING) {
                eventType = true;
            } else if (name.equals("timestamp")
                    || name.equals("flow_id")
                    || name.equals("src_ip")
                    || name.equals("dest_ip")
                    || name.equals("in_iface")) {
                suricata = true;
            } else if (name.equals("ts")
                    && (v == JsonToken.VALUE_NUMBER_FLOAT
                            || v == JsonToken.VALUE_NUMBER_INT
                            || v == JsonToken.VALUE_STRING)) {
                ts = true;
            } else if (ZEEK_KEYS.contains(name)
                    || name.startsWith("id.")
                    || name.startsWith("certificate.")
                    || (name.equals("id") && v == JsonToken.START_OBJECT)) {
                zeek = true;
            }
        }

        TelemetryFormat format() {
            if (evtx) {
                return TelemetryFormat.EVTX_JSON;
            }
            if (ecs) {
                return TelemetryFormat.ECS_NDJSON;
            }
            if (!windows && eventType && suricata) {
                return TelemetryFormat.SURICATA_EVE;
            }
            if (!windows && ts && zeek) {
                return TelemetryFormat.ZEEK_JSON;
            }
            return TelemetryFormat.FLAT_JSON;
        }
    }

    private static @Nullable Detected classify(byte[] b, int from, JsonFactory factory) {
        Keys keys = new Keys();
        boolean objectSeen = false;
        boolean complete = false;
        int lineEnd = indexOf(b, (byte) '\n', from);
        try (JsonParser p = factory.createParser(b, from, b.length - from)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            objectSeen = true;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                keys.see(name, v);
                p.skipChildren();
            }
            complete = true;
            // one record per line when the first line alone holds the whole first record
            boolean oneLine = lineEnd < 0 || wholeObject(b, from, lineEnd, factory);
            return new Detected(keys.format(), oneLine, "");
        } catch (IOException | RuntimeException e) {
            if (!objectSeen || (!complete && !keys.evtx && !keys.ecs && lineEnd >= 0 && lineEnd < b.length - 1)) {
                // a bad line: let the caller try the next one (unless the prefix simply ended in a big record)
                return null;
            }
            return new Detected(keys.format(), false, "");
        }
    }

    private static boolean wholeObject(byte[] b, int from, int to, JsonFactory factory) {
        try (JsonParser p = factory.createParser(b, from, to - from)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static int skipWhitespace(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(byte b) {
        return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format(java.util.Locale.ROOT, "byte 0x%02x", b);
    }
}
