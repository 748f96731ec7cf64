package dev.harrier.intel.read;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What one MISP attribute (type and value) is in STIX: the pattern comparisons that match it and the
 * cyber-observables that represent it. Attribute types that are not observables ({@code text}, {@code comment},
 * {@code link}, ...) map to nothing.
 */
final class MispObservables {
    private static final Pattern MAC = Pattern.compile("^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$");
    private static final Pattern TLSH = Pattern.compile("^(T1)?[0-9A-Fa-f]{70}$");
    private static final Pattern DIGITS = Pattern.compile("^\\d{1,10}$");

    /** A hash algorithm: the STIX key and the hex length (0 for non-hex hashes). */
    private record Hash(String key, int hexLength) {}

    private static final Map<String, Hash> HASHES = Map.ofEntries(
            Map.entry("md5", new Hash("MD5", 32)),
            Map.entry("sha1", new Hash("SHA-1", 40)),
            Map.entry("sha224", new Hash("SHA-224", 56)),
            Map.entry("sha256", new Hash("SHA-256", 64)),
            Map.entry("sha384", new Hash("SHA-384", 96)),
            Map.entry("sha512", new Hash("SHA-512", 128)),
            Map.entry("sha3-224", new Hash("SHA3-224", 56)),
            Map.entry("sha3-256", new Hash("SHA3-256", 64)),
            Map.entry("sha3-384", new Hash("SHA3-384", 96)),
            Map.entry("sha3-512", new Hash("SHA3-512", 128)),
            Map.entry("ssdeep", new Hash("SSDEEP", 0)),
            Map.entry("tlsh", new Hash("TLSH", 0)));

