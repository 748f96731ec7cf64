package dev.harrier.analysis.sample;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * Reads the signer of an Authenticode signature: a PKCS#7 {@code ContentInfo} holding {@code SignedData}. The
 * certificates and the first {@code SignerInfo}'s issuer and serial number are located with a small bounded DER
 * reader; each certificate is decoded by the platform's X.509 {@link CertificateFactory}. The signer is the
 * certificate the {@code SignerInfo} names; without one (a bare certificate bag) it is the certificate that issued
 * no other certificate of the set. Nothing is verified.
 */
final class Authenticode {
    private Authenticode() {}

    /** One DER element: tag, where its content starts and ends, where the whole element starts. */
    private record Tlv(int tag, int start, int contentStart, int end) {}

    private static Tlv read(byte[] b, int at, int limit, long base) throws PeFormatException {
        if (at + 2 > limit) {
            throw new PeFormatException(base + at, "PKCS#7 DER element", "truncated header");
        }
        int tag = b[at] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new PeFormatException(base + at, "PKCS#7 DER element", "multi-byte tags are not used by PKCS#7");
        }
        int lenByte = b[at + 1] & 0xff;
        int p = at + 2;
        long len;
        if (lenByte < 0x80) {
            len = lenByte;
        } else {
            int n = lenByte & 0x7f;
            if (n == 0 || n > 4) {
                throw new PeFormatException(base + at, "PKCS#7 DER length", "indefinite or oversized length");
            }
            if (p + n > limit) {
                throw new PeFormatException(base + at, "PKCS#7 DER length", "truncated length");
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (b[p++] & 0xff);
            }
        }
        if (len > limit - p) {
            throw new PeFormatException(
                    base + at, "PKCS#7 DER element", "length " + len + " runs past the end of its container");
        }
        return new Tlv(tag, at, p, (int) (p + len));
    }

    private static List<Tlv> children(byte[] b, Tlv parent, long base) throws PeFormatException {
        List<Tlv> out = new ArrayList<>();
        int p = parent.contentStart();
        while (p < parent.end()) {
            Tlv t = read(b, p, parent.end(), base);
            out.add(t);
            p = t.end();
            if (out.size() > 10_000) {
                throw new PeFormatException(base + p, "PKCS#7", "too many elements");
            }
        }
        return out;
    }

    private static Tlv expect(Tlv t, int tag, String what, long base) throws PeFormatException {
        if (t.tag() != tag) {
            throw new PeFormatException(
                    base + t.start(),
                    what,
                    String.format(Locale.ROOT, "expected tag 0x%02x, found 0x%02x", tag, t.tag()));
        }
        return t;
    }

    /**
     * The signer of the PKCS#7 {@code der}, which lies at file offset {@code base} (for messages); null when it has
     * no certificates.
     */
    static @Nullable CodeSigner signer(byte[] der, long base) throws PeFormatException {
        Tlv contentInfo = expect(read(der, 0, der.length, base), 0x30, "PKCS#7 ContentInfo", base);
        List<Tlv> ci = children(der, contentInfo, base);
        if (ci.size() < 2) {
            throw new PeFormatException(base, "PKCS#7 ContentInfo", "no content");
        }
        Tlv explicit = expect(ci.get(1), 0xa0, "PKCS#7 ContentInfo content", base);
        List<Tlv> inner = children(der, explicit, base);
        if (inner.isEmpty()) {
            throw new PeFormatException(base + explicit.start(), "PKCS#7 SignedData", "empty");
        }
        Tlv signedData = expect(inner.get(0), 0x30, "PKCS#7 SignedData", base);
        List<X509Certificate> certs = new ArrayList<>();
        byte[] signerIssuer = null;
        BigInteger signerSerial = null;
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("X.509 is required by the Java platform", e);
        }
        List<Tlv> parts = children(der, signedData, base);
        for (int i = 0; i < parts.size(); i++) {
            Tlv t = parts.get(i);
            if (t.tag() == 0xa0) { // [0] IMPLICIT certificates
                for (Tlv c : children(der, t, base)) {
                    if (c.tag() != 0x30) {
                        continue; // other certificate formats
                    }
                    try {
                        certs.add((X509Certificate) factory.generateCertificate(
                                new ByteArrayInputStream(der, c.start(), c.end() - c.start())));
                    } catch (CertificateException | RuntimeException e) {
                        throw new PeFormatException(
                                base + c.start(), "PKCS#7 certificate", "not an X.509 certificate: " + e.getMessage());
                    }
                }
            } else if (t.tag() == 0x31 && i == parts.size() - 1 && i > 1) {
                // the last SET is signerInfos (the one after the version is digestAlgorithms);
                // take the first SignerInfo's issuerAndSerialNumber
                List<Tlv> infos = children(der, t, base);
                if (!infos.isEmpty() && infos.get(0).tag() == 0x30) {
                    List<Tlv> si = children(der, infos.get(0), base);
                    if (si.size() > 1 && si.get(1).tag() == 0x30) {
                        List<Tlv> ias = children(der, si.get(1), base);
                        if (ias.size() == 2
                                && ias.get(0).tag() == 0x30
                                && ias.get(1).tag() == 0x02) {
                            signerIssuer = Arrays.copyOfRange(
                                    der, ias.get(0).start(), ias.get(0).end());
                            signerSerial = new BigInteger(Arrays.copyOfRange(
                                    der, ias.get(1).contentStart(), ias.get(1).end()));
                        }
                    }
                }
            }
        }
        if (certs.isEmpty()) {
            return null;
        }
        X509Certificate chosen = null;
        if (signerSerial != null) {
            X500Principal issuer;
            try {
                issuer = new X500Principal(signerIssuer);
            } catch (IllegalArgumentException e) {
                issuer = null;
            }
            for (X509Certificate c : certs) {
                if (c.getSerialNumber().equals(signerSerial)
                        && (issuer == null || c.getIssuerX500Principal().equals(issuer))) {
                    chosen = c;
                    break;
                }
            }
        }
        if (chosen == null) {
            chosen = leaf(certs);
        }
        return describe(chosen);
    }

    private static X509Certificate leaf(List<X509Certificate> certs) {
        for (int i = 0; i < certs.size(); i++) {
            X509Certificate c = certs.get(i);
            boolean issuesAnother = false;
            for (int j = 0; j < certs.size(); j++) {
                X509Certificate other = certs.get(j);
                if (i != j
                        && other.getIssuerX500Principal().equals(c.getSubjectX500Principal())
                        && !other.getSubjectX500Principal().equals(other.getIssuerX500Principal())) {
                    issuesAnother = true;
                    break;
                }
            }
            if (!issuesAnother) {
                return c;
            }
        }
        return certs.get(0);
    }

    static CodeSigner describe(X509Certificate c) {
        String sha256;
        try {
            sha256 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return new CodeSigner(
                c.getSubjectX500Principal().getName(X500Principal.RFC2253),
                c.getIssuerX500Principal().getName(X500Principal.RFC2253),
                c.getSerialNumber().toString(16),
                sha256,
                c.getNotBefore().toInstant().toString(),
                c.getNotAfter().toInstant().toString());
    }
}
