package dev.harrier.analysis.sample;

import org.jspecify.annotations.Nullable;

/**
 * The certificate that signed a PE file (Authenticode), as read from its security directory. Harrier reads the
 * signature; it does not verify it (nor the chain), so a signer is a claim of the file, useful to link samples that
 * carry the same certificate.
 *
 * @param subject the certificate's subject (RFC 2253)
 * @param issuer the certificate's issuer (RFC 2253)
 * @param serial the serial number, lower-case hex
 * @param sha256 SHA-256 of the certificate's DER encoding, lower-case hex: the key used to compare signers
 * @param notBefore start of validity (ISO-8601), when known
 * @param notAfter end of validity (ISO-8601), when known
 */
public record CodeSigner(
        String subject,
        String issuer,
        String serial,
        String sha256,
        @Nullable String notBefore,
        @Nullable String notAfter) {}