    /** A value that is not valid for its attribute type. */
    static final class InvalidValue extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidValue(String message) {
            super(message);
        }
    }

    /**
     * The STIX form of an attribute.
     *
     * @param comparisons the comparisons of a {@code stix} pattern (empty for other pattern languages)
     * @param scos the observables, referencing objects before referring ones
     * @param patternType {@code stix}, or the language of a rule attribute ({@code yara}, {@code sigma}, ...)
     * @param rule the rule text for non-STIX pattern types
     */
    record Mapped(List<StixPattern.Comparison> comparisons, List<ObjectNode> scos, String patternType, String rule) {
        static Mapped stix(List<StixPattern.Comparison> comparisons, List<ObjectNode> scos) {
            return new Mapped(comparisons, scos, "stix", "");
        }
    }

    private MispObservables() {}

    /** The attribute's STIX form; null when the type is not an observable. */
    static @Nullable Mapped map(String type, String rawValue) throws InvalidValue {
        String t = type.toLowerCase(Locale.ROOT);
        String v = rawValue.strip();
        if (v.isEmpty()) {
            throw new InvalidValue("empty value");
        }
        Hash hash = HASHES.get(t);
        if (hash != null) {
            return fileHash(null, hash, v);
        }
        switch (t) {
            case "ip-src", "ip-dst", "ip" -> {
                return ip(v);
            }
            case "ip-src|port", "ip-dst|port" -> {
                return ipPort(t.startsWith("ip-src") ? "src" : "dst", v);
            }
            case "domain", "hostname" -> {
                return Mapped.stix(
                        List.of(StixPattern.eq("domain-name", "value", host(v))), List.of(domainSco(host(v))));
            }
            case "domain|ip" -> {
                String[] p = split(v, t);
                String domain = host(p[0]);
                Mapped ip = ip(p[1]);
                ObjectNode ipSco = ip.scos().get(0);
                ObjectNode d = DerivedObjects.object();
                d.put("value", domain);
                d.putArray("resolves_to_refs").add(ipSco.path("id").asText());
                return Mapped.stix(
                        List.of(
                                StixPattern.eq("domain-name", "value", domain),
                                StixPattern.eq(
                                        "domain-name",
                                        "resolves_to_refs[*].value",
                                        ipSco.path("value").asText())),
                        List.of(ipSco, DerivedObjects.sco("domain-name", d)));
            }
            case "hostname|port" -> {
                String[] p = splitLast(v, t);
                String host = host(p[0]);
                long port = port(p[1]);
                return Mapped.stix(
                        List.of(
                                StixPattern.eq("network-traffic", "dst_ref.type", "domain-name"),
                                StixPattern.eq("network-traffic", "dst_ref.value", host),
                                StixPattern.eq("network-traffic", "dst_port", port)),
                        List.of(domainSco(host)));
            }
            case "url", "uri" -> {
                if (v.chars().anyMatch(Character::isWhitespace)) {
                    throw new InvalidValue("a URL cannot contain whitespace");
                }
                List<ObjectNode> scos = ValueChecks.isUrl(v) ? List.of(valueSco("url", v)) : List.of();
                return Mapped.stix(List.of(StixPattern.eq("url", "value", v)), scos);
            }
            case "filename" -> {
                return fileName(v);
            }
            case "email",
                    "email-src",
                    "email-dst",
                    "target-email",
                    "email-reply-to",
                    "whois-registrant-email",
                    "dns-soa-email" -> {
                if (!ValueChecks.isEmail(v)) {
                    throw new InvalidValue("not an e-mail address");
                }
                String path =
                        t.equals("email-src") ? "from_ref.value" : t.equals("email-dst") ? "to_refs[*].value" : null;
                StixPattern.Comparison c = path == null
                        ? StixPattern.eq("email-addr", "value", v)
                        : StixPattern.eq("email-message", path, v);
                return Mapped.stix(List.of(c), List.of(valueSco("email-addr", v)));
            }
            case "email-subject" -> {
                ObjectNode m = DerivedObjects.object();
                m.put("is_multipart", false);
                m.put("subject", v);
                return Mapped.stix(
                        List.of(StixPattern.eq("email-message", "subject", v)),
                        List.of(DerivedObjects.sco("email-message", m)));
            }
            case "email-attachment" -> {
                return Mapped.stix(
                        List.of(StixPattern.eq("email-message", "body_multipart[*].body_raw_ref.name", v)),
                        List.of(fileSco(v, null, null)));
            }
            case "as" -> {
                String digits = v.toUpperCase(Locale.ROOT).startsWith("AS") ? v.substring(2) : v;
                if (!DIGITS.matcher(digits).matches() || Long.parseLong(digits) > 4_294_967_295L) {
                    throw new InvalidValue("not an autonomous system number");
                }
                long n = Long.parseLong(digits);
                ObjectNode as = DerivedObjects.object();
                as.put("number", n);
                return Mapped.stix(
                        List.of(StixPattern.eq("autonomous-system", "number", n)),
                        List.of(DerivedObjects.sco("autonomous-system", as)));
            }
            case "mutex" -> {
                ObjectNode m = DerivedObjects.object();
                m.put("name", v);
                return Mapped.stix(
                        List.of(StixPattern.eq("mutex", "name", v)), List.of(DerivedObjects.sco("mutex", m)));
            }
            case "regkey" -> {
                ObjectNode k = DerivedObjects.object();
                k.put("key", v);
                return Mapped.stix(
                        List.of(StixPattern.eq("windows-registry-key", "key", v)),
                        List.of(DerivedObjects.sco("windows-registry-key", k)));
            }
            case "regkey|value" -> {
                String[] p = split(v, t);
                ObjectNode k = DerivedObjects.object();
                k.put("key", p[0]);
                k.putArray("values").addObject().put("data", p[1]);
                return Mapped.stix(
                        List.of(
                                StixPattern.eq("windows-registry-key", "key", p[0]),
                                StixPattern.eq("windows-registry-key", "values[*].data", p[1])),
                        List.of(DerivedObjects.sco("windows-registry-key", k)));
            }
            case "mac-address", "mac-eui-64" -> {
                String mac = v.toLowerCase(Locale.ROOT).replace('-', ':');
                if (!MAC.matcher(mac).matches()) {
                    throw new InvalidValue("not a MAC address");
                }
                return Mapped.stix(
                        List.of(StixPattern.eq("mac-addr", "value", mac)), List.of(valueSco("mac-addr", mac)));
            }
            case "ja3-fingerprint-md5", "jarm-fingerprint" -> {
                int len = t.startsWith("ja3") ? 32 : 62;
                if (!ValueChecks.isHex(v, len)) {
                    throw new InvalidValue("not a " + t + " (" + len + " hex digits)");
                }
                String prop = t.startsWith("ja3") ? "x_misp_ja3_fingerprint_md5" : "x_misp_jarm_fingerprint";
                return Mapped.stix(
                        List.of(StixPattern.eq("network-traffic", prop, v.toLowerCase(Locale.ROOT))), List.of());
            }
            case "x509-fingerprint-sha1", "x509-fingerprint-md5", "x509-fingerprint-sha256" -> {
                Hash h = HASHES.get(t.substring("x509-fingerprint-".length()));
                String hex = v.toLowerCase(Locale.ROOT).replace(":", "");
                if (!ValueChecks.isHex(hex, h.hexLength())) {
                    throw new InvalidValue("not a " + h.key() + " fingerprint");
                }
                ObjectNode x = DerivedObjects.object();
                x.putObject("hashes").put(h.key(), hex);
                return Mapped.stix(
                        List.of(StixPattern.eq("x509-certificate", StixPattern.key("hashes", h.key()), hex)),
                        List.of(DerivedObjects.sco("x509-certificate", x)));
            }
            case "user-agent" -> {
                return Mapped.stix(
                        List.of(StixPattern.eq(
                                "network-traffic", "extensions.'http-request-ext'.request_header.'User-Agent'", v)),
                        List.of());
            }
            case "port" -> {
                return Mapped.stix(List.of(StixPattern.eq("network-traffic", "dst_port", port(v))), List.of());
            }
            case "yara", "sigma", "snort", "suricata", "pcre" -> {
                return new Mapped(List.of(), List.of(), t, rawValue);
            }
            default -> {
                if (t.startsWith("filename|")) {
                    Hash h = HASHES.get(t.substring("filename|".length()));
                    if (h == null) {
                        return null;
                    }
                    String[] p = split(v, t);
                    return fileHash(p[0], h, p[1]);
                }
                return null;
            }
        }
    }

    /**
     * The comparisons of an attribute inside a MISP object, where the object's meaning refines the attribute's
     * ({@code ip} of a {@code domain-ip} object is what the domain resolves to); empty when the object adds nothing
     * and the attribute's own mapping applies.
     */
    static @Nullable List<StixPattern.Comparison> inObject(String objectName, String relation, String value)
            throws InvalidValue {
        String v = value.strip();
        switch (objectName + "/" + relation) {
            case "domain-ip/ip", "domain-ip/ip-dst", "domain-ip/ip-src" -> {
                ObjectNode ip = ip(v).scos().get(0);
                return List.of(StixPattern.eq(
                        "domain-name",
                        "resolves_to_refs[*].value",
                        ip.path("value").asText()));
            }
            case "ip-port/ip", "ip-port/ip-dst" -> {
                return List.of(StixPattern.eq(
                        "network-traffic",
                        "dst_ref.value",
                        ip(v).scos().get(0).path("value").asText()));
            }
            case "ip-port/ip-src" -> {
                return List.of(StixPattern.eq(
                        "network-traffic",
                        "src_ref.value",
                        ip(v).scos().get(0).path("value").asText()));
            }
            case "ip-port/dst-port" -> {
                return List.of(StixPattern.eq("network-traffic", "dst_port", port(v)));
            }
            case "ip-port/src-port" -> {
                return List.of(StixPattern.eq("network-traffic", "src_port", port(v)));
            }
            case "ip-port/domain", "ip-port/hostname" -> {
                return List.of(StixPattern.eq("network-traffic", "dst_ref.value", host(v)));
            }
            case "file/size-in-bytes" -> {
                return List.of(StixPattern.eq("file", "size", size(v)));
            }
            case "registry-key/key" -> {
                return List.of(StixPattern.eq("windows-registry-key", "key", v));
            }
            case "registry-key/data" -> {
                return List.of(StixPattern.eq("windows-registry-key", "values[*].data", v));
            }
            case "registry-key/name" -> {
                return List.of(StixPattern.eq("windows-registry-key", "values[*].name", v));
            }
            case "email/from" -> {
                return List.of(StixPattern.eq("email-message", "from_ref.value", v));
            }
            case "email/to" -> {
                return List.of(StixPattern.eq("email-message", "to_refs[*].value", v));
            }
            case "email/cc" -> {
                return List.of(StixPattern.eq("email-message", "cc_refs[*].value", v));
            }
            case "email/subject" -> {
                return List.of(StixPattern.eq("email-message", "subject", v));
            }
            case "x509/serial-number" -> {
                return List.of(StixPattern.eq("x509-certificate", "serial_number", v));
            }
            case "x509/issuer" -> {
                return List.of(StixPattern.eq("x509-certificate", "issuer", v));
            }
            case "x509/subject" -> {
                return List.of(StixPattern.eq("x509-certificate", "subject", v));
            }
            default -> {
                return null;
            }
        }
    }

    /** The size of a file ({@code size-in-bytes}). */
    static long size(String v) throws InvalidValue {
        if (!v.matches("\\d{1,18}")) {
            throw new InvalidValue("not a size in bytes");
        }
        return Long.parseLong(v);
    }

    private static String checkedHash(Hash h, String v) throws InvalidValue {
        if (h.hexLength() > 0) {
            if (!ValueChecks.isHex(v, h.hexLength())) {
                throw new InvalidValue("not a " + h.key() + " hash (" + h.hexLength() + " hex digits)");
            }
            return v.toLowerCase(Locale.ROOT);
        }
        if (h.key().equals("SSDEEP")) {
            if (!ValueChecks.isSsdeep(v)) {
                throw new InvalidValue("not an ssdeep hash");
            }
            int comma = v.indexOf(',');
            return comma < 0 ? v : v.substring(0, comma);
        }
        if (!TLSH.matcher(v).matches()) {
            throw new InvalidValue("not a TLSH hash");
        }
        return v.toUpperCase(Locale.ROOT);
    }

    private static Mapped fileHash(@Nullable String name, Hash h, String value) throws InvalidValue {
        String v = checkedHash(h, value.strip());
        List<StixPattern.Comparison> cs = new ArrayList<>();
        if (name != null) {
            if (name.isBlank()) {
                throw new InvalidValue("empty file name");
            }
            cs.add(StixPattern.eq("file", "name", name.strip()));
        }
        cs.add(StixPattern.eq("file", StixPattern.key("hashes", h.key()), v));
        boolean schemaSafe = !h.key().equals("TLSH") || v.length() == 70;
        List<ObjectNode> scos = schemaSafe
                ? List.of(fileSco(name == null ? null : name.strip(), h.key(), v))
                : name == null ? List.of() : List.of(fileSco(name.strip(), null, null));
        return Mapped.stix(cs, scos);
    }

    private static Mapped fileName(String v) {
        return Mapped.stix(List.of(StixPattern.eq("file", "name", v)), List.of(fileSco(v, null, null)));
    }

    static ObjectNode fileSco(@Nullable String name, @Nullable String hashKey, @Nullable String hash) {
        ObjectNode f = DerivedObjects.object();
        if (hashKey != null && hash != null) {
            f.putObject("hashes").put(hashKey, hash);
        }
        if (name != null) {
            f.put("name", name);
        }
        return DerivedObjects.sco("file", f);
    }

    private static Mapped ip(String v) throws InvalidValue {
        String type;
        String value = v;
        if (ValueChecks.isIpv4(v)) {
            type = "ipv4-addr";
        } else if (ValueChecks.isIpv4Cidr(v)) {
            type = "ipv4-addr";
        } else if (ValueChecks.isIpv6(v) || ValueChecks.isIpv6Cidr(v)) {
            type = "ipv6-addr";
            value = v.toLowerCase(Locale.ROOT);
        } else {
            throw new InvalidValue("not an IP address or CIDR block");
        }
        StixPattern.Comparison c =
                value.contains("/") ? StixPattern.subset(type, "value", value) : StixPattern.eq(type, "value", value);
        return Mapped.stix(List.of(c), List.of(valueSco(type, value)));
    }

    private static Mapped ipPort(String side, String v) throws InvalidValue {
        String[] p = splitLast(v, "ip-" + side + "|port");
        if (p[0].contains("/")) {
            throw new InvalidValue("a CIDR block cannot have a port");
        }
        ObjectNode ip = ip(p[0]).scos().get(0);
        long port = port(p[1]);
        ObjectNode nt = DerivedObjects.object();
        nt.put(side + "_ref", ip.path("id").asText());
        nt.put(side + "_port", port);
        nt.putArray("protocols").add(ip.path("type").asText().equals("ipv4-addr") ? "ipv4" : "ipv6");
        return Mapped.stix(
                List.of(
                        StixPattern.eq(
                                "network-traffic",
                                side + "_ref.type",
                                ip.path("type").asText()),
                        StixPattern.eq(
                                "network-traffic",
                                side + "_ref.value",
                                ip.path("value").asText()),
                        StixPattern.eq("network-traffic", side + "_port", port)),
                List.of(ip, DerivedObjects.sco("network-traffic", nt)));
    }

    private static String host(String v) throws InvalidValue {
        if (!ValueChecks.isHostname(v)) {
            throw new InvalidValue("not a domain or host name");
        }
        String a = ValueChecks.ascii(v);
        return a == null ? v : a;
    }

    private static long port(String v) throws InvalidValue {
        String s = v.strip();
        if (!DIGITS.matcher(s).matches() || Long.parseLong(s) > 65535) {
            throw new InvalidValue("not a port number");
        }
        return Long.parseLong(s);
    }

    private static ObjectNode valueSco(String type, String value) {
        ObjectNode n = DerivedObjects.object();
        n.put("value", value);
        return DerivedObjects.sco(type, n);
    }

    private static ObjectNode domainSco(String domain) {
        return valueSco("domain-name", domain);
    }

    private static String[] split(String v, String type) throws InvalidValue {
        int bar = v.indexOf('|');
        if (bar <= 0 || bar == v.length() - 1) {
            throw new InvalidValue("a " + type + " value has two parts separated by '|'");
        }
        return new String[] {v.substring(0, bar).strip(), v.substring(bar + 1).strip()};
    }

    private static String[] splitLast(String v, String type) throws InvalidValue {
        int bar = v.lastIndexOf('|');
        if (bar <= 0 || bar == v.length() - 1) {
            throw new InvalidValue("a " + type + " value has two parts separated by '|'");
        }
        return new String[] {v.substring(0, bar).strip(), v.substring(bar + 1).strip()};
    }
}
