package dev.harrier.detect.pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.StixIds;
import dev.harrier.core.StixObject;
import dev.harrier.telemetry.Event;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps a telemetry {@link Event} to a STIX 2.1 {@code observed-data} object and the cyber-observable objects it
 * names, so that STIX patterns can match telemetry the way they match observed-data from a feed.
 *
 * <p>What is mapped (the field names are those of {@link Event}):
 *
 * <ul>
 *   <li>Connections (Zeek {@code id.orig_h}/{@code id.resp_h}/ports/{@code proto}/{@code service}, Suricata
 *       {@code src_ip}/{@code dest_ip}/..., column-mapped {@code src_ip}/{@code dst_ip}/..., Sysmon 3 {@code
 *       SourceIp}/{@code DestinationIp}/...) → {@code network-traffic} with {@code src_ref}/{@code dst_ref} to {@code
 *       ipv4-addr}/{@code ipv6-addr}, ports and {@code protocols}; HTTP requests add the {@code http-request-ext}
 *       extension (method, request value, {@code Host} and {@code User-Agent} headers).
 *   <li>Names: DNS queries (Zeek {@code query}, Suricata {@code dns.rrname}, Sysmon 22 {@code QueryName}), HTTP
 *       hosts, TLS SNI, Sysmon 3 {@code DestinationHostname} → {@code domain-name}; DNS answers become the name's
 *       {@code resolves_to_refs}.
 *   <li>URLs: HTTP host + URI (Zeek, Suricata) and a mapped {@code url} field → {@code url}.
 *   <li>Certificates: Zeek x509/ssl and Suricata TLS subject, issuer, serial, fingerprints → {@code
 *       x509-certificate}.
 *   <li>Files: Zeek files, Suricata fileinfo, Windows {@code TargetFilename}/{@code ImageLoaded} → {@code file}
 *       (name, hashes, size, MIME type, {@code parent_directory_ref} to a {@code directory}).
 *   <li>Processes (Windows): {@code Image}, {@code CommandLine}, {@code ProcessId}, {@code CurrentDirectory}, the
 *       {@code Hashes} of the image, the parent's image, command line and pid, {@code User} → {@code process} with
 *       {@code image_ref}, {@code parent_ref} and {@code creator_user_ref}.
 *   <li>Registry (Windows): {@code TargetObject} and {@code Details} → {@code windows-registry-key}.
 *   <li>Mail: SMTP sender and recipients → {@code email-addr} and an {@code email-message}.
 * </ul>
 *
 * <p>The observed-data object has {@code first_observed} = {@code last_observed} = the event's time and {@code
 * number_observed} 1; its id is derived from the event's source and line, so the same event always maps to the
 * same objects. An event without a timestamp or without any observable maps to nothing.
 */
public final class EventObservations {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private EventObservations() {}

    /** The id the observed-data object of {@code e} gets. */
    public static String observedDataId(Event e) {
        return StixIds.derived("observed-data", e.source() + "\u0000" + e.line());
    }

    /** The observed-data object first, then its SCOs; empty when {@code e} has no time or no observable. */
    public static List<StixObject> of(Event e) {
        Instant t = e.timestamp();
        if (t == null) {
            return List.of();
        }
        String odId = observedDataId(e);
        ScoGraph g = new ScoGraph(odId);
        traffic(e, g);
        names(e, g);
        certificate(e, g);
        files(e, g);
        process(e, g);
        registry(e, g);
        mail(e, g);
        if (g.isEmpty()) {
            return List.of();
        }
        List<ObjectNode> scos = g.objects();
        ObjectNode od = F.objectNode();
        od.put("type", "observed-data");
        od.put("spec_version", "2.1");
        od.put("id", odId);
        String ts = t.truncatedTo(ChronoUnit.MICROS).toString();
        od.put("created", ts);
        od.put("modified", ts);
        od.put("first_observed", ts);
        od.put("last_observed", ts);
        od.put("number_observed", 1);
        var refs = od.putArray("object_refs");
        for (ObjectNode s : scos) {
            refs.add(s.get("id").textValue());
        }
        List<StixObject> out = new ArrayList<>(scos.size() + 1);
        out.add(StixObject.adopt(od));
        for (ObjectNode s : scos) {
            out.add(StixObject.adopt(s));
        }
        return out;
    }

