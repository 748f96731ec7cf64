package dev.harrier.detect.ioc;

import dev.harrier.core.IpAddresses;
import dev.harrier.telemetry.Event;
import java.util.HashMap;
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

    /** What a field holds. */
    private enum Role {
        KIND,
        IP_OR_DOMAIN,
        FILE_PATH,
        HASHES,
        FINGERPRINT
    }

    /** What a field holds, and for {@link Role#KIND} the kind. */
    private record Spec(Role role, IocKind kind) {}

    /** Every field name that can hold an observable: one lookup per field decides. */
    private static final Map<String, Spec> ROLES = roles();

    private static Map<String, Spec> roles() {
        Map<String, Spec> m = new HashMap<>(256); // HashMap: a miss compares cached hashes, not strings
        FIELDS.forEach((f, kind) -> m.put(f, new Spec(Role.KIND, kind)));
        for (String f : IP_OR_DOMAIN) {
            m.putIfAbsent(f, new Spec(Role.IP_OR_DOMAIN, IocKind.IP));
        }
        for (String f : FILE_PATHS) {
            m.putIfAbsent(f, new Spec(Role.FILE_PATH, IocKind.FILENAME));
        }
        for (String f : List.of("Hashes", "Hash")) {
            m.putIfAbsent(f, new Spec(Role.HASHES, IocKind.SHA256));
        }
        for (String f : List.of("fingerprint", "tls.fingerprint")) {
            m.putIfAbsent(f, new Spec(Role.FINGERPRINT, IocKind.X509_SHA1));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private ObservableExtractor() {}

    /**
     * Passes the observables of {@code e} to {@code sink}. {@code layout} caches, per {@link Event#fieldLayout()},
     * the names of the fields that can carry observables, so events with a layout (Zeek TSV) are asked for those
     * fields only instead of walking every field.
     */
    static void extract(Event e, Sink sink, LayoutCache layout) {
        Object key = e.fieldLayout();
        if (key != null) {
            layout.use(key, e);
            String[] names = layout.names;
            Spec[] specs = layout.specs;
            for (int i = 0; i < names.length; i++) {
                Object v = e.get(names[i]);
                if (v != null) {
                    field(names[i], specs[i], v, sink);
                }
            }
            if (layout.urls) {
                urls(e.get("host"), e.get("uri"), e.get("http.hostname"), e.get("http.url"), sink);
            }
            return;
        }
        Map<String, @Nullable Object> fields = e.fields();
        for (Map.Entry<String, @Nullable Object> f : fields.entrySet()) {
            String name = f.getKey();
            Spec spec = ROLES.get(name);
            if (spec == null) {
                continue; // decided by the name alone: the value is never built
            }
            Object v = f.getValue();
            if (v == null) {
                continue;
            }
            field(name, spec, v, sink);
        }
        urls(fields.get("host"), fields.get("uri"), fields.get("http.hostname"), fields.get("http.url"), sink);
    }

    /** The names of the fields of one layout that can carry observables, worked out once per layout. */
    static final class LayoutCache {
        private @Nullable Object key;
        private String[] names = new String[0];
        private Spec[] specs = new Spec[0];
        private boolean urls;

        void use(Object layoutKey, Event e) {
            if (layoutKey == key) {
                return;
            }
            java.util.List<String> out = new java.util.ArrayList<>();
            java.util.List<Spec> sp = new java.util.ArrayList<>();
            java.util.Set<String> all = e.fields().keySet();
            for (String n : all) {
                Spec spec = ROLES.get(n);
                if (spec != null) {
                    out.add(n);
                    sp.add(spec);
                }
            }
            names = out.toArray(new String[0]);
            specs = sp.toArray(new Spec[0]);
            urls = (all.contains("host") && all.contains("uri"))
                    || (all.contains("http.hostname") && all.contains("http.url"));
            key = layoutKey;
        }
    }

    private static void urls(
            @Nullable Object host, @Nullable Object uri, @Nullable Object hhost, @Nullable Object hurl, Sink sink) {
        if (host != null && uri != null) {
            sink.accept(IocKind.URL, "host+uri", "http://" + host + uri);
        }
        if (hhost != null && hurl != null) {
            sink.accept(IocKind.URL, "http.hostname+http.url", "http://" + hhost + hurl);
        }
    }

    private static void field(String name, Spec spec, Object v, Sink sink) {
        switch (spec.role()) {
            case KIND -> {
                IocKind kind = spec.kind();
                if (v instanceof String str) {
                    sink.accept(kind, name, str);
                } else if (v instanceof List<?> list) {
                    for (Object o : list) {
                        if (o != null && !(o instanceof Map) && !(o instanceof List)) {
                            sink.accept(kind, name, o.toString());
                        }
                    }
                } else if (!(v instanceof Map)) {
                    sink.accept(kind, name, v.toString());
                }
            }
            case IP_OR_DOMAIN -> {
                if (v instanceof List<?> list) {
                    for (Object o : list) {
                        if (o != null && !(o instanceof Map) && !(o instanceof List)) {
                            addressesOrNames(name, o.toString(), sink);
                        }
                    }
                } else if (!(v instanceof Map)) {
                    addressesOrNames(name, v.toString(), sink);
                }
            }
            case FILE_PATH ->
                each(v, s -> {
                    int slash = Math.max(s.lastIndexOf('\\'), s.lastIndexOf('/'));
                    String base = s.substring(slash + 1);
                    if (!base.isEmpty()) {
                        sink.accept(IocKind.FILENAME, name, base);
                    }
                });
            case HASHES -> each(v, s -> hashes(name, s, sink));
            case FINGERPRINT ->
                each(v, s -> {
                    int hex = s.replace(":", "").length();
                    sink.accept(hex == 64 ? IocKind.X509_SHA256 : IocKind.X509_SHA1, name, s);
                });
        }
    }

    /**
     * The parts of {@code s} split on {@code ;} and {@code ,}, trimmed, each an address or else a name (Sysmon's
     * {@code type:} noise skipped).
     */
    private static void addressesOrNames(String name, String s, Sink sink) {
        int n = s.length();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i < n) {
                char c = s.charAt(i);
                if (c != ';' && c != ',') {
                    continue;
                }
            }
            String p = (start == 0 && i == n ? s : s.substring(start, i)).trim();
            start = i + 1;
            if (p.isEmpty() || p.startsWith("type:")) {
                continue; // Sysmon QueryResults noise such as "type:  5 cname.example"
            }
            boolean address = (p.length() <= 64 && IocIndex.DottedQuad.parse(p, 0, p.length()) >= 0)
                    || IpAddresses.parse(p) != null;
            sink.accept(address ? IocKind.IP : IocKind.DOMAIN, name, p);
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
