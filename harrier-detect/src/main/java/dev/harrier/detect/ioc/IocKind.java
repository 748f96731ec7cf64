package dev.harrier.detect.ioc;

/** The kinds of observable an indicator can name, each with its own index and normalisation. */
public enum IocKind {
    MD5,
    SHA1,
    SHA256,
    SHA512,
    /** Kept for similarity search later; matched exactly for now. */
    SSDEEP,
    /** Kept for similarity search later; matched exactly for now. */
    TLSH,
    /** An IPv4 or IPv6 address or network (CIDR); matched by longest prefix. */
    IP,
    /** A domain name; matches the domain itself and its subdomains. */
    DOMAIN,
    /** A URL, normalised (scheme and host lower case, default port and fragment dropped, dot segments resolved). */
    URL,
    EMAIL,
    FILENAME,
    X509_SERIAL,
    X509_SHA1,
    X509_SHA256,
    JA3,
    JA3S,
    JA4
}