    /**
     * The SCOs that stand for one observed value of an indicator kind (the lower-case names of {@code
     * dev.harrier.detect.ioc.IocKind}: {@code md5}, {@code sha256}, {@code ip}, {@code domain}, {@code url}, {@code
     * email}, {@code filename}, {@code x509_serial}, ...), main object first (a {@code file} before its {@code
     * directory}); empty for kinds STIX has no object for ({@code ja3}, {@code ja4}, ...) and for values that are not
     * of the kind. {@code key} makes the ids of objects without id-contributing properties unique.
     */
    public static List<StixObject> observables(String kind, String value, String key) {
        ScoGraph g = new ScoGraph(key);
        String main = switch (kind.toLowerCase(Locale.ROOT)) {
            case "md5" -> g.file(null, Map.of("MD5", value.toLowerCase(Locale.ROOT)), null, null);
            case "sha1" -> g.file(null, Map.of("SHA-1", value.toLowerCase(Locale.ROOT)), null, null);
            case "sha256" -> g.file(null, Map.of("SHA-256", value.toLowerCase(Locale.ROOT)), null, null);
            case "sha512" -> g.file(null, Map.of("SHA-512", value.toLowerCase(Locale.ROOT)), null, null);
            case "ssdeep" -> g.file(null, Map.of("SSDEEP", value), null, null);
            case "tlsh" -> g.file(null, Map.of("TLSH", value), null, null);
            case "ip" -> g.ip(value);
            case "domain" -> g.domain(value);
            case "url" -> g.url(value);
            case "email" -> g.email(value);
            case "filename" -> g.file(value, Map.of(), null, null);
            case "x509_serial" -> g.certificate(value, null, null, Map.of());
            case "x509_sha1" -> g.certificate(null, null, null, Map.of("SHA-1", value));
            case "x509_sha256" -> g.certificate(null, null, null, Map.of("SHA-256", value));
            default -> null;
        };
        if (main == null) {
            return List.of();
        }
        List<StixObject> out = new ArrayList<>();
        for (ObjectNode n : g.objects()) {
            StixObject o = StixObject.adopt(n);
            if (o.id().equals(main)) {
                out.add(0, o);
            } else {
                out.add(o);
            }
        }
        return out;
    }

