package dev.harrier.analysis.sample;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sample reports as JSON: what {@code harrier sample inspect --json} prints and what {@code harrier sample import
 * --reports} reads, for samples known from a vendor report or a sandbox rather than as files.
 *
 * <p>The format is a document {@code {"samples": [ ... ]}} (a bare array of samples, or one sample object, is read
 * too). One sample:
 *
 * <pre>{@code
 * {
 *   "name": "loader.dll",                       // required
 *   "size": 3896,                               // bytes; optional
 *   "family": "BlackWidow",                     // malware family or toolkit; optional
 *   "hashes": {                                 // at least one of md5, sha1, sha256
 *     "md5": "…32 hex…", "sha1": "…40 hex…", "sha256": "…64 hex…",
 *     "ssdeep": "48:QKxUP5B…:fuRoSOw…"           // optional
 *   },
 *   "pe": {                                     // optional; every member optional
 *     "machine": "AMD64", "dll": true,
 *     "compile_time": "2021-01-14T08:25:36Z",   // ISO-8601 instant, or seconds since 1970 (TimeDateStamp)
 *     "pdb_path": "C:\\Users\\dev\\Loader\\x64\\Release\\Loader.pdb", "pdb_guid": "…",
 *     "imphash": "…32 hex…", "import_count": 5,
 *     "rich_header_hash": "…32 hex…",
 *     "sections": [{"name": ".text", "virtual_address": 4096, "virtual_size": 512, "raw_size": 512,
 *                   "entropy": 6.2, "characteristics": 1610612768}],
 *     "exports": ["Start"], "resource_count": 3,
 *     "signer": {"subject": "CN=…", "issuer": "CN=…", "serial": "1234a", "sha256": "…64 hex…",
 *                "not_before": "…", "not_after": "…"}
 *   },
 *   "problems": []                              // what the inspector could not read; ignored on input
 * }
 * }</pre>
 *
 * <p>Unknown members are ignored. A sample that breaks the rules is rejected with the file, its JSON path and the
 * reason ({@code reports.json: samples[2].hashes.sha256: not 64 hex digits}); the other samples are kept. The file
 * is read as a stream, one sample at a time, within the JSON bounds of {@link Limits} (and at most {@code
 * maxObjectsPerFile} samples).
 */
public final class SampleReports {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SampleReports() {}

    /**
     * What a report file yielded.
     *
     * @param samples the samples read
     * @param errors one message per rejected sample, naming the file and the JSON path
     */
    public record Read(List<SampleReport> samples, List<String> errors) {
        /** Copies the lists. */
        public Read {
            samples = List.copyOf(samples);
            errors = List.copyOf(errors);
        }
    }

