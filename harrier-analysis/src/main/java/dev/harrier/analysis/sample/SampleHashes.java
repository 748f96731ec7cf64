package dev.harrier.analysis.sample;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The hashes of one sample, lower-case hex (and the ssdeep digest); any may be absent for a sample known only from a
 * report, but not all of MD5, SHA-1 and SHA-256.
 *
 * @param md5 MD5
 * @param sha1 SHA-1
 * @param sha256 SHA-256
 * @param ssdeep the {@linkplain FuzzyHash fuzzy hash}
 */
public record SampleHashes(
        @Nullable String md5,
        @Nullable String sha1,
        @Nullable String sha256,
        @Nullable String ssdeep) {
    private static final Pattern HEX = Pattern.compile("^[0-9a-f]+$");

    /** Validates lengths and digits, and that at least one cryptographic hash is present. */
    public SampleHashes {
        md5 = checkHex("md5", md5, 32);
        sha1 = checkHex("sha1", sha1, 40);
        sha256 = checkHex("sha256", sha256, 64);
        if (ssdeep != null && !FuzzyHash.isValid(ssdeep)) {
            throw new IllegalArgumentException("ssdeep: not a fuzzy hash (blocksize:sig1:sig2): " + ssdeep);
        }
        if (md5 == null && sha1 == null && sha256 == null) {
            throw new IllegalArgumentException("no md5, sha1 or sha256");
        }
    }

    static @Nullable String checkHex(String what, @Nullable String value, int length) {
        if (value == null) {
            return null;
        }
        String v = value.toLowerCase(java.util.Locale.ROOT);
        if (v.length() != length || !HEX.matcher(v).matches()) {
            throw new IllegalArgumentException(what + ": not " + length + " hex digits: " + value);
        }
        return v;
    }

    /** The strongest hash present: SHA-256, else SHA-1, else MD5 (used as the sample's key). */
    public String key() {
        if (sha256 != null) {
            return sha256;
        }
        return sha1 != null ? sha1 : java.util.Objects.requireNonNull(md5);
    }
}
