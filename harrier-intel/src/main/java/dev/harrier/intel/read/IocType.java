package dev.harrier.intel.read;

import java.util.Locale;
import java.util.Optional;

/** The kinds of indicator an IOC list can hold, how each is recognised and how it becomes a STIX pattern. */
enum IocType {
    URL("url"),
    IPV4_CIDR("ipv4-cidr"),
    IPV6_CIDR("ipv6-cidr"),
    IPV4("ipv4"),
    IPV6("ipv6"),
    EMAIL("email"),
    MD5("md5"),
    SHA1("sha1"),
    SHA256("sha256"),
    SHA512("sha512"),
    SSDEEP("ssdeep"),
    FILENAME("filename"),
    DOMAIN("domain");

    private final String label;

    IocType(String label) {
        this.label = label;
    }

    /** The name written to {@code x_harrier_ioc_type}. */
    String label() {
        return label;
    }

    /** Whether {@code v} (refanged) is a valid value of this type. */
    boolean accepts(String v) {
        return switch (this) {
            case URL -> ValueChecks.isUrl(v);
            case IPV4_CIDR -> ValueChecks.isIpv4Cidr(v);
            case IPV6_CIDR -> ValueChecks.isIpv6Cidr(v);
            case IPV4 -> ValueChecks.isIpv4(v);
            case IPV6 -> ValueChecks.isIpv6(v);
            case EMAIL -> ValueChecks.isEmail(v);
            case MD5 -> ValueChecks.isHex(v, 32);
            case SHA1 -> ValueChecks.isHex(v, 40);
            case SHA256 -> ValueChecks.isHex(v, 64);
            case SHA512 -> ValueChecks.isHex(v, 128);
            case SSDEEP -> ValueChecks.isSsdeep(v);
            case FILENAME -> ValueChecks.isFileName(v);
            case DOMAIN -> ValueChecks.isDomain(v);
        };
    }

    /**
     * The type of a value: URL, CIDR, IP, e-mail, hash, ssdeep, a file name with a well-known extension, a domain,
     * then any file name.
     */
    static Optional<IocType> detect(String v) {
        if (v.isEmpty() || v.length() > 8192) {
            return Optional.empty();
        }
        for (IocType t :
                new IocType[] {URL, IPV4_CIDR, IPV6_CIDR, IPV4, IPV6, EMAIL, MD5, SHA1, SHA256, SHA512, SSDEEP}) {
            if (t.accepts(v)) {
                return Optional.of(t);
            }
        }
        if (ValueChecks.isKnownFileName(v) && !v.contains("/")) {
            return Optional.of(FILENAME);
        }
        if (DOMAIN.accepts(v)) {
            return Optional.of(DOMAIN);
        }
        if (FILENAME.accepts(v)) {
            return Optional.of(FILENAME);
        }
        return Optional.empty();
    }

    /**
     * The type named in a CSV type column, as a family of candidate types: {@code ip} means IPv4 or IPv6, {@code
     * hash} any hash length. Empty when the name is unknown (the value's own shape decides then).
     */
    static Optional<IocType[]> fromColumn(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        return switch (n) {
            case "ip", "ips", "ip-address", "ip-dst", "ip-src", "ipv4", "ipv4-addr", "ipv6", "ipv6-addr", "address" ->
                Optional.of(new IocType[] {IPV4, IPV6, IPV4_CIDR, IPV6_CIDR});
            case "cidr", "subnet", "network", "ip-range", "netblock" ->
                Optional.of(new IocType[] {IPV4_CIDR, IPV6_CIDR, IPV4, IPV6});
            case "domain", "domain-name", "hostname", "host", "fqdn" -> Optional.of(new IocType[] {DOMAIN});
            case "url", "uri", "link" -> Optional.of(new IocType[] {URL});
            case "email", "e-mail", "email-addr", "email-src", "email-dst", "mail" ->
                Optional.of(new IocType[] {EMAIL});
            case "md5" -> Optional.of(new IocType[] {MD5});
            case "sha1", "sha-1" -> Optional.of(new IocType[] {SHA1});
            case "sha256", "sha-256" -> Optional.of(new IocType[] {SHA256});
            case "sha512", "sha-512" -> Optional.of(new IocType[] {SHA512});
            case "hash", "filehash", "file-hash" -> Optional.of(new IocType[] {MD5, SHA1, SHA256, SHA512, SSDEEP});
            case "ssdeep" -> Optional.of(new IocType[] {SSDEEP});
            case "filename", "file-name", "file" -> Optional.of(new IocType[] {FILENAME});
            default -> Optional.empty();
        };
    }

    /** The value as it is compared and named: lower case where case does not matter. */
    String normalize(String v) {
        switch (this) {
            case DOMAIN -> {
                String a = ValueChecks.ascii(v);
                return a == null ? v : a;
            }
            case MD5, SHA1, SHA256, SHA512, IPV6, IPV6_CIDR -> {
                return v.toLowerCase(Locale.ROOT);
            }
            case EMAIL -> {
                int at = v.lastIndexOf('@');
                return v.substring(0, at + 1) + v.substring(at + 1).toLowerCase(Locale.ROOT);
            }
            default -> {
                return v;
            }
        }
    }

    /** The STIX pattern matching the (normalized) value. */
    String pattern(String v) {
        return switch (this) {
            case URL -> one(StixPattern.eq("url", "value", v));
            case IPV4_CIDR -> one(StixPattern.subset("ipv4-addr", "value", v));
            case IPV6_CIDR -> one(StixPattern.subset("ipv6-addr", "value", v));
            case IPV4 -> one(StixPattern.eq("ipv4-addr", "value", v));
            case IPV6 -> one(StixPattern.eq("ipv6-addr", "value", v));
            case EMAIL -> one(StixPattern.eq("email-addr", "value", v));
            case MD5 -> one(StixPattern.eq("file", StixPattern.key("hashes", "MD5"), v));
            case SHA1 -> one(StixPattern.eq("file", StixPattern.key("hashes", "SHA-1"), v));
            case SHA256 -> one(StixPattern.eq("file", StixPattern.key("hashes", "SHA-256"), v));
            case SHA512 -> one(StixPattern.eq("file", StixPattern.key("hashes", "SHA-512"), v));
            case SSDEEP -> one(StixPattern.eq("file", StixPattern.key("hashes", "SSDEEP"), v));
            case FILENAME -> one(StixPattern.eq("file", "name", v));
            case DOMAIN -> one(StixPattern.eq("domain-name", "value", v));
        };
    }

    private static String one(StixPattern.Comparison c) {
        return StixPattern.of(java.util.List.of(c));
    }
}
