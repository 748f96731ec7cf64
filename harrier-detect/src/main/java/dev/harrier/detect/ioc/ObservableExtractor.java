package dev.harrier.detect.ioc;

import dev.harrier.core.IpAddresses;
import dev.harrier.telemetry.Event;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the observables (addresses, domains, URLs, hashes, file names, certificate and TLS fingerprints) in an event,
 * by the field names of each telemetry family: Windows (Sysmon and Security field names), Zeek ({@code zeek/*}
 * channels) and Suricata EVE ({@code suricata/*}). Unknown channels are searched by common field names.
 */
final class ObservableExtractor {
    /** Receives one observable. */
    interface Sink {
        void accept(IocKind kind, String field, String value);
    }

    private static final Map<String, IocKind> FIELDS = Map.ofEntries(
            // Windows: Sysmon network/DNS/file events, Security logons
            Map.entry("DestinationIp", IocKind.IP),
            Map.entry("SourceIp", IocKind.IP),
            Map.entry("IpAddress", IocKind.IP),
            Map.entry("DestinationHostname", IocKind.DOMAIN),
            Map.entry("QueryName", IocKind.DOMAIN),
            // Zeek
            Map.entry("id.orig_h", IocKind.IP),
            Map.entry("id.resp_h", IocKind.IP),
            Map.entry("src", IocKind.IP),
            Map.entry("dst", IocKind.IP),
            Map.entry("query", IocKind.DOMAIN),
            Map.entry("server_name", IocKind.DOMAIN),
            Map.entry("ja3", IocKind.JA3),
            Map.entry("ja3s", IocKind.JA3S),
            Map.entry("certificate.serial", IocKind.X509_SERIAL),
            Map.entry("md5", IocKind.MD5),
            Map.entry("sha1", IocKind.SHA1),
            Map.entry("sha256", IocKind.SHA256),
            // Suricata EVE
            Map.entry("src_ip", IocKind.IP),
            Map.entry("dest_ip", IocKind.IP),
            Map.entry("dns.rrname", IocKind.DOMAIN),
            Map.entry("http.hostname", IocKind.DOMAIN),
            Map.entry("tls.sni", IocKind.DOMAIN),
            Map.entry("tls.serial", IocKind.X509_SERIAL),
            Map.entry("tls.ja3.hash", IocKind.JA3),
            Map.entry("tls.ja3s.hash", IocKind.JA3S),
            Map.entry("tls.ja4", IocKind.JA4),
            Map.entry("fileinfo.md5", IocKind.MD5),
            Map.entry("fileinfo.sha1", IocKind.SHA1),
            Map.entry("fileinfo.sha256", IocKind.SHA256),
            Map.entry("email.from", IocKind.EMAIL),
            Map.entry("email.to", IocKind.EMAIL),
            // generic exports
            Map.entry("dst_ip", IocKind.IP),
            Map.entry("domain", IocKind.DOMAIN),
            Map.entry("url", IocKind.URL),
            Map.entry("ja4", IocKind.JA4));

    /** Fields whose value is an address or a name, decided by the value. */
    private static final List<String> IP_OR_DOMAIN =
            List.of("answers", "host", "dns.rdata", "QueryResults", "dns.answers.rdata", "http.http_refer_host");

    /** Fields holding a path whose last part is a file name. */
    private static final List<String> FILE_PATHS =
            List.of("TargetFilename", "Image", "ImageLoaded", "filename", "fileinfo.filename", "file.name");

    private ObservableExtractor() {}

    static void extract(Event e, Sink sink) {
        for (Map.Entry<String, @Nullable Object> f : e.fields().entrySet()) {
            Object v = f.getValue();
            if (v == null) {
                continue;
            }
            String name = f.getKey();
            IocKind kind = FIELDS.get(name);
            if (kind != null) {
                each(v, s -> sink.accept(kind, name, s));
            } else if (IP_OR_DOMAIN.contains(name)) {
                each(v, s -> {
                    for (String part : s.split("[;,]")) {
                        String p = part.trim();
                        if (p.startsWith("type:")) {
                            continue; // Sysmon QueryResults noise such as "type:  5 cname.example"
                        }
                        if (!p.isEmpty()) {
                            sink.accept(IpAddresses.parse(p) != null ? IocKind.IP : IocKind.DOMAIN, name, p);
                        }
                    }
                });
            } else if (FILE_PATHS.contains(name)) {
                each(v, s -> {
                    int slash = Math.max(s.lastIndexOf('\\'), s.lastIndexOf('/'));
                    String base = s.substring(slash + 1);
                    if (!base.isEmpty()) {
                        sink.accept(IocKind.FILENAME, name, base);
                    }
                });
            } else if (name.equals("Hashes") || name.equals("Hash")) {
                each(v, s -> hashes(name, s, sink));
            } else if (name.equals("fingerprint") || name.equals("tls.fingerprint")) {
                each(v, s -> {
                    int hex = s.replace(":", "").length();
                    sink.accept(hex == 64 ? IocKind.X509_SHA256 : IocKind.X509_SHA1, name, s);
                });
            }
        }
        Object host = e.fields().get("host");
        Object uri = e.fields().get("uri");
        if (host != null && uri != null) {
            sink.accept(IocKind.URL, "host+uri", "http://" + host + uri);
        }
        Object hhost = e.fields().get("http.hostname");
        Object hurl = e.fields().get("http.url");
        if (hhost != null && hurl != null) {
            sink.accept(IocKind.URL, "http.hostname+http.url", "http://" + hhost + hurl);
        }
    }

    /** Sysmon's {@code SHA1=..,MD5=..,SHA256=..,IMPHASH=..}. */
    private static void hashes(String field, String s, Sink sink) {
        for (String part : s.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String algo = part.substring(0, eq).trim().toUpperCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            IocKind k = switch (algo) {
                case "MD5" -> IocKind.MD5;
                case "SHA1" -> IocKind.SHA1;
                case "SHA256" -> IocKind.SHA256;
                case "SHA512" -> IocKind.SHA512;
                default -> null;
            };
            if (k != null) {
                sink.accept(k, field, value);
            }
        }
    }

    private static void each(Object v, java.util.function.Consumer<String> c) {
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (o != null && !(o instanceof Map) && !(o instanceof List)) {
                    c.accept(o.toString());
                }
            }
        } else if (!(v instanceof Map)) {
            c.accept(v.toString());
        }
    }
}
