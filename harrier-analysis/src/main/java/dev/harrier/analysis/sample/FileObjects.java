package dev.harrier.analysis.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.StixIds;
import dev.harrier.core.StixObject;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Sample reports as STIX 2.1 {@code file} objects and back.
 *
 * <p>A file object carries {@code name}, {@code size} and {@code hashes} ({@code MD5}, {@code SHA-1}, {@code
 * SHA-256}, {@code SSDEEP}); for PE files the standard {@code windows-pebinary-ext} extension ({@code pe_type},
 * {@code imphash}, {@code time_date_stamp}, {@code number_of_sections}, {@code sections} with entropy) and the
 * custom property {@code x_harrier_pe}, which holds every PE fact in the {@link SampleReports report format} (compile
 * time, PDB path, imphash, Rich hash, signer, exports, ...). A known family is {@code x_harrier_family}. The id is
 * deterministic: a UUIDv5 in the STIX observable namespace over the strongest hash alone ({@code {"hashes":
 * {"SHA-256": ...}}}), so the same sample imported under another name, or from a report and later as a file, is one
 * object whose latest version wins.
 */
final class FileObjects {
    private static final UUID STIX_SCO_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FileObjects() {}

    static String id(SampleHashes h) {
        String algo = h.sha256() != null ? "SHA-256" : h.sha1() != null ? "SHA-1" : "MD5";
        return "file--" + StixIds.uuid5(STIX_SCO_NAMESPACE, "{\"hashes\":{\"" + algo + "\":\"" + h.key() + "\"}}");
    }

    static StixObject toStix(SampleReport r) {
        ObjectNode o = NODES.objectNode();
        o.put("type", "file");
        o.put("spec_version", "2.1");
        o.put("id", id(r.hashes()));
        ObjectNode hashes = o.putObject("hashes");
        putIf(hashes, "MD5", r.hashes().md5());
        putIf(hashes, "SHA-1", r.hashes().sha1());
        putIf(hashes, "SHA-256", r.hashes().sha256());
        putIf(hashes, "SSDEEP", r.hashes().ssdeep());
        if (!r.name().isEmpty()) {
            o.put("name", r.name());
        }
        if (r.size() >= 0) {
            o.put("size", r.size());
        }
        PeFacts pe = r.pe();
        if (pe != null) {
            ObjectNode ext = o.putObject("extensions").putObject("windows-pebinary-ext");
            ext.put("pe_type", pe.dll() ? "dll" : "exe");
            putIf(ext, "imphash", pe.imphash());
            if (pe.compileTime() != null) {
                ext.put("time_date_stamp", pe.compileTime().toString());
            }
            if (!pe.sections().isEmpty()) {
                ext.put("number_of_sections", pe.sections().size());
                ArrayNode sections = ext.putArray("sections");
                for (PeSection s : pe.sections()) {
                    ObjectNode so = sections.addObject();
                    so.put("name", s.name());
                    so.put("size", s.rawSize());
                    so.put("entropy", Math.round(s.entropy() * 10_000) / 10_000.0);
                }
            }
            o.set("x_harrier_pe", SampleReports.peJson(pe));
        }
        if (r.family() != null) {
            o.put("x_harrier_family", r.family());
        }
        return StixObject.adopt(o);
    }

    /** The sample a stored file object describes; null when it has no MD5, SHA-1 or SHA-256 of the right form. */
    static @Nullable SampleReport fromStix(StixObject file) {
        JsonNode h = file.get("hashes");
        SampleHashes hashes;
        try {
            String ssdeep = text(h, "SSDEEP");
            hashes = new SampleHashes(
                    lower(text(h, "MD5")),
                    lower(text(h, "SHA-1")),
                    lower(text(h, "SHA-256")),
                    ssdeep != null && FuzzyHash.isValid(ssdeep) ? ssdeep : null);
        } catch (IllegalArgumentException e) {
            return null;
        }
        PeFacts pe = null;
        JsonNode x = file.get("x_harrier_pe");
        if (x.isObject()) {
            try {
                pe = SampleReports.peFromJson(x, file.id() + ".x_harrier_pe");
            } catch (IllegalArgumentException e) {
                pe = null;
            }
        }
        long size = file.get("size").canConvertToLong() ? file.get("size").asLong(-1) : -1;
        return new SampleReport(
                file.name().orElse(""),
                size,
                hashes,
                pe,
                file.text("x_harrier_family").orElse(null),
                java.util.List.of());
    }

    private static @Nullable String text(JsonNode n, String member) {
        JsonNode v = n.get(member);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static @Nullable String lower(@Nullable String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static void putIf(ObjectNode o, String name, @Nullable String value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}