    /**
     * Reads a report file.
     *
     * @throws SampleException when the file cannot be read or is not JSON of this form at all
     */
    public static Read read(Path file, Limits limits) throws SampleException {
        ObjectMapper mapper = Json.create(limits);
        ObjectReader reader = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        List<SampleReport> samples = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long[] count = {0};
        try (InputStream in = Files.newInputStream(file);
                JsonParser p = mapper.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new SampleException(file + ": empty file");
            }
            if (first == JsonToken.START_ARRAY) {
                readArray(p, reader, file, "", limits, samples, errors, count);
            } else if (first == JsonToken.START_OBJECT) {
                ObjectNode rest = NODES.objectNode();
                boolean sawSamples = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (name.equals("samples")) {
                        if (value != JsonToken.START_ARRAY) {
                            throw new SampleException(file + ": samples: not an array");
                        }
                        sawSamples = true;
                        readArray(p, reader, file, "samples", limits, samples, errors, count);
                    } else if (sawSamples) {
                        p.skipChildren();
                    } else {
                        if (rest.size() >= limits.maxObjectProperties()) {
                            throw new SampleException(file + ": more than " + limits.maxObjectProperties()
                                    + " members in the top-level object");
                        }
                        rest.set(name, reader.readTree(p));
                    }
                }
                if (!sawSamples) {
                    // one sample object
                    add(rest, "", file, limits, samples, errors);
                }
            } else {
                throw new SampleException(file + ": expected {\"samples\": [...]}, an array or a sample object");
            }
        } catch (JsonProcessingException e) {
            throw new SampleException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SampleException(file + ": cannot read: " + e.getMessage(), e);
        }
        return new Read(samples, errors);
    }

    /** Reads the elements of an array one at a time (the parser is on its START_ARRAY). */
    private static void readArray(
            JsonParser p,
            ObjectReader reader,
            Path file,
            String prefix,
            Limits limits,
            List<SampleReport> samples,
            List<String> errors,
            long[] count)
            throws IOException, SampleException {
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (++count[0] > limits.maxObjectsPerFile()) {
                throw new SampleException(file + ": more than " + limits.maxObjectsPerFile() + " samples");
            }
            JsonNode n = reader.readTree(p);
            add(n, prefix + "[" + i + "]", file, limits, samples, errors);
            i++;
        }
    }

    private static void add(
            JsonNode n, String path, Path file, Limits limits, List<SampleReport> samples, List<String> errors) {
        try {
            samples.add(fromJson(n, path));
        } catch (IllegalArgumentException e) {
            if (errors.size() < limits.maxErrorsReported()) {
                errors.add(file + ": " + e.getMessage());
            }
        }
    }

    /** The report document {@code {"samples": [...]}}. */
    public static ObjectNode document(List<SampleReport> samples) {
        ObjectNode doc = NODES.objectNode();
        ArrayNode list = doc.putArray("samples");
        samples.forEach(s -> list.add(toJson(s)));
        return doc;
    }

    /** One sample in the report format. */
    public static ObjectNode toJson(SampleReport r) {
        ObjectNode o = NODES.objectNode();
        o.put("name", r.name());
        if (r.size() >= 0) {
            o.put("size", r.size());
        }
        if (r.family() != null) {
            o.put("family", r.family());
        }
        ObjectNode h = o.putObject("hashes");
        putIf(h, "md5", r.hashes().md5());
        putIf(h, "sha1", r.hashes().sha1());
        putIf(h, "sha256", r.hashes().sha256());
        putIf(h, "ssdeep", r.hashes().ssdeep());
        if (r.pe() != null) {
            o.set("pe", peJson(r.pe()));
        }
        ArrayNode p = o.putArray("problems");
        r.problems().forEach(p::add);
        return o;
    }

    /** The {@code pe} member (also the {@code x_harrier_pe} property of stored file objects). */
    static ObjectNode peJson(PeFacts pe) {
        ObjectNode o = NODES.objectNode();
        putIf(o, "machine", pe.machine());
        o.put("dll", pe.dll());
        if (pe.compileTime() != null) {
            o.put("compile_time", pe.compileTime().toString());
        }
        putIf(o, "pdb_path", pe.pdbPath());
        putIf(o, "pdb_guid", pe.pdbGuid());
        putIf(o, "imphash", pe.imphash());
        o.put("import_count", pe.importCount());
        putIf(o, "rich_header_hash", pe.richHeaderHash());
        ArrayNode sections = o.putArray("sections");
        for (PeSection s : pe.sections()) {
            ObjectNode so = sections.addObject();
            so.put("name", s.name());
            so.put("virtual_address", s.virtualAddress());
            so.put("virtual_size", s.virtualSize());
            so.put("raw_size", s.rawSize());
            so.put("entropy", Math.round(s.entropy() * 10_000) / 10_000.0);
            so.put("characteristics", s.characteristics());
        }
        ArrayNode exports = o.putArray("exports");
        pe.exports().forEach(exports::add);
        o.put("resource_count", pe.resourceCount());
        CodeSigner s = pe.signer();
        if (s != null) {
            ObjectNode so = o.putObject("signer");
            so.put("subject", s.subject());
            so.put("issuer", s.issuer());
            so.put("serial", s.serial());
            so.put("sha256", s.sha256());
            putIf(so, "not_before", s.notBefore());
            putIf(so, "not_after", s.notAfter());
        }
        return o;
    }

    private static void putIf(ObjectNode o, String name, @Nullable String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    /**
     * One sample from the report format.
     *
     * @param path the JSON path of {@code n}, for messages
     * @throws IllegalArgumentException naming the JSON path and the problem
     */
    public static SampleReport fromJson(JsonNode n, String path) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(at(path, "") + "not an object");
        }
        String name = text(n, path, "name", true);
        long size = n.has("size") ? integer(n.get("size"), at(path, "size"), 0, Long.MAX_VALUE) : -1;
        String family = text(n, path, "family", false);
        JsonNode h = n.path("hashes");
        if (!h.isObject()) {
            throw new IllegalArgumentException(at(path, "hashes") + "missing or not an object");
        }
        SampleHashes hashes;
        String hp = at(path, "hashes").replaceAll(": $", "");
        try {
            hashes = new SampleHashes(
                    text(h, hp, "md5", false),
                    text(h, hp, "sha1", false),
                    text(h, hp, "sha256", false),
                    text(h, hp, "ssdeep", false));
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw new IllegalArgumentException(
                    msg.startsWith(hp) ? msg : hp + (msg.startsWith("no ") ? ": " : ".") + msg, e);
        }
        PeFacts pe = n.has("pe") && !n.get("pe").isNull() ? peFromJson(n.get("pe"), at(path, "pe")) : null;
        List<String> problems = new ArrayList<>();
        for (JsonNode p : n.path("problems")) {
            if (p.isTextual()) {
                problems.add(p.asText());
            }
        }
        return new SampleReport(name == null ? "" : name, size, hashes, pe, family, problems);
    }

    static PeFacts peFromJson(JsonNode pe, String where) {
        String p = where.replaceAll(": $", "");
        if (!pe.isObject()) {
            throw new IllegalArgumentException(p + ": not an object");
        }
        Instant compile = null;
        JsonNode ct = pe.get("compile_time");
        if (ct != null && !ct.isNull()) {
            if (ct.isIntegralNumber()) {
                compile = Instant.ofEpochSecond(integer(ct, p + ".compile_time: ", 0, 0xffffffffL));
            } else if (ct.isTextual()) {
                try {
                    compile = Instant.parse(ct.asText());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(p + ".compile_time: not an ISO-8601 instant: " + ct.asText(), e);
                }
            } else {
                throw new IllegalArgumentException(p + ".compile_time: not a time");
            }
        }
        List<PeSection> sections = new ArrayList<>();
        JsonNode ss = pe.path("sections");
        for (int i = 0; i < ss.size(); i++) {
            JsonNode s = ss.get(i);
            String sp = p + ".sections[" + i + "]";
            sections.add(new PeSection(
                    s.path("name").asText(""),
                    s.path("virtual_address").asLong(0),
                    s.path("virtual_size").asLong(0),
                    s.path("raw_size").asLong(0),
                    number(s.get("entropy"), sp + ".entropy: ", 0, 8),
                    s.path("characteristics").asLong(0)));
        }
        List<String> exports = new ArrayList<>();
        for (JsonNode e : pe.path("exports")) {
            if (e.isTextual()) {
                exports.add(e.asText());
            }
        }
        CodeSigner signer = null;
        JsonNode s = pe.get("signer");
        if (s != null && !s.isNull()) {
            String sp = p + ".signer";
            if (!s.isObject()) {
                throw new IllegalArgumentException(sp + ": not an object");
            }
            String sha = SampleHashes.checkHex(sp + ".sha256", text(s, sp, "sha256", true), 64);
            signer = new CodeSigner(
                    s.path("subject").asText(""),
                    s.path("issuer").asText(""),
                    s.path("serial").asText("").toLowerCase(java.util.Locale.ROOT),
                    java.util.Objects.requireNonNull(sha),
                    text(s, sp, "not_before", false),
                    text(s, sp, "not_after", false));
        }
        return new PeFacts(
                text(pe, p, "machine", false),
                pe.path("dll").asBoolean(false),
                compile,
                text(pe, p, "pdb_path", false),
                text(pe, p, "pdb_guid", false),
                SampleHashes.checkHex(p + ".imphash", text(pe, p, "imphash", false), 32),
                pe.has("import_count") ? (int) integer(pe.get("import_count"), p + ".import_count: ", 0, 1 << 30) : 0,
                SampleHashes.checkHex(p + ".rich_header_hash", text(pe, p, "rich_header_hash", false), 32),
                sections,
                exports,
                pe.has("resource_count")
                        ? (int) integer(pe.get("resource_count"), p + ".resource_count: ", 0, 1 << 30)
                        : 0,
                signer);
    }

    private static String at(String path, String member) {
        if (member.isEmpty()) {
            return path.isEmpty() ? "" : path + ": ";
        }
        return (path.isEmpty() ? member : path + "." + member) + ": ";
    }

    private static @Nullable String text(JsonNode n, String path, String member, boolean required) {
        JsonNode v = n.get(member);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(at(path, member) + "missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(at(path, member) + "not a string");
        }
        return v.asText();
    }

    private static long integer(JsonNode v, String where, long min, long max) {
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new IllegalArgumentException(where + "not an integer from " + min + " to " + max);
        }
        return v.asLong();
    }

    private static double number(@Nullable JsonNode v, String where, double min, double max) {
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            throw new IllegalArgumentException(where + "not a number from " + min + " to " + max);
        }
        return v.asDouble();
    }
}