    private static void traffic(Event e, ScoGraph g) {
        String src = g.ip(text(e, "id.orig_h", "src_ip", "SourceIp"));
        String dst = g.ip(text(e, "id.resp_h", "dest_ip", "dst_ip", "DestinationIp"));
        if (src == null && dst == null) {
            return;
        }
        ObjectNode n = F.objectNode();
        if (src != null) {
            n.put("src_ref", src);
        }
        if (dst != null) {
            n.put("dst_ref", dst);
        }
        Long sport = number(e, "id.orig_p", "src_port", "SourcePort");
        Long dport = number(e, "id.resp_p", "dest_port", "dst_port", "DestinationPort");
        if (sport != null) {
            n.put("src_port", sport);
        }
        if (dport != null) {
            n.put("dst_port", dport);
        }
        var protocols = n.putArray("protocols");
        String proto = text(e, "proto", "Protocol");
        protocols.add(proto == null ? "ipv4" : proto.toLowerCase(Locale.ROOT));
        String service = text(e, "service", "app_proto");
        if (service != null && !service.equals("-") && !service.equals("failed")) {
            for (String s : service.split(",")) {
                if (!s.isBlank()) {
                    protocols.add(s.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        Long sent = number(e, "orig_bytes", "flow.bytes_toserver");
        Long received = number(e, "resp_bytes", "flow.bytes_toclient");
        if (sent != null) {
            n.put("src_byte_count", sent);
        }
        if (received != null) {
            n.put("dst_byte_count", received);
        }
        String method = text(e, "method", "http.http_method");
        String uri = text(e, "uri", "http.url");
        if (method != null || uri != null) {
            ObjectNode http = n.putObject("extensions").putObject("http-request-ext");
            http.put("request_method", method == null ? "" : method.toLowerCase(Locale.ROOT));
            http.put("request_value", uri == null ? "" : uri);
            String host = text(e, "host", "http.hostname");
            String agent = text(e, "user_agent", "http.http_user_agent");
            if (host != null || agent != null) {
                ObjectNode headers = http.putObject("request_header");
                if (host != null) {
                    headers.put("Host", host);
                }
                if (agent != null) {
                    headers.put("User-Agent", agent);
                }
            }
        }
        g.traffic(n);
    }

    private static void names(Event e, ScoGraph g) {
        String query = g.domain(text(e, "query", "dns.rrname", "QueryName"));
        if (query != null) {
            for (String answer : texts(e, "answers", "dns.answers.rdata", "dns.rdata", "QueryResults")) {
                for (String a : answer.split(";")) {
                    String clean = a.strip();
                    if (clean.startsWith("type:")) {
                        continue;
                    }
                    String target = g.domain(clean);
                    if (target != null && !target.equals(query)) {
                        g.addRef(query, "resolves_to_refs", target);
                    }
                }
            }
        }
        String host = g.domain(text(e, "http.hostname", "server_name", "tls.sni", "DestinationHostname"));
        String zeekHost = e.channel() != null && e.channel().equals("zeek/http") ? text(e, "host") : null;
        if (zeekHost != null) {
            host = g.domain(zeekHost);
        }
        String uri = text(e, "uri", "http.url");
        String hostText = text(e, "http.hostname", "host");
        if (uri != null && hostText != null && uri.startsWith("/") && host != null) {
            g.url("http://" + hostText + uri);
        } else if (uri != null && (uri.startsWith("http://") || uri.startsWith("https://"))) {
            g.url(uri);
        }
        g.url(text(e, "url"));
    }

    private static void certificate(Event e, ScoGraph g) {
        String serial = text(e, "certificate.serial", "tls.serial");
        String subject = text(e, "certificate.subject", "subject", "tls.subject");
        String issuer = text(e, "certificate.issuer", "issuer", "tls.issuerdn");
        Map<String, String> hashes = new LinkedHashMap<>();
        String fp = text(e, "tls.fingerprint");
        if (fp != null) {
            hashes.put("SHA-1", fp.replace(":", "").toLowerCase(Locale.ROOT));
        }
        String zeekFp = text(e, "fingerprint");
        if (zeekFp != null && e.channel() != null && e.channel().equals("zeek/x509")) {
            hashes.put(zeekFp.length() == 64 ? "SHA-256" : "SHA-1", zeekFp.toLowerCase(Locale.ROOT));
        }
        if (serial != null || !hashes.isEmpty() || (subject != null && issuer != null)) {
            g.certificate(serial, subject, issuer, hashes);
        }
    }

    private static void files(Event e, ScoGraph g) {
        Map<String, String> hashes = new LinkedHashMap<>();
        putHash(hashes, "MD5", text(e, "md5", "fileinfo.md5"));
        putHash(hashes, "SHA-1", text(e, "sha1", "fileinfo.sha1"));
        putHash(hashes, "SHA-256", text(e, "sha256", "fileinfo.sha256"));
        String name = text(e, "filename", "fileinfo.filename");
        if (name != null || !hashes.isEmpty()) {
            g.file(name, hashes, number(e, "total_bytes", "seen_bytes", "fileinfo.size"), text(e, "mime_type"));
        }
        String target = text(e, "TargetFilename");
        if (target != null) {
            g.file(target, Map.of(), null, null);
        }
        String loaded = text(e, "ImageLoaded");
        if (loaded != null) {
            g.file(loaded, windowsHashes(text(e, "Hashes")), null, null);
        }
    }

    private static void process(Event e, ScoGraph g) {
        String image = text(e, "Image", "NewProcessName");
        String commandLine = text(e, "CommandLine");
        if (image == null && commandLine == null) {
            return;
        }
        ObjectNode p = F.objectNode();
        Long pid = number(e, "ProcessId", "NewProcessId");
        if (pid != null) {
            p.put("pid", pid);
        }
        if (commandLine != null) {
            p.put("command_line", commandLine);
        }
        String cwd = text(e, "CurrentDirectory");
        if (cwd != null) {
            p.put("cwd", cwd);
        }
        Map<String, String> imageHashes = text(e, "ImageLoaded") == null ? windowsHashes(text(e, "Hashes")) : Map.of();
        String imageRef = g.file(image, imageHashes, null, null);
        if (imageRef != null) {
            p.put("image_ref", imageRef);
        }
        String user = text(e, "User", "SubjectUserName");
        if (user != null) {
            p.put("creator_user_ref", g.userAccount(user));
        }
        String parentImage = text(e, "ParentImage", "ParentProcessName");
        String parentCommandLine = text(e, "ParentCommandLine");
        Long parentPid = number(e, "ParentProcessId");
        if (parentImage != null || parentCommandLine != null || parentPid != null) {
            ObjectNode parent = F.objectNode();
            if (parentPid != null) {
                parent.put("pid", parentPid);
            }
            if (parentCommandLine != null) {
                parent.put("command_line", parentCommandLine);
            }
            String parentRef = g.file(parentImage, Map.of(), null, null);
            if (parentRef != null) {
                parent.put("image_ref", parentRef);
            }
            p.put("parent_ref", g.process(parent, "parent"));
        }
        g.process(p, "process");
    }

    private static void registry(Event e, ScoGraph g) {
        String key = text(e, "TargetObject", "ObjectName");
        if (key == null || !(key.startsWith("HK") || key.startsWith("\\REGISTRY"))) {
            return;
        }
        int cut = key.lastIndexOf('\\');
        String details = text(e, "Details", "NewValue");
        if (details != null && cut > 0) {
            g.registryKey(key.substring(0, cut), key.substring(cut + 1), details);
        } else {
            g.registryKey(key, null, null);
        }
    }

    private static void mail(Event e, ScoGraph g) {
        String from = g.email(text(e, "mailfrom", "smtp.mail_from", "from"));
        List<String> to = new ArrayList<>();
        for (String r : texts(e, "rcptto", "smtp.rcpt_to", "to")) {
            String id = g.email(r);
            if (id != null) {
                to.add(id);
            }
        }
        if (from == null && to.isEmpty()) {
            return;
        }
        ObjectNode m = F.objectNode();
        m.put("is_multipart", false);
        if (from != null) {
            m.put("from_ref", from);
        }
        if (!to.isEmpty()) {
            var refs = m.putArray("to_refs");
            to.forEach(refs::add);
        }
        String subject = text(e, "subject", "email.subject");
        if (subject != null && e.channel() != null && e.channel().contains("smtp")) {
            m.put("subject", subject);
        }
        g.emailMessage(m);
    }

    /** Sysmon's {@code Hashes}: {@code MD5=...,SHA256=...,IMPHASH=...} → STIX hash names. */
    static Map<String, String> windowsHashes(@Nullable String hashes) {
        Map<String, String> out = new LinkedHashMap<>();
        if (hashes == null) {
            return out;
        }
        for (String part : hashes.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String algo = part.substring(0, eq).strip().toUpperCase(Locale.ROOT);
            String value = part.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            switch (algo) {
                case "MD5" -> putHash(out, "MD5", value);
                case "SHA1" -> putHash(out, "SHA-1", value);
                case "SHA256" -> putHash(out, "SHA-256", value);
                default -> {}
            }
        }
        return out;
    }

    private static void putHash(Map<String, String> hashes, String name, @Nullable String value) {
        if (value != null && !value.isBlank() && !value.equals("-")) {
            hashes.put(name, value.toLowerCase(Locale.ROOT));
        }
    }

    private static @Nullable String text(Event e, String... names) {
        for (String n : names) {
            Object v = e.get(n);
            if (v instanceof List<?> l) {
                v = l.isEmpty() ? null : l.get(0);
            }
            if (v instanceof String s) {
                if (!s.isEmpty() && !s.equals("-")) {
                    return s;
                }
            } else if (v instanceof Number || v instanceof Boolean) {
                return v.toString();
            }
        }
        return null;
    }

    private static List<String> texts(Event e, String... names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            Object v = e.get(n);
            if (v instanceof List<?> l) {
                for (Object o : l) {
                    if (o != null) {
                        out.add(o.toString());
                    }
                }
            } else if (v instanceof String s && !s.isEmpty() && !s.equals("-")) {
                out.add(s);
            }
        }
        return out;
    }

    private static @Nullable Long number(Event e, String... names) {
        for (String n : names) {
            Object v = e.get(n);
            if (v instanceof Number num) {
                return num.longValue();
            }
            if (v instanceof String s
                    && !s.isEmpty()
                    && s.length() < 19
                    && s.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(s);
            }
        }
        return null;
    }
}
